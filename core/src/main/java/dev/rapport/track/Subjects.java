package dev.rapport.track;

import dev.rapport.draft.SubjectPrefix;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Subject helpers: the base subject of RFC 5256 (the prefixes of {@link SubjectPrefix} removed).
 */
final class Subjects {
  private Subjects() {}

  private static final Pattern LIST_TAG = Pattern.compile("^\\s*\\[[^\\]]{0,60}\\]\\s*");
  private static final Pattern TRAILER =
      Pattern.compile("\\s*\\((?:fwd|fw)\\)\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private static final Pattern OUT_OF_OFFICE =
      Pattern.compile(
          "^\\s*(?:(?:re|aw)\\s*:\\s*)?(?:out of (?:the )?office|out-of-office|ooo\\b|automatic reply|auto(?:matic)?[- ]?reply|"
              + "auto(?:-| )?response|autoreply|auto\\s*:|away from (?:the )?office|on vacation|vacation reply|"
              + "abwesenheitsnotiz|automatische antwort|r[ée]ponse automatique|absence du bureau|respuesta autom[áa]tica|"
              + "fuera de la oficina|risposta automatica|fuori sede|automatisch antwoord|afwezig|resposta autom[áa]tica)",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "undeliver|delivery status notification \\((?:failure|delay)\\)|delivery (?:has )?failed|delivery failure|"
              + "failure notice|returned mail|mail delivery failed|non[- ]?deliver|unzustellbar|non remis|"
              + "message not delivered|could not be delivered|delivery incomplete",
          Pattern.CASE_INSENSITIVE);

  /**
   * Returns the subject without reply/forward prefixes and list tags, spaces collapsed,
   * lower-cased.
   */
  static String base(String subject) {
    String s = subject;
    for (int i = 0; i < 20; i++) {
      int prefix = SubjectPrefix.end(s);
      if (prefix > 0) {
        s = s.substring(prefix);
        continue;
      }
      Matcher t = LIST_TAG.matcher(s);
      if (t.find() && t.end() < s.length()) {
        s = s.substring(t.end());
        continue;
      }
      break;
    }
    s = TRAILER.matcher(s).replaceAll("");
    return SPACES.matcher(s).replaceAll(" ").strip().toLowerCase(Locale.ROOT);
  }

  /** Whether the subject carries a reply prefix ({@code Re:} and its localized forms). */
  static boolean isReply(String subject) {
    return SubjectPrefix.isReply(subject);
  }

  static boolean looksOutOfOffice(String subject) {
    return OUT_OF_OFFICE.matcher(subject).find();
  }

  static boolean looksLikeBounce(String subject) {
    return BOUNCE_SUBJECT.matcher(subject).find();
  }
}
