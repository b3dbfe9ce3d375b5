package dev.rapport.draft;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

/**
 * Maps offsets of a draft's analysed text back to line and column of the original input.
 *
 * <p>The analysed text is built from runs copied out of the source (a file's bytes, or a string);
 * characters that were synthesized (line breaks between HTML blocks, say) map to the end of the run
 * before them. Immutable and thread-safe.
 */
final class SourceMap {

  /** Turns a source unit (a char index or a byte index) into a position. */
  private interface Locator {
    SourcePosition locate(int unit);
  }

  private final int[] textStarts;
  private final int[] sourceStarts;
  private final int[] lengths;
  private final Locator locator;

  private SourceMap(int[] textStarts, int[] sourceStarts, int[] lengths, Locator locator) {
    this.textStarts = textStarts;
    this.sourceStarts = sourceStarts;
    this.lengths = lengths;
    this.locator = locator;
  }

  /** The text is its own source: line and column are those of the text itself. */
  static SourceMap identity(String text) {
    return new SourceMap(
        new int[] {0}, new int[] {0}, new int[] {text.length()}, stringLocator(text));
  }

  /** A map whose runs point into a string source. */
  static SourceMap ofString(Runs runs, String source) {
    return new SourceMap(
        runs.textStarts(), runs.sourceStarts(), runs.lengths(), stringLocator(source));
  }

  /**
   * A map whose runs point into a byte source (an {@code .eml} file); columns are counted in
   * characters of {@code charset}.
   */
  static SourceMap ofBytes(Runs runs, byte[] source, Charset charset) {
    return new SourceMap(
        runs.textStarts(), runs.sourceStarts(), runs.lengths(), byteLocator(source, charset));
  }

  /** A map that sends every offset to one place: used where the text cannot be traced back. */
  static SourceMap fixed(SourcePosition position) {
    return new SourceMap(new int[0], new int[0], new int[0], unit -> position);
  }

  /** Returns the position in the original input of the character at {@code textOffset}. */
  SourcePosition position(int textOffset) {
    if (textStarts.length == 0) {
      return locator.locate(0);
    }
    int i = Arrays.binarySearch(textStarts, textOffset);
    if (i < 0) {
      i = -i - 2;
    }
    if (i < 0) {
      return locator.locate(sourceStarts[0]);
    }
    int within = Math.min(textOffset - textStarts[i], Math.max(0, lengths[i]));
    return locator.locate(sourceStarts[i] + within);
  }

  private static Locator stringLocator(String source) {
    int[] lineStarts = lineStarts(source);
    return unit -> {
      int u = Math.max(0, Math.min(unit, source.length()));
      int line = lineOf(lineStarts, u);
      int start = lineStarts[line];
      return new SourcePosition(line + 1, source.codePointCount(start, u) + 1);
    };
  }

  private static Locator byteLocator(byte[] source, Charset charset) {
    int[] lineStarts = lineStarts(source);
    return unit -> {
      int u = Math.max(0, Math.min(unit, source.length));
      int line = lineOf(lineStarts, u);
      int start = lineStarts[line];
      return new SourcePosition(line + 1, charsIn(source, start, u, charset) + 1);
    };
  }

  private static int lineOf(int[] lineStarts, int unit) {
    int i = Arrays.binarySearch(lineStarts, unit);
    return i >= 0 ? i : -i - 2;
  }

  private static int[] lineStarts(String s) {
    int[] starts = new int[16];
    int n = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, n);
  }

  private static int[] lineStarts(byte[] b) {
    int[] starts = new int[16];
    int n = 1;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        if (n == starts.length) {
          starts = Arrays.copyOf(starts, n * 2);
        }
        starts[n++] = i + 1;
      }
    }
    return Arrays.copyOf(starts, n);
  }

  private static int charsIn(byte[] source, int from, int to, Charset charset) {
    if (to <= from) {
      return 0;
    }
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    CharBuffer out = CharBuffer.allocate((to - from) * 2 + 4);
    decoder.decode(ByteBuffer.wrap(source, from, to - from), out, true);
    decoder.flush(out);
    out.flip();
    return Character.codePointCount(out, 0, out.length());
  }

  /** Collects runs while a parser builds the analysed text. Not thread-safe. */
  static final class Runs {
    private int[] textStarts = new int[16];
    private int[] sourceStarts = new int[16];
    private int[] lengths = new int[16];
    private int size;

    /**
     * Records that {@code length} text chars from {@code textStart} came from {@code sourceStart}.
     */
    void add(int textStart, int sourceStart, int length) {
      if (length <= 0) {
        return;
      }
      if (size > 0) {
        int last = size - 1;
        if (textStarts[last] + lengths[last] == textStart
            && sourceStarts[last] + lengths[last] == sourceStart) {
          lengths[last] += length;
          return;
        }
      }
      if (size == textStarts.length) {
        textStarts = Arrays.copyOf(textStarts, size * 2);
        sourceStarts = Arrays.copyOf(sourceStarts, size * 2);
        lengths = Arrays.copyOf(lengths, size * 2);
      }
      textStarts[size] = textStart;
      sourceStarts[size] = sourceStart;
      lengths[size] = length;
      size++;
    }

    boolean isEmpty() {
      return size == 0;
    }

    int[] textStarts() {
      return Arrays.copyOf(textStarts, size);
    }

    int[] sourceStarts() {
      return Arrays.copyOf(sourceStarts, size);
    }

    int[] lengths() {
      return Arrays.copyOf(lengths, size);
    }
  }
}
