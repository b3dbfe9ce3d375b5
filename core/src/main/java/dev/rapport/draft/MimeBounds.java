package dev.rapport.draft;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The most work one message may ask of the parser: MIME parts, bytes of the header section, and
 * recipients. Angus splits a multipart into all of its parts at once and keeps every header of
 * every part, so a 4 MB message of 100,000 tiny parts costs far more memory than its size; these
 * bounds are checked on the raw bytes before Angus sees them (the recipients just after the header
 * is parsed), and a message past one is refused with a one-line {@link DraftException} that names
 * the bound.
 *
 * <p>Stateless and thread-safe.
 */
final class MimeBounds {
  private MimeBounds() {}

  /**
   * MIME parts in the whole message, at every depth: a real email has a handful, a newsletter a few
   * dozen.
   */
  static final int MAX_PARTS = 1000;

  /** Bytes of the message's own header section (a long thread's References run to a few KB). */
  static final int MAX_HEADER_BYTES = 256 * 1024;

  /** Addresses in To and Cc together: outreach goes to a person, not to a list of thousands. */
  static final int MAX_RECIPIENTS = 1000;

  /** Refuses a message whose header section or number of MIME parts is past its bound. */
  static void check(byte[] bytes) throws DraftException {
    int headerEnd = headerEnd(bytes, MAX_HEADER_BYTES + 1);
    if (headerEnd < 0) {
      throw new DraftException(
          String.format(
              Locale.ROOT,
              "header section too large: more than %d KB before the first blank line (the limit)",
              MAX_HEADER_BYTES / 1024));
    }
    int parts = parts(bytes);
    if (parts > MAX_PARTS) {
      throw new DraftException(
          String.format(
              Locale.ROOT,
              "too many MIME parts: more than %d (the limit); this is not a draft a person wrote",
              MAX_PARTS));
    }
  }

  /** Refuses a message with more recipients than {@link #MAX_RECIPIENTS}. */
  static void checkRecipients(int to, int cc) throws DraftException {
    if (to + cc > MAX_RECIPIENTS) {
      throw new DraftException(
          String.format(
              Locale.ROOT,
              "too many recipients: %d addresses in To and Cc (the limit is %d)",
              to + cc,
              MAX_RECIPIENTS));
    }
  }

  /**
   * Where the header section ends (the offset of its blank line), or the whole length when the
   * message has no body; -1 when no blank line comes within {@code limit} bytes and more follow.
   */
  static int headerEnd(byte[] b, int limit) {
    int lineStart = 0;
    int n = Math.min(b.length, limit);
    for (int i = 0; i < n; i++) {
      if (b[i] == '\n') {
        int len = i - lineStart - (i > lineStart && b[i - 1] == '\r' ? 1 : 0);
        if (len == 0) {
          return lineStart;
        }
        lineStart = i + 1;
      }
    }
    return b.length <= limit ? b.length : -1;
  }

  /**
   * An upper bound on the MIME body parts Angus would make of the message (at least 1, the message
   * itself): the lines that start with {@code --} followed by a boundary that some {@code
   * boundary=} parameter declares, close delimiters excepted. Stops counting past {@link
   * #MAX_PARTS}.
   */
  static int parts(byte[] b) {
    Set<String> boundaries = boundaries(b);
    if (boundaries.isEmpty()) {
      return 1;
    }
    if (boundaries.size() > MAX_PARTS) {
      return boundaries.size();
    }
    int count = 0;
    int lineStart = 0;
    for (int i = 0; i <= b.length; i++) {
      if (i == b.length || b[i] == '\n') {
        if (i - lineStart > 2 && b[lineStart] == '-' && b[lineStart + 1] == '-') {
          int end = i;
          while (end > lineStart + 2
              && (b[end - 1] == '\r' || b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
          }
          String rest =
              new String(
                  b, lineStart + 2, Math.min(end - lineStart - 2, 80), StandardCharsets.ISO_8859_1);
          // A delimiter line opens a part; a close delimiter (--b--) opens none.
          if (boundaries.contains(rest)
              && !(rest.endsWith("--")
                  && boundaries.contains(rest.substring(0, rest.length() - 2)))) {
            if (++count > MAX_PARTS) {
              return count;
            }
          }
        }
        lineStart = i + 1;
      }
    }
    return Math.max(1, count);
  }

  /**
   * Every value of a {@code boundary=} parameter anywhere in the message (RFC 2046: at most 70
   * characters).
   */
  private static Set<String> boundaries(byte[] b) {
    Set<String> out = new HashSet<>();
    byte[] key = "boundary".getBytes(StandardCharsets.US_ASCII);
    outer:
    for (int i = 0; i + key.length < b.length; i++) {
      for (int j = 0; j < key.length; j++) {
        if ((b[i + j] | 0x20) != key[j]) {
          continue outer;
        }
      }
      int k = i + key.length;
      while (k < b.length && (b[k] == ' ' || b[k] == '\t')) {
        k++;
      }
      if (k >= b.length || b[k] != '=') {
        continue;
      }
      k++;
      while (k < b.length && (b[k] == ' ' || b[k] == '\t')) {
        k++;
      }
      int start;
      int end;
      if (k < b.length && b[k] == '"') {
        start = ++k;
        while (k < b.length && b[k] != '"' && b[k] != '\n' && k - start <= 80) {
          k++;
        }
      } else {
        start = k;
        while (k < b.length
            && b[k] != ';'
            && b[k] != ' '
            && b[k] != '\t'
            && b[k] != '\r'
            && b[k] != '\n'
            && k - start <= 80) {
          k++;
        }
      }
      end = k;
      if (end > start) {
        out.add(new String(b, start, Math.min(end - start, 80), StandardCharsets.ISO_8859_1));
      }
      if (out.size() > MAX_PARTS) {
        return out;
      }
      i = Math.max(i, k - 1);
    }
    return out;
  }
}
