#!/usr/bin/env python3
"""Writes Rapport's own reply-splitting cases (core/src/test/resources/replies/rapport/cases.json).

One case per form the splitter must know, in the languages of the users' mail clients, each in
plain text and in simple HTML. `expected` is what the writer wrote now.
Usage: own_cases.py OUT_FILE
"""
import html
import json
import sys

ADDR = "Jane Roe <jane@example.com>"
LANGS = {
    # code: (body, closing, attribution, outlook block, original-message marker, forward marker, mobile line)
    "en": ("Thank you for the pointers on the gait study.\nCould we talk for 15 minutes next week?", "Best regards,\nAmina",
           "On Fri, Nov 24, 2017 at 4:32 PM " + ADDR + " wrote:",
           "From: Jane Roe <jane@example.com>\nSent: Friday, November 24, 2017 4:32 PM\nTo: Amina Bello\nSubject: RE: Gait study",
           "-----Original Message-----", "---------- Forwarded message ---------", "Sent from my iPhone"),
    "es": ("Gracias por sus comentarios sobre el estudio.\n¿Podríamos hablar 15 minutos la próxima semana?", "Saludos cordiales,\nAmina",
           "El vie., 24 nov. 2017 a las 16:32, Jane Roe (<jane@example.com>) escribió:",
           "De: Jane Roe <jane@example.com>\nEnviado el: viernes, 24 de noviembre de 2017 16:32\nPara: Amina Bello\nAsunto: RE: Estudio",
           "-----Mensaje original-----", "---------- Mensaje reenviado ---------", "Enviado desde mi iPhone"),
    "pt": ("Obrigada pelas sugestões sobre o estudo.\nPoderíamos conversar 15 minutos na próxima semana?", "Atenciosamente,\nAmina",
           "Em sex., 24 de nov. de 2017 às 16:32, " + ADDR + " escreveu:",
           "De: Jane Roe <jane@example.com>\nEnviado: sexta-feira, 24 de novembro de 2017 16:32\nPara: Amina Bello\nAssunto: RE: Estudo",
           "-----Mensagem original-----", "---------- Mensagem encaminhada ---------", "Enviado do meu iPhone"),
    "fr": ("Merci pour vos remarques sur l'étude.\nPourrions-nous parler 15 minutes la semaine prochaine ?", "Cordialement,\nAmina",
           "Le ven. 24 nov. 2017 à 16:32, " + ADDR + " a écrit :",
           "De : Jane Roe <jane@example.com>\nEnvoyé : vendredi 24 novembre 2017 16:32\nÀ : Amina Bello\nObjet : RE: Étude",
           "-----Message d'origine-----", "Début du message réexpédié :", "Envoyé de mon iPhone"),
    "de": ("Vielen Dank für Ihre Hinweise zur Studie.\nHätten Sie nächste Woche 15 Minuten Zeit?", "Mit freundlichen Grüßen\nAmina",
           "Am Fr., 24. Nov. 2017 um 16:32 Uhr schrieb " + ADDR + ":",
           "Von: Jane Roe <jane@example.com>\nGesendet: Freitag, 24. November 2017 16:32\nAn: Amina Bello\nBetreff: AW: Studie",
           "-----Ursprüngliche Nachricht-----", "---------- Weitergeleitete Nachricht ---------", "Gesendet von Outlook für Android"),
    "it": ("Grazie per i suggerimenti sullo studio.\nPotremmo parlare 15 minuti la prossima settimana?", "Cordiali saluti,\nAmina",
           "Il giorno ven 24 nov 2017 alle ore 16:32 " + ADDR + " ha scritto:",
           "Da: Jane Roe <jane@example.com>\nInviato: venerdì 24 novembre 2017 16:32\nA: Amina Bello\nOggetto: R: Studio",
           "-----Messaggio originale-----", "---------- Messaggio inoltrato ---------", "Inviato da iPhone"),
    "nl": ("Bedankt voor uw opmerkingen over de studie.\nKunnen we volgende week 15 minuten praten?", "Met vriendelijke groet,\nAmina",
           "Op vr 24 nov. 2017 om 16:32 schreef " + ADDR + ":",
           "Van: Jane Roe <jane@example.com>\nVerzonden: vrijdag 24 november 2017 16:32\nAan: Amina Bello\nOnderwerp: RE: Studie",
           "-----Oorspronkelijk bericht-----", "---------- Doorgestuurd bericht ---------", "Verzonden vanaf mijn iPhone"),
    "pl": ("Dziękuję za uwagi dotyczące badania.\nCzy moglibyśmy porozmawiać 15 minut w przyszłym tygodniu?", "Z poważaniem,\nAmina",
           "pt., 24 lis 2017 o 16:32 " + ADDR + " napisał(a):",
           "Od: Jane Roe <jane@example.com>\nWysłano: piątek, 24 listopada 2017 16:32\nDo: Amina Bello\nTemat: RE: Badanie",
           "-----Wiadomość oryginalna-----", "---------- Przekazana wiadomość ---------", "Wysłane z iPhone'a"),
    "ru": ("Спасибо за замечания по исследованию.\nМожем ли мы поговорить 15 минут на следующей неделе?", "С уважением,\nАмина",
           "пт, 24 нояб. 2017 г. в 16:32, " + ADDR + ":",
           "От: Jane Roe <jane@example.com>\nОтправлено: 24 ноября 2017 г. 16:32\nКому: Amina Bello\nТема: RE: Исследование",
           "-----Исходное сообщение-----", "-------- Пересылаемое сообщение --------", "Отправлено с iPhone"),
    "ar": ("شكرا على ملاحظاتك حول الدراسة.\nهل يمكننا التحدث لمدة 15 دقيقة الأسبوع المقبل؟", "مع أطيب التحيات،\nأمينة",
           "في الجمعة، 24 نوفمبر 2017 في 4:32 م، كتب " + ADDR + ":",
           "من: Jane Roe <jane@example.com>\nأرسلت: الجمعة، 24 نوفمبر 2017 04:32 م\nإلى: Amina Bello\nالموضوع: RE: الدراسة",
           "-----الرسالة الأصلية-----", "---------- الرسالة المعاد توجيهها ---------", "أرسلت من iPhone"),
    "tr": ("Çalışma hakkındaki notlarınız için teşekkürler.\nGelecek hafta 15 dakika konuşabilir miyiz?", "Saygılarımla,\nAmina",
           ADDR + ", 24 Kas 2017 Cum, 16:32 tarihinde şunu yazdı:",
           "Kimden: Jane Roe <jane@example.com>\nGönderildi: 24 Kasım 2017 Cuma 16:32\nKime: Amina Bello\nKonu: RE: Çalışma",
           "-----Orijinal Mesaj-----", "---------- İletilen mesaj ---------", "iPhone'umdan gönderildi"),
    "zh": ("感谢您对研究的意见。\n下周我们能谈15分钟吗？", "此致\nAmina",
           ADDR + " 于2017年11月24日周五 下午4:32写道：",
           "发件人: Jane Roe <jane@example.com>\n发送时间: 2017年11月24日 16:32\n收件人: Amina Bello\n主题: 回复: 研究",
           "-----原始邮件-----", "---------- 转发的邮件 ---------", "从我的iPhone发送"),
    "ja": ("研究へのご意見ありがとうございます。\n来週15分ほどお話しできますか？", "よろしくお願いいたします。\nAmina",
           "2017年11月24日(金) 16:32 " + ADDR + ":",
           "差出人: Jane Roe <jane@example.com>\n送信日時: 2017年11月24日 16:32\n宛先: Amina Bello\n件名: RE: 研究",
           "-----元のメッセージ-----", "---------- 転送されたメッセージ ---------", "iPhoneから送信"),
    "ko": ("연구에 대한 의견 감사합니다.\n다음 주에 15분 정도 이야기할 수 있을까요?", "감사합니다.\nAmina",
           "2017년 11월 24일 (금) 오후 4:32, " + ADDR + "님이 작성:",
           "보낸 사람: Jane Roe <jane@example.com>\n보낸 날짜: 2017년 11월 24일 금요일 오후 4:32\n받는 사람: Amina Bello\n제목: RE: 연구",
           "-----원본 메시지-----", "---------- 전달된 메시지 ---------", "iPhone에서 보냄"),
    "hi": ("अध्ययन पर आपकी टिप्पणियों के लिए धन्यवाद।\nक्या हम अगले सप्ताह 15 मिनट बात कर सकते हैं?", "सादर,\nAmina",
           "शुक्र, 24 नव॰ 2017 को 4:32 pm को " + ADDR + " ने लिखा:",
           "प्रेषक: Jane Roe <jane@example.com>\nभेजा गया: शुक्रवार, 24 नवंबर 2017 4:32 PM\nप्रति: Amina Bello\nविषय: RE: अध्ययन",
           "-----मूल संदेश-----", "---------- अग्रेषित संदेश ---------", "मेरे iPhone से भेजा गया"),
}
QUOTED = "Happy to help. Send me the draft first.\nJane"
CASES = []


