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

  private static final Pattern FORWARD_MARK =
      Pattern.compile(
          "^\\s*(?:-{2,}\\s*(?:Forwarded|Weitergeleitete|Mensaje reenviado|Message transféré)[^-]*-{2,}"
              + "|Begin forwarded message:|-{2,}\\s*Forwarded Message\\s*-{2,})\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ORIGINAL_MESSAGE =
      Pattern.compile("^\\s*-{3,}\\s*Original Message\\s*-{3,}\\s*$", Pattern.CASE_INSENSITIVE);
  private static final Pattern OUTLOOK_FROM = Pattern.compile("^\\s*\\*?(?:From|De|Von):\\*?\\s+\\S.*$");
  private static final Pattern OUTLOOK_FIELD =
      Pattern.compile("^\\s*\\*?(?:Sent|Date|To|Cc|Subject|Envoyé|Gesendet|Enviado|À|An|Objet|Betreff|Asunto):\\*?\\s.*$");
  private static final Pattern UNDERSCORE_RULE = Pattern.compile("^\\s*_{10,}\\s*$");
  private static final Pattern ATTRIBUTION_END =
      Pattern.compile(
          "(?:wrote|writes|a écrit|schrieb|escribió|ha scritto|escreveu|schreef|napisał|skrev)\\s*:\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTRIBUTION_START =
      Pattern.compile("^\\s*(?:On|Le|Am|El|Il|Em|Op|W dniu|Den)\\s", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIG_DELIMITER = Pattern.compile("^(?:-- ?|\u2014 ?)$");
  private static final Pattern MOBILE_SIGNATURE =
      Pattern.compile("^\\s*Sent from my (?:iPhone|iPad|Android|mobile|phone|Samsung|BlackBerry).*$", Pattern.CASE_INSENSITIVE);

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
  /** A closing on a line of its own, perhaps followed by the writer's name: "Best regards, Amina". */
  private static final Pattern CLOSING =
      Pattern.compile("^\\s*" + CLOSING_PHRASES + "\\s*[,.!-]*\\s*(?:[,-]\\s*\\p{L}[\\p{L}.' -]{0,40})?\\s*$", Pattern.CASE_INSENSITIVE);

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

    // Forwarded and Outlook-quoted messages run to the end of the text.
    for (int i = 0; i < n; i++) {
      if (kind[i] != null || blank[i]) {
        continue;
      }
      int[] l = lines.get(i);
      // The patterns below are anchored at the line's start: a line can only match one whose first
      // character it starts with, so most lines are passed over without running a regex.
      char lead = leadChar(text, l);
      boolean dash = lead == '-';
      boolean begin = lead == 'B' || lead == 'b';
      boolean from0 = lead == '*' || lead == 'F' || lead == 'D' || lead == 'V';
      if (l[1] - l[0] > MAX_REGEX_LINE || !(dash || begin || from0)) {
        continue;
      }
      String line = line(text, l);
      SegmentKind rest = null;
      int from = i;
      if ((dash || begin) && FORWARD_MARK.matcher(line).matches()) {
        rest = SegmentKind.FORWARD;
      } else if (dash && ORIGINAL_MESSAGE.matcher(line).matches()) {
        rest = SegmentKind.QUOTE;
      } else if (from0 && OUTLOOK_FROM.matcher(line).matches() && outlookHeaderFollows(text, lines, i)) {
        rest = SegmentKind.QUOTE;
        int p = previousNonBlank(blank, i);
        if (p >= 0 && UNDERSCORE_RULE.matcher(line(text, lines.get(p))).matches()) {
          from = p;
        }
      }
      if (rest != null) {
        for (int j = from; j < n; j++) {
          if (kind[j] == null || kind[j] == SegmentKind.SIGNATURE) {
            kind[j] = rest;
          }
        }
        break;
      }
    }

    // Quoted lines and their attribution.
    for (int i = 0; i < n; i++) {
      if (kind[i] == null && !blank[i] && quoteLine(text, lines.get(i))) {
        kind[i] = SegmentKind.QUOTE;
      }
    }
    for (int i = 0; i < n; i++) {
      if (kind[i] != null || blank[i]) {
        continue;
      }
      int[] l = lines.get(i);
      // An attribution ends with a colon: look for one before searching the line for "wrote".
      if (l[1] - l[0] > MAX_REGEX_LINE || !contains(text, l, ':')) {
        continue;
      }
      String line = line(text, l);
      if (!ATTRIBUTION_END.matcher(line).find()) {
        continue;
      }
      int next = nextNonBlank(blank, i);
      boolean quoteFollows = next < 0 || kind[next] == SegmentKind.QUOTE;
      if (!quoteFollows) {
        continue;
      }
      kind[i] = SegmentKind.QUOTE;
      // A long attribution wraps: "On Tue, 3 Mar 2026 at 10:02, Dr. Maria\nGonzalez <m@x.org> wrote:".
      for (int back = 1; back <= 2 && i - back >= 0; back++) {
        int j = i - back;
        if (blank[j] || kind[j] != null) {
          break;
        }
        if (ATTRIBUTION_START.matcher(line(text, lines.get(j))).find()) {
          for (int k = j; k < i; k++) {
            kind[k] = SegmentKind.QUOTE;
          }
          break;
        }
      }
    }

    // Signature after a "-- " delimiter, up to the next quoted or forwarded part.
    for (int i = 0; i < n; i++) {
      if (kind[i] != null || blank[i]) {
        continue;
      }
      int[] l = lines.get(i);
      char lead = leadChar(text, l);
      if (l[1] - l[0] <= 3 && SIG_DELIMITER.matcher(line(text, l)).matches()) {
        for (int j = i; j < n && (kind[j] == null || kind[j] == SegmentKind.SIGNATURE); j++) {
          kind[j] = SegmentKind.SIGNATURE;
        }
      } else if ((lead == 'S' || lead == 's') && MOBILE_SIGNATURE.matcher(line(text, l)).matches()) {
        kind[i] = SegmentKind.SIGNATURE;
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
      if (line.length() <= MAX_REGEX_LINE && (GREETING.matcher(line).find() || TITLE_GREETING.matcher(line).find())) {
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
    for (int i = 0; i < n; i++) {
      if (kind[i] == null && !blank[i]) {
        kind[i] = SegmentKind.BODY;
      }
    }
    return toSegments(text, lines, kind, blank, greetingSplit);
  }

  private static void markClosing(
      String text, List<int[]> lines, SegmentKind[] kind, boolean[] blank, boolean greetingLineHasBody) {
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
        boolean bodyBefore = greetingLineHasBody;
        for (int j = i - 1; j >= 0 && !bodyBefore; j--) {
          bodyBefore = !blank[j] && kind[j] == null;
        }
        if (!bodyBefore) {
          return; // "Thanks again." alone is the message, not its sign-off
        }
        int after = 0;
        boolean shortLines = true;
        for (int j = i + 1; j <= end; j++) {
          if (!blank[j] && kind[j] == null) {
            after++;
            shortLines &= wordCount(line(text, lines.get(j))) <= 10;
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

  private static boolean outlookHeaderFollows(String text, List<int[]> lines, int from) {
    int fields = 0;
    for (int j = from + 1; j < lines.size() && j <= from + 6; j++) {
      String l = line(text, lines.get(j));
      if (l.length() < MAX_REGEX_LINE && OUTLOOK_FIELD.matcher(l).matches()) {
        fields++;
      }
    }
    return fields >= 2;
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

  private static @Nullable SegmentKind forcedKind(String text, int[] line, @Nullable SegmentKind[] forced) {
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
      String text, List<int[]> lines, SegmentKind[] kind, boolean[] blank, int @Nullable [] greetingSplit) {
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
