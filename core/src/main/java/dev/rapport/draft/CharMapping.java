package dev.rapport.draft;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Bytes decoded to text, with the byte offset each character came from where that can be known. */
final class CharMapping {
  final String text;
  final int @Nullable [] byteOffsets;

  private CharMapping(String text, int @Nullable [] byteOffsets) {
    this.text = text;
    this.byteOffsets = byteOffsets;
  }

  static CharMapping decode(byte[] bytes, Charset cs) {
    String text = new String(bytes, cs);
    if (cs.equals(StandardCharsets.UTF_8) && Utf8.isValid(bytes)) {
      int[] offsets = new int[text.length()];
      int c = 0;
      int i = 0;
      while (i < bytes.length) {
        int n = Utf8.sequenceLength(bytes, i);
        offsets[c++] = i;
        if (n == 4) {
          offsets[c++] = i; // the low surrogate of a supplementary character
        }
        i += n;
      }
      return new CharMapping(text, c == text.length() ? offsets : null);
    }
    if (text.length() == bytes.length && singleByte(cs)) {
      int[] offsets = new int[text.length()];
      for (int i = 0; i < offsets.length; i++) {
        offsets[i] = i;
      }
      return new CharMapping(text, offsets);
    }
    return new CharMapping(text, null);
  }

  private static boolean singleByte(Charset cs) {
    try {
      return cs.canEncode() && cs.newEncoder().maxBytesPerChar() == 1.0f;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }
}
