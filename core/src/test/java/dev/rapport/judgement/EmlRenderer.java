package dev.rapport.judgement;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a corpus entry as the message a mail client would produce: plain text with the quote
 * below, or HTML as Gmail, Outlook or Thunderbird mark up a reply (Gmail's {@code gmail_quote},
 * Outlook's {@code MsoNormal} paragraphs under a From/Sent/To/Subject block, Thunderbird's {@code
 * moz-cite-prefix} and {@code <blockquote type="cite">}). Stateless.
 */
final class EmlRenderer {
  private EmlRenderer() {}

  private static final Pattern ATTRIBUTION_DATE =
      Pattern.compile("^(?:On\\s+)?(.*?)(?:,\\s*|\\s+at\\s+|\\s+)([^,<]*<[^>]+>)?\\s*wrote:\\s*$");

  static String render(JudgementCorpus.Entry e) {
    StringBuilder sb = new StringBuilder();
    header(sb, "From", e.from());
    header(sb, "To", e.to());
    header(sb, "Subject", e.subject());
    sb.append("Date: ").append(e.date()).append("\r\n");
    sb.append("Message-ID: <").append(e.id()).append("@corpus.rapport.invalid>\r\n");
    sb.append("MIME-Version: 1.0\r\n");
    boolean html = !e.format().equals("text");
    sb.append("Content-Type: text/").append(html ? "html" : "plain").append("; charset=UTF-8\r\n");
    sb.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
    String body = html ? html(e) : text(e);
    sb.append(body.replace("\r\n", "\n").replace("\n", "\r\n"));
    return sb.toString();
  }

  private static void header(StringBuilder sb, String name, String value) {
    try {
      sb.append(name)
          .append(": ")
          .append(MimeUtility.fold(name.length() + 2, encodePhrase(value)))
          .append("\r\n");
    } catch (UnsupportedEncodingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  /** Encodes the non-ASCII display name or subject as RFC 2047; the address stays as it is. */
  private static String encodePhrase(String value) throws UnsupportedEncodingException {
    if (value.chars().allMatch(c -> c < 128)) {
      return value;
    }
    int lt = value.lastIndexOf('<');
    if (lt > 0 && value.endsWith(">")) {
      return MimeUtility.encodeWord(value.substring(0, lt).trim(), "UTF-8", "Q")
          + " "
          + value.substring(lt);
    }
    return MimeUtility.encodeText(value, "UTF-8", "Q");
  }

  private static String text(JudgementCorpus.Entry e) {
    String body = e.body().endsWith("\n") ? e.body() : e.body() + "\n";
    return e.quoted() == null
        ? body
        : body + "\n" + e.quoted() + (e.quoted().endsWith("\n") ? "" : "\n");
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** The quote's attribution line and its text without "> " marks. */
  private record Quote(String attribution, List<String> lines) {}

  private static Quote quote(String quoted) {
    List<String> lines = new ArrayList<>(List.of(quoted.split("\n", -1)));
    String attribution = lines.isEmpty() ? "" : lines.remove(0);
    List<String> text = new ArrayList<>();
    for (String l : lines) {
      text.add(l.replaceFirst("^> ?", ""));
    }
    return new Quote(attribution, text);
  }

  private static String html(JudgementCorpus.Entry e) {
    List<String> lines = List.of(e.body().split("\n", -1));
    StringBuilder sb = new StringBuilder();
    switch (e.format()) {
      case "gmail_html" -> {
        sb.append("<div dir=\"ltr\">");
        for (String l : lines) {
          sb.append(l.isBlank() ? "<div><br></div>" : "<div>" + esc(l) + "</div>");
        }
        sb.append("</div>");
        if (e.quoted() != null) {
          Quote q = quote(e.quoted());
          sb.append("<br><div class=\"gmail_quote\"><div dir=\"ltr\" class=\"gmail_attr\">")
              .append(esc(q.attribution()))
              .append(
                  "<br></div><blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid "
                      + "rgb(204,204,204);padding-left:1ex\">");
          for (String l : q.lines()) {
            sb.append(esc(l)).append("<br>");
          }
          sb.append("</blockquote></div>");
        }
      }
      case "outlook_html" -> {
        sb.append(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\"></head>"
                + "<body lang=\"EN-US\"><div class=\"WordSection1\">");
        for (String l : lines) {
          sb.append(
              l.isBlank()
                  ? "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>"
                  : "<p class=\"MsoNormal\">" + esc(l) + "<o:p></o:p></p>");
        }
        if (e.quoted() != null) {
          Quote q = quote(e.quoted());
          boolean theirs = e.kind().equals("reply");
          String author = theirs ? e.to() : e.from();
          String recipient = theirs ? e.from() : e.to();
          String sent = e.previousSent() != null ? e.previousSent() : sentFrom(q.attribution());
          sb.append(
                  "<div style=\"border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0in 0in 0in\"><p class=\"MsoNormal\">")
              .append("<b>From:</b> ")
              .append(esc(author))
              .append("<br><b>Sent:</b> ")
              .append(esc(sent))
              .append("<br><b>To:</b> ")
              .append(esc(recipient))
              .append("<br><b>Subject:</b> ")
              .append(esc(e.subject().replaceFirst("(?i)^(re|fw|fwd):\\s*", "")))
              .append("<o:p></o:p></p></div>");
          for (String l : q.lines()) {
            sb.append(
                l.isBlank()
                    ? "<p class=\"MsoNormal\"><o:p>&nbsp;</o:p></p>"
                    : "<p class=\"MsoNormal\">" + esc(l) + "<o:p></o:p></p>");
          }
        }
        sb.append("</div></body></html>");
      }
      default -> { // thunderbird_html
        sb.append(
            "<html><head><meta http-equiv=\"content-type\" content=\"text/html; charset=UTF-8\"></head><body>");
        StringBuilder para = new StringBuilder();
        for (String l : lines) {
          if (l.isBlank()) {
            if (para.length() > 0) {
              sb.append("<p>").append(para).append("</p>");
              para.setLength(0);
            }
          } else {
            para.append(para.length() > 0 ? "<br>" : "").append(esc(l));
          }
        }
        if (para.length() > 0) {
          sb.append("<p>").append(para).append("</p>");
        }
        if (e.quoted() != null) {
          Quote q = quote(e.quoted());
          sb.append("<div class=\"moz-cite-prefix\">")
              .append(esc(q.attribution()))
              .append("<br></div><blockquote type=\"cite\">");
          for (String l : q.lines()) {
            sb.append(esc(l)).append("<br>");
          }
          sb.append("</blockquote>");
        }
        sb.append("</body></html>");
      }
    }
    return sb.append("\n").toString();
  }

  private static String sentFrom(String attribution) {
    Matcher m = ATTRIBUTION_DATE.matcher(attribution.trim());
    return m.matches() ? m.group(1).trim() : attribution.trim();
  }
}