def to_html(text):
    out = []
    for line in text.split("\n"):
        out.append("<div>%s</div>" % html.escape(line) if line.strip() else "<div><br></div>")
    return "<html><body>" + "".join(out) + "</body></html>"


def add(cid, text, expected, compare="before-quote", html_too=True, html_input=None):
    CASES.append({"id": "rapport/" + cid, "format": "text", "input": text, "expected": expected,
                  "compare": compare, "whitespace": "collapse"})
    if html_too:
        CASES.append({"id": "rapport/" + cid + "/html", "format": "html", "input": html_input or to_html(text),
                      "expected": expected, "compare": compare, "whitespace": "remove"})


for lang, (body, closing, attribution, outlook, original, forward, mobile) in LANGS.items():
    mine = body + "\n\n" + closing
    quoted = "\n".join("> " + l for l in QUOTED.split("\n"))
    add(lang + "/attribution-then-quote", mine + "\n\n" + attribution + "\n" + quoted + "\n", mine)
    add(lang + "/attribution-then-plain-text", mine + "\n\n" + attribution + "\n\n" + QUOTED + "\n", mine)
    add(lang + "/outlook-block", mine + "\n\n" + outlook + "\n\n" + QUOTED + "\n", mine)
    add(lang + "/outlook-block-under-rule", mine + "\n\n" + "_" * 32 + "\n" + outlook + "\n\n" + QUOTED + "\n", mine)
    add(lang + "/original-message", mine + "\n\n" + original + "\n" + outlook + "\n\n" + QUOTED + "\n", mine)
    add(lang + "/forward", mine + "\n\n" + forward + "\n" + outlook + "\n\n" + QUOTED + "\n", mine)
    add(lang + "/mobile-signature", body + "\n\n" + mobile + "\n", body, compare="new-text")
    add(lang + "/mobile-signature-then-quote", body + "\n\n" + mobile + "\n\n" + attribution + "\n" + quoted + "\n",
        body, compare="new-text")
    # HTML: the attribution in a <div>, the quoted message in a plain <blockquote>.
    add(lang + "/html-attribution-blockquote", "", mine, html_too=False)
    CASES.pop()
    CASES.append({"id": "rapport/" + lang + "/html-attribution-blockquote", "format": "html",
                  "input": to_html(mine).replace("</body></html>", "") + "<div>" + html.escape(attribution)
                  + "</div><blockquote><div>" + html.escape(QUOTED) + "</div></blockquote></body></html>",
                  "expected": mine, "compare": "before-quote", "whitespace": "remove"})

