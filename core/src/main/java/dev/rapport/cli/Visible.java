package dev.rapport.cli;

/**
 * Makes text safe to print on one line of a terminal: a file name or a server's words may hold a
 * newline, an escape sequence or a bidirectional override, and printed raw they would split a
 * one-line error or drive the terminal.
 *
 * <p>Thread-safe: a pure function.
 */
final class Visible {
  private Visible() {}

  /**
   * Returns {@code s} with control, format and unpaired surrogate characters written as escapes.
   */
  static String of(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String esc = escape(s, i, c);
      if (esc == null) {
        if (b != null) {
          b.append(c);
        }
        continue;
      }
      if (b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      b.append(esc);
    }
    return b == null ? s : b.toString();
  }

  private static String escape(String s, int i, char c) {
    switch (c) {
      case '\n':
        return "\\n";
      case '\r':
        return "\\r";
      case '\t':
        return "\\t";
      case 0x1b:
        return "\\e";
      default:
        break;
    }
    if (c < 0x20 || c == 0x7f) {
      return String.format("\\x%02X", (int) c);
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? null : hex(c);
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1)) ? null : hex(c);
    }
    int type = Character.getType(c);
    if (type == Character.CONTROL
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR
        || type == Character.UNASSIGNED
        || type == Character.PRIVATE_USE) {
      return hex(
          c); // C1 controls, bidi overrides, zero-width characters, U+2028/2029, unassigned and
      // private-use
    }
    return null;
  }

  private static String hex(char c) {
    return String.format("\\u%04X", (int) c);
  }
}
