package dev.rapport.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Splits a draft's text into greeting, body, closing, signature, quoted and forwarded segments.
 *
 * <p>Works line by line on plain text; an HTML parser passes the kinds it already knows from the
 * markup (Thunderbird's {@code blockquote type=cite}, Gmail's {@code gmail_quote} …) as forced
 * kinds, and the text rules fill in the rest. Stateless.
 */
final class StructureSplitter {
  private StructureSplitter() {}

  private static final int MAX_REGEX_LINE = 2_000;

  /** Forward markers, in the languages of the clients that write them. */
  private static final Pattern FORWARD_MARK =
      Pattern.compile(
          "^\\s*>?\\s*(?:-{2,}\\s*)?(?:Forwarded message|Forwarded Message|Forwarded e-?mail|Weitergeleitete Nachricht"
              + "|Mensaje reenviado|Message transféré|Mensagem encaminhada|Messaggio inoltrato|Doorgestuurd bericht"
              + "|Przekazana wiadomość|Wiadomość przekazana|Пересылаемое сообщение|Пересланное сообщение|Videresendt meddelelse"
              + "|Vidarebefordrat meddelande|Iletilen ileti|İletilen mesaj|转发的邮件|転送されたメッセージ|전달된 메시지"
              + "|الرسالة المُعاد توجيهها|الرسالة المعاد توجيهها|अग्रेषित संदेश|Original Message Follows)\\s*:?\\s*(?:-{2,})?\\s*$"
              + "|^\\s*>?\\s*(?:Begin forwarded message|Début du message réexpédié|Beginn der weitergeleiteten Nachricht"
              + "|Inicio del mensaje reenviado|Início da mensagem reencaminhada|Inizio messaggio inoltrato"
              + "|Begin doorgestuurd bericht|Forwarded message)\\s*:\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /** "-----Original Message-----" and its translations. */
  private static final Pattern ORIGINAL_MESSAGE =
      Pattern.compile(
          "^\\s*-{2,}\\s*(?:Original Message|Reply Message|Ursprüngliche Nachricht|Originalnachricht|Antwort Nachricht"
              + "|Oprindelig meddelelse|Oprindelig besked|Opprinnelig melding|Ursprungligt meddelande|Originalmeddelande"
              + "|Message d'origine|Message original|Mensaje original|Mensagem original|Messaggio originale"
              + "|Oorspronkelijk bericht|Origineel bericht|Wiadomość oryginalna|Oryginalna wiadomość|Исходное сообщение"
              + "|Alkuperäinen viesti|Eredeti üzenet|Původní zpráva|Orijinal Mesaj|Özgün ileti|原始邮件|原始郵件"
              + "|元のメッセージ|원본 메시지|الرسالة الأصلية|मूल संदेश)\\s*-{2,}\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  // The fields of the header block Outlook and webmail put above a quoted message, by language.
  private static final String FROM_FIELDS =
      "From|De|Von|Van|Da|Fra|Från|Od|Від|От|Kimden|Gönderen|Feladó|Lähettäjä|Odesílatel|Remitente|发件人|發件人|寄件者|差出人|보낸 사람|من|प्रेषक";
  private static final String DATE_FIELDS =
      "Sent|Date|Envoyé|Envoyé le|Gesendet|Datum|Enviado|Enviada|Enviado el|Fecha|Data|Verzonden|Inviato|Sendt|Skickat|Wysłano|Wysłane"
          + "|Data wysłania|Отправлено|Дата|Tarih|Gönderildi|Gönderilme|Lähetetty|Päivämäärä|Odesláno|Elküldve|Dátum|发送时间|發送時間|日期|時間"
          + "|送信日時|日時|보낸 날짜|날짜|التاريخ|أرسلت|تاريخ الإرسال|भेजा गया|दिनांक";
  private static final String OTHER_FIELDS =
      "To|À|A|An|Para|Aan|Til|Till|Do|Кому|Kime|Alıcı|Címzett|Vastaanottaja|Komu|收件人|宛先|받는 사람|إلى|प्रति|Cc|Kopie|Copie|CC|Копия"
          + "|Kopio|Kopia|DW|抄送|副本|Bilgi|참조|نسخة|Subject|Objet|Betreff|Asunto|Assunto|Onderwerp|Oggetto|Emne|Ämne|Temat|Тема"
          + "|Konu|Aihe|Předmět|Tárgy|主题|主旨|件名|제목|الموضوع|विषय|Reply-To|Antwort an|Responder a";
  private static final Pattern HEADER_FIELD =
      Pattern.compile(
          "^\\s*>?\\s*\\*?("
              + FROM_FIELDS
              + "|"
              + DATE_FIELDS
              + "|"
              + OTHER_FIELDS
              + ")\\*?\\s?[:：]\\*?(?:\\s.*|)$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern FROM_OR_DATE_FIELD =
      Pattern.compile(
          "^(?:" + FROM_FIELDS + "|" + DATE_FIELDS + ")$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern INLINE_FIELD =
      Pattern.compile(
          "\\s(?:Sent|Date|To|Subject|Envoyé|Gesendet|Datum|An|Betreff|Objet|Asunto|Enviado|Para|Fecha)\\s?:\\s\\S");
  private static final Pattern RULE =
      Pattern.compile("^\\s*(?:_{5,}|-{5,}|[\u2014\u2013\u2500]{3,}|={5,})\\s*$");

  // Attribution lines: "On … wrote:" in many languages and word orders, perhaps wrapped over lines.
  private static final String[] VERBS = {
    "wrote",
    "writes",
    "sent",
    "a écrit",
    "a ecrit",
    "escribió",
    "escribio",
    "ha escrito",
    "schrieb",
    "geschrieben",
    "ha scritto",
    "scrisse",
    "escreveu",
    "schreef",
    "het volgende geschreven",
    "napisał(a)",
    "napisała",
    "napisał",
    "skrev",
    "kirjoitti",
    "írta",
    "đã viết",
    "написал(а)",
    "написала",
    "написал",
    "yazdı",
    "kirjutas",
    "napsal",
    "napsala",
    "كتب",
    "写道",
    "寫道",
    "のメッセージ",
    "が書きました",
    "작성",
    "님이 작성",
    "ने लिखा"
  };

  /** The end of "2014-10-17 11:28 GMT+03:00 Name <name@example.com>:", no verb. */
  private static final Pattern ADDRESS_END =
      Pattern.compile("(?:[>)\\]\"]|\\S@\\S+)\\s*[:：]?\\s*$");

  private static final Pattern ATTRIBUTION_START =
      Pattern.compile(
          "^\\s*(?:-{2,}\\s*)?(?:(?:On|Le|Am|El|Il|Em|Op|W dniu|Den|På|Vào|Dne|Dňa|Στις|В|Во|En|Pada|في)\\s"
              + "|\\d|\\p{L}{1,5}\\.?,\\s*\\d|在|于|於)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * Where an attribution starts inside a line the writer also wrote on: "reply On Wed, … wrote:".
   */
  private static final Pattern INLINE_ATTRIBUTION =
      Pattern.compile("(?:-{2,}\\s*|\\s)(?=On\\s.*\\d.*(?:wrote|sent)\\s*:\\s*$)");

  private static final Pattern DASH_ATTRIBUTION = Pattern.compile("^\\s*-{2,}.*\\p{L}.*-{2,}\\s*$");

  private static final Pattern SIG_DELIMITER =
      Pattern.compile("^\\s*(?:-- ?|--- ?|\u2014 ?|\u2013 ?|_{2,}\\s*)$");

  /** "-Abhishek", "- roman", "-Lev.": a dash and a name ending the message. */
  private static final Pattern DASH_NAME =
      Pattern.compile("^\\s*[-\u2014\u2013]\\s?\\p{L}[\\p{L}.'’ -]{0,30}$");

  // A phone's or mail app's line: each form starts with a word (MOBILE_SIGNATURE) or ends with one
  // (MOBILE_TAILS), so neither needs to try the line at every position.
  private static final Pattern MOBILE_SIGNATURE =
      Pattern.compile(
          "^\\s*(?:Sent (?:from|with|via|using|wirelessly from|from my|on my) .{0,80}|Get Outlook for .{0,30}"
              + "|Enviado (?:desde|do|de|con|com|a partir do) .{0,80}|Envoyé (?:de|depuis|avec|à partir de) .{0,80}"
              + "|Gesendet (?:von|mit|vom) .{0,80}|Von meinem .{0,60}|Verzonden (?:vanaf|met|van) .{0,80}"
              + "|Verstuurd vanaf .{0,60}|Inviato da .{0,80}|Wysłane z .{0,80}|Wysłano z .{0,80}|Отправлено (?:с|из) .{0,80}"
              + "|Skickat från .{0,80}|Sendt fra .{0,80}|Lähetetty .{0,60}|从我的.{0,30}|發自我的.{0,30}|أرسلت من .{0,60}"
              + "|मेरे .{0,40})\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final String[] MOBILE_TAILS = {
    "'umdan gönderildi",
    "'dan gönderildi",
    "'den gönderildi",
    "から送信",
    "에서 보냄",
    "से भेजा गया",
    "gesendet",
    "发送",
    "via mobile"
  };

  /** The start of a confidentiality notice or disclaimer a mail system appends. */
  private static final Pattern NOTICE =
      Pattern.compile(
          "^\\s*(?:\\**\\s*(?:CONFIDENTIALITY|PRIVILEGED AND CONFIDENTIAL|CONFIDENTIAL|DISCLAIMER|NOTICE|LEGAL NOTICE|IMPORTANT)"
              + "(?: NOTICE| NOTE| STATEMENT)?\\s*[:\\-]"
              + "|This (?:e-?mail|message|communication|transmission)(?: and any (?:files|attachments?)[^.]{0,40})?"
              + " (?:is|are|and|may|contains?)[^.]{0,60}(?:confidential|privileged|intended)"
              + "|The (?:information|content|contents) (?:contained )?in this (?:e-?mail|message|communication)"
              + "|If you (?:are not|have received this)[^.]{0,40}(?:intended recipient|in error)"
              + "|Este (?:mensaje|correo|e-?mail)[^.]{0,80}confidencial|Ce (?:message|courriel|mail)[^.]{0,80}confidenti"
              + "|Diese (?:E-Mail|Nachricht)[^.]{0,80}vertraulich|Questo messaggio[^.]{0,80}riservat"
              + "|Esta mensagem[^.]{0,80}confidencia|Dit bericht[^.]{0,80}vertrouwelijk)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern GREETING =
      Pattern.compile(
          "^\\s*(?:dear|dearest|hello|hi|hey|good\\s+(?:morning|afternoon|evening|day)|greetings|respected|"
              + "to\\s+whom\\s+it\\s+may\\s+concern|hola|bonjour|salaam|namaste)\\b",
          Pattern.CASE_INSENSITIVE);

  /** A salutation without "Dear": "Dr. Qureshi," or "Professor Wróbel:" on the first line. */
  private static final Pattern TITLE_GREETING =
      Pattern.compile(
          "^\\s*(?i:dr|dra|prof|professor|doctor)\\.?\\s*\\p{Lu}[\\p{L}'’-]{0,30}(?:\\s+\\p{Lu}[\\p{L}'’-]{0,30}){0,2}\\s*[,:]");

  private static final String CLOSING_PHRASES =
      "(?:(?:yours\\s+)?sincerely(?:\\s+yours)?|respectfully(?:\\s+yours)?|yours\\s+(?:truly|faithfully|respectfully)"
          + "|(?:with\\s+)?(?:best|kind|kindest|warm|warmest|many)\\s+(?:regards|wishes|thanks)"
          + "|(?:with\\s+)?regards|best|all\\s+the\\s+best|cheers|cordially|warmly|gratefully|take\\s+care"
          + "|thank\\s+you(?:\\s+(?:so|very)\\s+much)?(?:\\s+again)?|thanks(?:\\s+again)?|many\\s+thanks"
          + "|with\\s+(?:gratitude|thanks|appreciation|respect)|thanks\\s+in\\s+advance|thank\\s+you\\s+in\\s+advance)";

  /**
   * A closing on a line of its own, perhaps followed by the writer's name: "Best regards, Amina".
   */
  private static final Pattern CLOSING =
      Pattern.compile(
          "^\\s*" + CLOSING_PHRASES + "\\s*[,.!-]*\\s*(?:[,-]\\s*\\p{L}[\\p{L}.' -]{0,40})?\\s*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * Splits {@code text}.
   *
   * @param forced for each character, a kind the markup already decided, or {@code null}
   */
  static List<Segment> split(String text, @Nullable SegmentKind @Nullable [] forced) {
    List<int[]> lines = lines(text);
    int n = lines.size();
    SegmentKind[] kind = new SegmentKind[n];
    boolean[] blank = new boolean[n];
    for (int i = 0; i < n; i++) {
      int[] l = lines.get(i);
      blank[i] = Texts.isBlank(text, l[0], l[1]);
      if (forced != null && !blank[i]) {
        kind[i] = forcedKind(text, l, forced);
      }
    }

    // Quoted lines; a line of the writer's own decorated with ">>> … <<<" is not one.
    for (int i = 0; i < n; i++) {
      if (kind[i] == null
          && !blank[i]
          && quoteLine(text, lines.get(i))
          && !decorated(text, lines.get(i))) {
        kind[i] = SegmentKind.QUOTE;
      }
    }

    // A line wrapped inside a quote, between two ">" lines: "> View ticket
    // (http://x/a\n_nonce=3)\n>".
    for (int i = 1; i + 1 < n; i++) {
      if (kind[i] == null
          && !blank[i]
          && kind[i - 1] == SegmentKind.QUOTE
          && kind[i + 1] == SegmentKind.QUOTE
          && quoteLine(text, lines.get(i - 1))
          && quoteLine(text, lines.get(i + 1))
          && wrappedFragment(line(text, lines.get(i)))) {
        kind[i] = SegmentKind.QUOTE;
      }
    }

    // Where an earlier message starts: a forward marker, "Original Message", an Outlook header
    // block
    // or an attribution. If ">" lines follow the marker, the earlier message is those lines and the
    // writer may write again below them; otherwise it runs to the end of the text.
    int[] quoteCut = null;
    for (int i = 0; i < n; i++) {
      if (blank[i]
          || (kind[i] != null
              && kind[i] != SegmentKind.QUOTE
              && kind[i] != SegmentKind.SIGNATURE)) {
        continue;
      }
      int[] l = lines.get(i);
      if (l[1] - l[0] > MAX_REGEX_LINE) {
        continue;
      }
      // Every marker ends with one of a few characters, or starts with a header field's colon:
      // most lines of prose are passed over without running a regex.
      char lead = leadChar(text, l);
      char last = lastChar(text, l);
      boolean markerEnd = last == ':' || last == '\uff1a' || last == '-' || lead == '-';
      boolean quoted = kind[i] == SegmentKind.QUOTE;
      if (!markerEnd
          && !Character.isLetter(last)
          && last != ')'
          && last != '>'
          && !colonNearStart(text, l)) {
        continue;
      }
      String line = line(text, l);
      SegmentKind rest = null;
      int from = i;
      if (markerEnd && l[1] - l[0] < 200 && FORWARD_MARK.matcher(line).matches()) {
        rest = SegmentKind.FORWARD;
      } else if (quoted) {
        continue;
      } else if (lead == '-' && ORIGINAL_MESSAGE.matcher(line).matches()) {
        rest = SegmentKind.QUOTE;
      } else if (colonNearStart(text, l) && headerBlockAt(text, lines, blank, i)) {
        rest = SegmentKind.QUOTE;
        int p = previousNonBlank(blank, i);
        if (p >= 0 && kind[p] == null && RULE.matcher(line(text, lines.get(p))).matches()) {
          from = p;
        }
        markRest(kind, from, n, rest);
        break;
      } else {
        Matcher inline = INLINE_ATTRIBUTION.matcher(line);
        if (quoteCut == null
            && last == ':'
            && !ATTRIBUTION_START.matcher(line).lookingAt()
            && inline.find()
            && inline.start() > 0
            && !Texts.isBlank(line, 0, inline.start())) {
          rest = SegmentKind.QUOTE;
          from = i + 1;
          quoteCut = new int[] {i, l[0] + inline.start()};
        } else {
          int start = attributionStart(text, lines, blank, kind, i);
          if (start >= 0) {
            rest = SegmentKind.QUOTE;
            from = start;
          }
        }
      }
      if (rest == null) {
        continue;
      }
      int next = nextNonBlank(blank, i);
      if (next >= 0 && kind[next] == SegmentKind.QUOTE && quoteLine(text, lines.get(next))) {
        // The earlier message is the ">" lines that follow.
        int j = next;
        while (j < n && (blank[j] || kind[j] == SegmentKind.QUOTE)) {
          j++;
        }
        for (int k = from; k < j; k++) {
          if (!blank[k]) {
            kind[k] = rest;
          }
        }
        i = j - 1;
        continue;
      }
      markRest(kind, from, n, rest);
      break;
    }

    // Signature after a "-- " delimiter, up to the next quoted or forwarded part; a phone's or mail
    // app's line, a confidentiality notice, or "-Name" ending the message, to the end of their run.
    for (int i = 0; i < n; i++) {
      if (kind[i] != null || blank[i]) {
        continue;
      }
      int[] l = lines.get(i);
      if (l[1] - l[0] > 400) {
        continue;
      }
      char lead = leadChar(text, l);
      boolean ruleLead =
          lead == '-'
              || lead == '_'
              || lead == '\u2014'
              || lead == '\u2013'
              || lead == '\u2500'
              || lead == '=';
      if (!ruleLead
          && l[1] - l[0] > 160
          && lead != 'C'
          && lead != 'T'
          && lead != 'I'
          && lead != '*') {
        continue; // too long for a phone's line; not how a notice starts
      }
      String line = line(text, l);
      boolean toEnd = false;
      if (ruleLead && SIG_DELIMITER.matcher(line).matches() && writtenBefore(kind, blank, i)) {
        for (int j = i; j < n && (kind[j] == null || kind[j] == SegmentKind.SIGNATURE); j++) {
          kind[j] = SegmentKind.SIGNATURE;
        }
        continue;
      }
      if ((l[1] - l[0] <= 100 && mobileLine(line, lead))
          || (noticeStart(line) && NOTICE.matcher(line).lookingAt())) {
        toEnd = true;
      } else if (ruleLead
          && DASH_NAME.matcher(line).matches()
          && dashNameEnds(text, lines, kind, blank, i)) {
        toEnd = true;
      } else if (ruleLead
          && RULE.matcher(line).matches()
          && writtenBefore(kind, blank, i)
          && onlyShortLinesAfter(text, lines, kind, blank, i)) {
        toEnd = true; // a rule, then a contact block
      }
      if (toEnd) {
        int from = i;
        if (i > 0
            && !blank[i - 1]
            && kind[i - 1] == null
            && NAME_LINE.matcher(line(text, lines.get(i - 1)).strip()).matches()
            && writtenBefore(kind, blank, i - 1)) {
          from = i - 1; // "Stavros Lee\nvia mobile"
        }
        for (int j = from; j < n && (kind[j] == null || kind[j] == SegmentKind.SIGNATURE); j++) {
          kind[j] = SegmentKind.SIGNATURE;
        }
      }
    }

    // What is left is new text: find the greeting at its start and the closing at its end.
    int[] greetingSplit = null;
    int first = -1;
    for (int i = 0; i < n; i++) {
      if (kind[i] == null && !blank[i]) {
        first = i;
        break;
      }
    }
    if (first >= 0) {
      int[] l = lines.get(first);
      String line = line(text, l);
      if (line.length() <= MAX_REGEX_LINE
          && (GREETING.matcher(line).find() || TITLE_GREETING.matcher(line).find())) {
        int cut = greetingEnd(line);
        if (cut >= line.length() || Texts.isBlank(line, cut, line.length())) {
          kind[first] = SegmentKind.GREETING;
        } else {
          greetingSplit = new int[] {first, l[0] + cut};
          kind[first] = SegmentKind.GREETING;
        }
      }
    }
    markClosing(text, lines, kind, blank, greetingSplit != null);
    markNameBlock(text, lines, kind, blank);
    for (int i = 0; i < n; i++) {
      if (kind[i] == null && !blank[i]) {
        kind[i] = SegmentKind.BODY;
      }
    }
    return toSegments(text, lines, kind, blank, greetingSplit, quoteCut);
  }

  private static void markRest(SegmentKind[] kind, int from, int n, SegmentKind rest) {
    for (int j = from; j < n; j++) {
      if (kind[j] == null || kind[j] == SegmentKind.SIGNATURE || kind[j] == SegmentKind.QUOTE) {
        kind[j] = rest;
      }
    }
  }

  /**
   * Returns whether line {@code i} starts an Outlook-style header block ("From: …", "Sent: …", "To:
   * …").
   */
  private static boolean headerBlockAt(String text, List<int[]> lines, boolean[] blank, int i) {
    Matcher m = HEADER_FIELD.matcher(line(text, lines.get(i)));
    if (!m.matches() || !FROM_OR_DATE_FIELD.matcher(m.group(1)).matches()) {
      return false;
    }
    String first = m.group(1).toLowerCase(java.util.Locale.ROOT);
    if (INLINE_FIELD.matcher(line(text, lines.get(i))).find()) {
      return true; // "From: bob@example.com Date: Thu, 24 Mar 2016 …" on one line
    }
    int fields = 1;
    int blanks = 0;
    for (int j = i + 1; j < lines.size() && j <= i + 8; j++) {
      if (blank[j]) {
        if (++blanks > 1) {
          break;
        }
        continue;
      }
      int[] l = lines.get(j);
      if (l[1] - l[0] > MAX_REGEX_LINE) {
        break;
      }
      Matcher f = HEADER_FIELD.matcher(line(text, l));
      if (f.matches() && !f.group(1).toLowerCase(java.util.Locale.ROOT).equals(first)) {
        fields++;
      }
    }
    return fields >= 2;
  }

  /**
   * Returns the first line of an attribution that ends on line {@code i}, or -1 if line {@code i}
   * does not end one.
   */
  private static int attributionStart(
      String text, List<int[]> lines, boolean[] blank, SegmentKind[] kind, int i) {
    String line = line(text, lines.get(i));
    if (line.length() > 600) {
      return -1;
    }
    boolean verb = endsWithVerb(line);
    int next = nextNonBlank(blank, i);
    boolean quoteNext = next >= 0 && kind[next] == SegmentKind.QUOTE;
    String trimmed = line.strip();
    boolean colon = trimmed.endsWith(":") || trimmed.endsWith("：");
    if (!verb && !(line.indexOf('@') >= 0 || line.endsWith(">:") || line.endsWith(">"))) {
      return -1;
    }
    if (!verb && !(ADDRESS_END.matcher(line).find() && (colon || quoteNext))) {
      return -1;
    }
    // A long attribution wraps: "On Tue, 3 Mar 2026 at 10:02, Dr. Maria\nGonzalez <m@x.org>
    // wrote:".
    int wordStart = -1;
    int digitStart = -1;
    for (int back = 0; back <= 2 && i - back >= 0; back++) {
      int j = i - back;
      if (blank[j] || (back > 0 && kind[j] != null)) {
        break;
      }
      String lj = line(text, lines.get(j));
      if (lj.length() > 300) {
        break;
      }
      Matcher m = ATTRIBUTION_START.matcher(lj);
      if (m.lookingAt()) {
        if (Character.isDigit(lj.charAt(m.end() - 1))) {
          if (digitStart < 0) {
            digitStart = j;
          }
        } else {
          wordStart = j;
        }
      }
    }
    int start = wordStart >= 0 ? wordStart : digitStart;
    StringBuilder joined = new StringBuilder();
    for (int j = start >= 0 ? start : i; j <= i; j++) {
      joined.append(line(text, lines.get(j))).append(' ');
    }
    boolean evidence = false;
    boolean digit = false;
    for (int c = 0; c < joined.length(); c++) {
      char ch = joined.charAt(c);
      digit |= Character.isDigit(ch);
      evidence |= Character.isDigit(ch) || ch == '@';
    }
    if (verb) {
      if (start >= 0 && (evidence || quoteNext)) {
        return start;
      }
      if (DASH_ATTRIBUTION.matcher(line).matches()) {
        return i;
      }
      if (start < 0
          && colon
          && line.indexOf('@') >= 0
          && (digit || ATTRIBUTION_START.matcher(line).lookingAt())) {
        return i;
      }
      return start < 0 && colon && quoteNext && evidence ? i : -1;
    }
    return start >= 0 && digit && joined.length() <= 400 ? start : -1;
  }

  private static boolean writtenBefore(SegmentKind[] kind, boolean[] blank, int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (!blank[j] && (kind[j] == null || kind[j] == SegmentKind.GREETING)) {
        return true;
      }
    }
    return false;
  }

  private static boolean onlyShortLinesAfter(
      String text, List<int[]> lines, SegmentKind[] kind, boolean[] blank, int i) {
    int count = 0;
    for (int j = i + 1; j < lines.size() && (blank[j] || kind[j] == null); j++) {
      if (!blank[j] && (++count > 15 || wordCount(line(text, lines.get(j))) > 8)) {
        return false;
      }
    }
    return count > 0;
  }

  /**
   * Returns whether "-Name" on line {@code i} ends its run of new text, after some text of the
   * writer's.
   */
  private static boolean dashNameEnds(
      String text, List<int[]> lines, SegmentKind[] kind, boolean[] blank, int i) {
    int p = previousNonBlank(blank, i);
    if (p < 0
        || kind[p] != null
        || leadChar(text, lines.get(p)) == '-'
        || leadChar(text, lines.get(p)) == '*'
        || line(text, lines.get(p)).strip().endsWith(":")) {
      return false; // a list, not a signature
    }
    int after = 0;
    for (int j = i + 1; j < lines.size() && (blank[j] || kind[j] == null); j++) {
      if (!blank[j]
          && (++after > 2
              || wordCount(line(text, lines.get(j))) > 6
              || leadChar(text, lines.get(j)) == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether a line looks like the rest of a wrapped one: a URL's tail, "(link) >". */
  private static boolean wrappedFragment(String line) {
    String t = line.strip();
    return t.length() < 200 && (t.endsWith(">") || t.startsWith("(") || t.indexOf(' ') < 0);
  }

  /**
   * Returns whether a line starting with ">" is the writer's own decoration: ">>> http://x <<<".
   */
  private static boolean decorated(String text, int[] l) {
    return l[1] - l[0] < 400 && line(text, l).contains("<<<");
  }

  private static void markClosing(
      String text,
      List<int[]> lines,
      SegmentKind[] kind,
      boolean[] blank,
      boolean greetingLineHasBody) {
    // The closing sits at the end of the last run of new text, before a signature or a quote.
    int end = -1;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!blank[i] && (kind[i] == null)) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      return;
    }
    int seen = 0;
    for (int i = end; i >= 0 && seen < 8; i--) {
      if (blank[i]) {
        continue;
      }
      if (kind[i] != null) {
        if (kind[i] == SegmentKind.GREETING) {
          return;
        }
        continue;
      }
      seen++;
      String line = line(text, lines.get(i));
      if (line.length() <= 80 && CLOSING.matcher(line).matches()) {
        // Some text of the writer's before it; a greeting alone counts if a name follows the
        // closing ("Hey!\n\nThanks!\nRoman"), not in "Hello Dr. Kim,\n\nThanks again.".
        boolean bodyBefore = greetingLineHasBody;
        boolean greetingBefore = false;
        for (int j = i - 1; j >= 0 && !bodyBefore; j--) {
          bodyBefore = !blank[j] && kind[j] == null;
          greetingBefore |= kind[j] == SegmentKind.GREETING;
        }
        if (!bodyBefore && greetingBefore) {
          for (int j = i + 1; j <= end && !bodyBefore; j++) {
            bodyBefore = !blank[j] && kind[j] == null;
          }
        }
        if (!bodyBefore) {
          return; // "Thanks again." alone is the message, not its sign-off
        }
        int after = 0;
        boolean shortLines = true;
        for (int j = i + 1; j <= end; j++) {
          if (!blank[j] && kind[j] == null) {
            after++;
            shortLines &= wordCount(line(text, lines.get(j))) <= 12;
          }
        }
        if (after <= 6 && shortLines) {
          kind[i] = SegmentKind.CLOSING;
          for (int j = i + 1; j <= end; j++) {
            if (!blank[j] && kind[j] == null) {
              kind[j] = SegmentKind.SIGNATURE;
            }
          }
        }
        return;
      }
    }
  }

  /**
   * Marks as signature a last paragraph that is a name and contact block ("Gina
   * Lee\ngina@x.org\n(555) 346-9947") below the writer's text when no closing introduced it.
   */
  private static void markNameBlock(
      String text, List<int[]> lines, SegmentKind[] kind, boolean[] blank) {
    int end = -1;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (!blank[i]
          && kind[i] != null
          && kind[i] != SegmentKind.QUOTE
          && kind[i] != SegmentKind.FORWARD) {
        return; // a closing or signature already ends the writer's text
      }
      if (!blank[i] && kind[i] == null) {
        end = i;
        break;
      }
    }
    if (end < 0) {
      return;
    }
    int start = end;
    while (start > 0 && !blank[start - 1] && kind[start - 1] == null) {
      start--;
    }
    if (end - start > 7) {
      return;
    }
    boolean before = false;
    for (int j = start - 1; j >= 0 && !before; j--) {
      before = !blank[j] && (kind[j] == null || kind[j] == SegmentKind.GREETING);
    }
    if (!before) {
      return;
    }
    boolean contact = false;
    for (int j = start; j <= end; j++) {
      String l = line(text, lines.get(j)).strip();
      if (l.length() > 60 || wordCount(l) > 6) {
        return;
      }
      boolean looksContact = CONTACT.matcher(l).find();
      char last = l.charAt(l.length() - 1);
      if (!looksContact
          && (last == '.'
              || last == '?'
              || last == '!'
              || last == ','
              || last == ':'
              || last == ';')) {
        return;
      }
      contact |= looksContact || NAME_LINE.matcher(l).matches();
    }
    if (contact) {
      for (int j = start; j <= end; j++) {
        if (!blank[j]) {
          kind[j] = SegmentKind.SIGNATURE;
        }
      }
    }
  }

  private static final Pattern CONTACT =
      Pattern.compile(
          "\\S@\\S|https?://|www\\.|\\d[\\d ().-]{6,}\\d|\\b(?:via mobile|Ph\\.?D|M\\.?D\\.|MBBS|Inc\\.?|Ltd)\\b");

  /** A name on a line of its own: one to four capitalised words. */
  private static final Pattern NAME_LINE =
      Pattern.compile("^\\p{Lu}[\\p{L}.'’-]*(?:\\s+\\p{Lu}[\\p{L}.'’-]*){0,3}$");

  private static int greetingEnd(String line) {
    // "Dear Dr. Okafor," on its own line, or "Hi Dr. Okafor, I am writing ..." on one line.
    for (int i = 0; i < Math.min(line.length(), 80); i++) {
      char c = line.charAt(i);
      if (c == ',' || c == ':' || c == '!' || c == ';') {
        return i + 1;
      }
    }
    int words = wordCount(line);
    return words <= 8 ? line.length() : Math.min(line.length(), nthWordEnd(line, 4));
  }

  private static int nthWordEnd(String line, int n) {
    Matcher m = Pattern.compile("\\S+").matcher(line);
    int end = line.length();
    for (int i = 0; i < n && m.find(); i++) {
      end = m.end();
    }
    return end;
  }

  private static int wordCount(String s) {
    int words = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); i++) {
      boolean w = !Character.isWhitespace(s.charAt(i));
      if (w && !in) {
        words++;
      }
      in = w;
    }
    return words;
  }

  private static int previousNonBlank(boolean[] blank, int i) {
    for (int j = i - 1; j >= 0; j--) {
      if (!blank[j]) {
        return j;
      }
    }
    return -1;
  }

  private static int nextNonBlank(boolean[] blank, int i) {
    for (int j = i + 1; j < blank.length; j++) {
      if (!blank[j]) {
        return j;
      }
    }
    return -1;
  }

  private static @Nullable SegmentKind forcedKind(
      String text, int[] line, @Nullable SegmentKind[] forced) {
    for (int i = line[0]; i < line[1]; i++) {
      if (!Character.isWhitespace(text.charAt(i)) && i < forced.length) {
        return forced[i];
      }
    }
    return null;
  }

  /**
   * Returns the first character of a line that is not regex whitespace ({@code \\s}: space, tab,
   * line breaks, vertical tab, form feed), or 0 if there is none.
   */
  private static char leadChar(String text, int[] l) {
    for (int i = l[0]; i < l[1]; i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\u000B' && c != '\f' && c != '\r') {
        return c;
      }
    }
    return 0;
  }

  /** The first letters of MOBILE_SIGNATURE's forms, upper-cased. */
  private static final String MOBILE_LEADS = "SGEVIWОLМ从發أम";

  private static boolean mobileLine(String line, char lead) {
    if (MOBILE_LEADS.indexOf(Character.toUpperCase(lead)) >= 0
        && MOBILE_SIGNATURE.matcher(line).matches()) {
      return true;
    }
    if (wordCount(line) > 6) {
      return false;
    }
    return endsWith(line, line.strip().length() + indent(line), MOBILE_TAILS, false);
  }

  /**
   * Returns whether a line ends with an attribution's verb, then perhaps a colon and dashes: "…
   * wrote:", "---- … wrote ----".
   */
  private static boolean endsWithVerb(String line) {
    int end = line.length();
    while (end > 0) {
      char c = line.charAt(end - 1);
      if (Character.isWhitespace(c) || c == '-') {
        end--;
      } else {
        break;
      }
    }
    if (end > 0 && (line.charAt(end - 1) == ':' || line.charAt(end - 1) == '\uff1a')) {
      end--;
    }
    while (end > 0 && Character.isWhitespace(line.charAt(end - 1))) {
      end--;
    }
    return endsWith(line, end, VERBS, true);
  }

  /**
   * Returns whether {@code line} has one of {@code words} (ignoring case) just before {@code end};
   * with {@code boundary}, a word in a script with spaces must not follow a letter ("rewrote").
   */
  private static boolean endsWith(String line, int end, String[] words, boolean boundary) {
    if (end == 0 || LAST_LETTERS.indexOf(Character.toLowerCase(line.charAt(end - 1))) < 0) {
      return false;
    }
    for (String w : words) {
      int at = end - w.length();
      if (at >= 0 && line.regionMatches(true, at, w, 0, w.length())) {
        if (!boundary
            || at == 0
            || !Character.isLetter(line.charAt(at - 1))
            || !Character.isLetter(w.charAt(0))
            || Character.UnicodeScript.of(w.charAt(0)) == Character.UnicodeScript.HAN
            || Character.UnicodeScript.of(w.charAt(0)) == Character.UnicodeScript.HANGUL
            || Character.UnicodeScript.of(w.charAt(0)) == Character.UnicodeScript.KATAKANA
            || Character.UnicodeScript.of(w.charAt(0)) == Character.UnicodeScript.HIRAGANA) {
          return true;
        }
      }
    }
    return false;
  }

  /** The last characters of VERBS and MOBILE_TAILS, lower-cased: most lines end otherwise. */
  private static final String LAST_LETTERS = lastLetters();

  private static String lastLetters() {
    StringBuilder sb = new StringBuilder();
    for (String[] words : new String[][] {VERBS, MOBILE_TAILS}) {
      for (String w : words) {
        char c = Character.toLowerCase(w.charAt(w.length() - 1));
        if (sb.indexOf(String.valueOf(c)) < 0) {
          sb.append(c);
        }
      }
    }
    return sb.toString();
  }

  private static int indent(String line) {
    int i = 0;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    return i;
  }

  /** How NOTICE's forms start, so that most lines are passed over without running it. */
  private static final String[] NOTICE_STARTS = {
    "CONFIDENTIAL", "PRIVILEGED", "DISCLAIMER", "NOTICE", "LEGAL", "IMPORTANT", "*", "This e",
        "This m", "This c",
    "This t", "The i", "The c", "If you", "Este ", "Ce ", "Diese ", "Questo ", "Esta ", "Dit "
  };

  private static boolean noticeStart(String line) {
    int i = indent(line);
    if (i >= line.length()) {
      return false;
    }
    char lead = Character.toUpperCase(line.charAt(i));
    for (String start : NOTICE_STARTS) {
      if (Character.toUpperCase(start.charAt(0)) == lead
          && line.regionMatches(true, i, start, 0, start.length())) {
        return true;
      }
    }
    return false;
  }

  /** Returns the last character of a line that is not white space, or 0 if there is none. */
  private static char lastChar(String text, int[] l) {
    for (int i = l[1] - 1; i >= l[0]; i--) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Returns whether a colon comes within the first 30 characters: "From: …", "De : …", "发件人: …".
   */
  private static boolean colonNearStart(String text, int[] l) {
    for (int i = l[0]; i < l[1] && i < l[0] + 30; i++) {
      char c = text.charAt(i);
      if (c == ':' || c == '\uff1a') {
        return true;
      }
    }
    return false;
  }

  /** Returns whether a line is quoted: spaces or tabs, then {@code >}. */
  private static boolean quoteLine(String text, int[] l) {
    int i = l[0];
    while (i < l[1] && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i < l[1] && text.charAt(i) == '>';
  }

  private static boolean contains(String text, int[] l, char c) {
    for (int i = l[0]; i < l[1]; i++) {
      if (text.charAt(i) == c) {
        return true;
      }
    }
    return false;
  }

  private static String line(String text, int[] l) {
    return text.substring(l[0], l[1]);
  }

  private static List<int[]> lines(String text) {
    List<int[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(new int[] {start, i});
        start = i + 1;
      }
    }
    lines.add(new int[] {start, text.length()});
    return lines;
  }

  private static List<Segment> toSegments(
      String text,
      List<int[]> lines,
      SegmentKind[] kind,
      boolean[] blank,
      int @Nullable [] greetingSplit,
      int @Nullable [] quoteCut) {
    int n = lines.size();
    // Blank lines between two lines of one kind belong to it (paragraph breaks in the body).
    SegmentKind[] filled = kind.clone();
    for (int i = 0; i < n; i++) {
      if (!blank[i]) {
        continue;
      }
      int j = i;
      while (j < n && blank[j]) {
        j++;
      }
      SegmentKind before = i > 0 ? filled[i - 1] : null;
      SegmentKind after = j < n ? kind[j] : null;
      SegmentKind k = before != null && before == after ? before : SegmentKind.BLANK;
      for (int m = i; m < j; m++) {
        filled[m] = k;
      }
      i = j - 1;
    }
    byte[] perChar = new byte[text.length()];
    for (int i = 0; i < n; i++) {
      int[] l = lines.get(i);
      byte k = (byte) filled[i].ordinal();
      for (int c = l[0]; c < l[1]; c++) {
        perChar[c] = k;
      }
      if (l[1] < text.length()) {
        boolean sameNext = i + 1 < n && filled[i + 1] == filled[i];
        perChar[l[1]] = (byte) (sameNext ? filled[i] : SegmentKind.BLANK).ordinal();
      }
      // Trailing spaces of a line that is not blank are kept with it; leading ones too.
    }
    if (greetingSplit != null) {
      int[] l = lines.get(greetingSplit[0]);
      int cut = greetingSplit[1];
      // The rest of the greeting line is body; a space after the comma is blank.
      int bodyStart = cut;
      while (bodyStart < l[1] && Character.isWhitespace(text.charAt(bodyStart))) {
        perChar[bodyStart++] = (byte) SegmentKind.BLANK.ordinal();
      }
      for (int c = bodyStart; c < l[1]; c++) {
        perChar[c] = (byte) SegmentKind.BODY.ordinal();
      }
      if (l[1] < text.length()) {
        int next = greetingSplit[0] + 1;
        boolean bodyNext = next < n && filled[next] == SegmentKind.BODY;
        perChar[l[1]] = (byte) (bodyNext ? SegmentKind.BODY : SegmentKind.BLANK).ordinal();
      }
    }
    if (quoteCut != null) {
      // "reply On Wed, … wrote:": the line's end is the attribution.
      int[] l = lines.get(quoteCut[0]);
      int cut = quoteCut[1];
      while (cut > l[0] && Character.isWhitespace(text.charAt(cut - 1))) {
        cut--;
      }
      for (int c = cut; c < l[1]; c++) {
        perChar[c] = (byte) SegmentKind.QUOTE.ordinal();
      }
      if (l[1] < text.length()) {
        perChar[l[1]] = (byte) SegmentKind.BLANK.ordinal();
      }
    }
    SegmentKind[] kinds = SegmentKind.values();
    List<Segment> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= perChar.length; i++) {
      if (i == perChar.length || perChar[i] != perChar[start]) {
        if (i > start) {
          out.add(new Segment(kinds[perChar[start]], start, i));
        }
        start = i;
      }
    }
    return out;
  }
}