B = "Thanks for the quick answer.\nI will send the abstract on Monday."
add("en/zoho-dashes", B + "\n\n---- On Fri, 24 Nov 2017 16:32:00 +0100 Jane Roe <jane@example.com> wrote ----\n\n" + QUOTED, B)
add("en/android-dashes", B + "\n\n---- Jane Roe wrote ----\n\n> " + QUOTED.replace("\n", "\n> "), B)
add("en/on-sent", B + "\n\nOn 11-Apr-2011, at 6:54 PM, Jane Roe <jane@example.com> sent:\n\n> Hi", B)
add("en/wrote-no-colon", B + "\n\nOn Fri, Nov 24, 2017 at 4:32 PM Jane Roe <jane@example.com> wrote\n> Hi", B)
add("en/reply-on-attribution-line", "Sounds good On Fri, Nov 24, 2017 at 4:32 PM, jane@example.com wrote:\n> Hi", "Sounds good")
add("en/date-name-address", B + "\n\n2017-11-24 16:32 GMT+01:00 Jane Roe <jane@example.com>:\n\n" + QUOTED, B)
add("en/outlook-date-first", B + "\n\nDate: Fri, 24 Nov 2017 16:32:00 +0100\nFrom: jane@example.com\nTo: amina@example.com\n\n" + QUOTED, B)
add("en/outlook-under-dash-rule", B + "\n\n" + "-" * 30 + "\nFrom: Jane Roe\nSent: Friday\nTo: Amina\nSubject: Hi\n\n" + QUOTED, B)
add("en/bold-outlook", B + "\n\n*From:* Jane Roe <jane@example.com>\n*Sent:* Friday, November 24, 2017 4:32 PM\n*To:* Amina\n*Subject:* Hi\n\n" + QUOTED, B)
add("en/text-after-quoted-forward", "Hello Jane,\n\nBegin forwarded message:\n\n> From: Bob <bob@example.com>\n> Date: 24 November 2017\n> Subject: Data\n>\n> The numbers.\n\nCould you look at these numbers?",
    "Hello Jane,\n\nCould you look at these numbers?")
