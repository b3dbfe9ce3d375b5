package dev.rapport.draft;

/** UTF-8 validity, for bodies whose declared charset cannot be trusted. */
final class Utf8 {
  private Utf8() {}

  /** Returns whether {@code b} is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates). */
  static boolean isValid(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int n = sequenceLength(b, i);
      if (n < 0) {
        return false;
      }
      i += n;
    }
    return true;
  }

  /** Returns the length of the well-formed sequence at {@code i}, or -1. */
  static int sequenceLength(byte[] b, int i) {
    int c = b[i] & 0xff;
    if (c < 0x80) {
      return 1;
    }
    int n;
    int min;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      min = 0x10000;
    } else {
      return -1;
    }
    if (i + n > b.length) {
      return -1;
    }
    int cp = c & (0xff >> (n + 1));
    for (int k = 1; k < n; k++) {
      int cc = b[i + k] & 0xff;
      if ((cc & 0xc0) != 0x80) {
        return -1;
      }
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      return -1;
    }
    return n;
  }
}
