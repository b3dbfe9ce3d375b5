package dev.rapport.draft;

/** Small text helpers shared by the parsers. */
final class Texts {
  private Texts() {}

  /** Replaces CRLF and lone CR with LF. */
  static String normalizeNewlines(String s) {
    if (s.indexOf('\r') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r') {
        sb.append('\n');
        if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
          i++;
        }
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Returns the runs that map {@link #normalizeNewlines}{@code (s)} back to offsets of {@code s}.
   */
  static SourceMap.Runs crlfRuns(String s) {
    SourceMap.Runs runs = new SourceMap.Runs();
    int t = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      runs.add(t++, i, 1);
      if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
        i++;
      }
    }
    return runs;
  }

  /** Returns whether the range holds only whitespace. */
  static boolean isBlank(CharSequence s, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!Character.isWhitespace(s.charAt(i)) && s.charAt(i) != '\u00a0') {
        return false;
      }
    }
    return true;
  }
}
