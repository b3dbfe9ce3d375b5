package dev.rapport.draft;

import org.jspecify.annotations.Nullable;

/**
 * Traces quoted-printable decoding (RFC 2045 §6.7) back to the encoded bytes. Angus decodes; this
 * only works out where each decoded byte came from, and gives up (returns {@code null}) unless its
 * reading agrees byte for byte with Angus's.
 */
final class QuotedPrintableMap {
  private QuotedPrintableMap() {}

  /**
   * Returns, for each byte of {@code decoded} and one past the end, the offset in the file of the
   * encoded byte it came from.
   *
   * @param raw the encoded body as it stands in the file
   * @param decoded the body as Angus decoded it
   * @param base the offset of {@code raw} in the file
   */
  static int @Nullable [] map(byte[] raw, byte[] decoded, int base) {
    int[] offsets = new int[decoded.length + 1];
    int out = 0;
    int i = 0;
    while (i < raw.length) {
      byte c = raw[i];
      if (c == '=') {
        // Soft line break: "=" then optional whitespace then CRLF or LF.
        int j = i + 1;
        while (j < raw.length && (raw[j] == ' ' || raw[j] == '\t')) {
          j++;
        }
        if (j < raw.length && (raw[j] == '\r' || raw[j] == '\n')) {
          i = raw[j] == '\r' && j + 1 < raw.length && raw[j + 1] == '\n' ? j + 2 : j + 1;
          continue;
        }
        if (j == raw.length) {
          i = j;
          continue;
        }
        if (i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
          if (!put(
              offsets, decoded, out++, (byte) (hex(raw[i + 1]) * 16 + hex(raw[i + 2])), base + i)) {
            return null;
          }
          i += 3;
          continue;
        }
      }
      if (c == ' ' || c == '\t') {
        // Whitespace at the end of an encoded line is padding, dropped by decoders.
        int j = i;
        while (j < raw.length && (raw[j] == ' ' || raw[j] == '\t')) {
          j++;
        }
        if (j == raw.length || raw[j] == '\r' || raw[j] == '\n') {
          if (out < decoded.length && (decoded[out] == ' ' || decoded[out] == '\t')) {
            // This decoder kept it; so do we.
            if (!put(offsets, decoded, out++, c, base + i)) {
              return null;
            }
            i++;
            continue;
          }
          i = j;
          continue;
        }
      }
      if (!put(offsets, decoded, out++, c, base + i)) {
        return null;
      }
      i++;
    }
    if (out != decoded.length) {
      return null;
    }
    offsets[decoded.length] = base + raw.length;
    return offsets;
  }

  private static boolean put(int[] offsets, byte[] decoded, int at, byte value, int fileOffset) {
    if (at >= decoded.length || decoded[at] != value) {
      return false;
    }
    offsets[at] = fileOffset;
    return true;
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }
}