add("en/text-after-quote", "On Fri, Nov 24, 2017 at 4:32 PM Jane Roe <jane@example.com> wrote:\n> Can you come?\n\nYes, I can come on Monday.", "Yes, I can come on Monday.")
add("en/own-arrows", "See the new page:\n>>> https://example.org/stroke-rehab <<<\nIt has the protocol.", "See the new page:\n>>> https://example.org/stroke-rehab <<<\nIt has the protocol.")
add("en/sparrow-forward", B + "\n\nForwarded message:\n\n> From: Bob\n> Hi", B)
for sig in ("Sent from my Verizon Wireless BlackBerry", "Get Outlook for iOS", "Sent from TypeApp", "Sent from Yahoo Mail on Android",
            "Sent from Mail for Windows 10", "Sent from my Samsung Galaxy smartphone."):
    add("en/mobile/" + sig.replace(" ", "-").lower(), B + "\n\n" + sig, B, compare="new-text")
add("en/dash-name", "Hey!\nSee you Monday.\n-Abhishek", "Hey!\nSee you Monday.", compare="new-text")
add("en/dash-dash-dash", "See you Monday.\n---\nRoman", "See you Monday.", compare="new-text")
add("en/em-dash-rule", "See you Monday.\n\u2014\nRoman Petrov\nUniversity of Tartu", "See you Monday.", compare="new-text")
add("en/mailing-list-footer", "See you Monday.\n\n__\nrehab-list mailing list\nhttps://lists.example.org/rehab", "See you Monday.", compare="new-text")
add("en/list-items-stay", "Two topics I would like to ask about:\n- stroke rehab\n- spinal cord injury", "Two topics I would like to ask about:\n- stroke rehab\n- spinal cord injury", compare="new-text")
NOTICE = ("CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole use of the intended "
          "recipient(s) and may contain confidential and privileged information. Any unauthorized review, use, disclosure "
          "or distribution is prohibited. If you are not the intended recipient, please contact the sender by reply e-mail "
          "and destroy all copies of the original message.")
add("en/confidentiality-notice", "Dear Dr. Lee,\n\n" + B + "\n\nKind regards,\nAmina Bello\n\n" + NOTICE,
    "Dear Dr. Lee,\n\n" + B + "\n\nKind regards,", compare="new-text")
add("en/outlook-disclaimer", B + "\n\nThis email and any files transmitted with it are confidential and intended solely for the use of the individual to whom they are addressed.",
    B, compare="new-text")
CASES.append({"id": "rapport/en/yahoo-prefixed-class", "format": "html",
              "input": "<div>" + html.escape(B) + "</div><div class=\"yiv0123yahoo_quoted\"><div>On Friday, Jane wrote:</div><div>" + QUOTED + "</div></div>",
              "expected": B, "compare": "before-quote", "whitespace": "remove"})
CASES.append({"id": "rapport/en/plain-blockquote-last", "format": "html",
              "input": "<div>" + html.escape(B) + "</div><blockquote>" + QUOTED + "</blockquote>",
              "expected": B, "compare": "before-quote", "whitespace": "remove"})
# Not quotes: lines that only look like the start of one.
add("en/body-with-colon-fields", "Invitation for an interview:\n\nDate: Wednesday 3 October\nTime: 7:00am\nAddress: 130 Fox St\n\nPlease bring your ID.",
    "Invitation for an interview:\n\nDate: Wednesday 3 October\nTime: 7:00am\nAddress: 130 Fox St\n\nPlease bring your ID.")
add("en/body-mentions-wrote", "In your paper you wrote:\n\nthe effect fades after six weeks.\n\nDoes that hold for older patients?",
    "In your paper you wrote:\n\nthe effect fades after six weeks.\n\nDoes that hold for older patients?")
add("en/line-starts-with-on", "On Monday I start the rotation.\nOn Tuesday I am free.", "On Monday I start the rotation.\nOn Tuesday I am free.")

with open(sys.argv[1], "w", encoding="utf8") as f:
    json.dump(CASES, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(len(CASES), "cases")
