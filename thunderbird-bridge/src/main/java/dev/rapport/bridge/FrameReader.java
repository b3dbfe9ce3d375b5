package dev.rapport.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Reads native-messaging frames: a 4-byte unsigned length in the machine's byte order, then that
 * many bytes of UTF-8 JSON. A frame longer than the limit is read past without being kept, so the
 * stream stays in step and the host can answer it with an error. Not thread-safe: one reader per
 * stream.
 */
final class FrameReader {

  /** What the next read found. */
  sealed interface Result permits Frame, Oversized, End {}

  /** A whole frame within the limit. */
  record Frame(byte[] payload) implements Result {}

  /** A whole frame over the limit, skipped. */
  record Oversized(long length) implements Result {}

  /**
   * The end of the stream.
   *
   * @param midFrame whether it came inside a frame (a torn header or a short payload)
   */
  record End(boolean midFrame) implements Result {}

  private final InputStream in;
  private final int maxPayload;
  private final ByteOrder order;
  private final byte[] header = new byte[4];
  private final byte[] skipBuffer = new byte[64 * 1024];

  FrameReader(InputStream in, int maxPayload) {
    this(in, maxPayload, ByteOrder.nativeOrder());
  }

  FrameReader(InputStream in, int maxPayload, ByteOrder order) {
    this.in = Objects.requireNonNull(in, "in");
    if (maxPayload < 0) {
      throw new IllegalArgumentException("maxPayload must be >= 0: " + maxPayload);
    }
    this.maxPayload = maxPayload;
    this.order = Objects.requireNonNull(order, "order");
  }

  /** Reads the next frame; blocks until one has arrived or the stream ends. */
  Result next() throws IOException {
    int got = in.readNBytes(header, 0, 4);
    if (got == 0) {
      return new End(false);
    }
    if (got < 4) {
      return new End(true);
    }
    long length = Integer.toUnsignedLong(ByteBuffer.wrap(header).order(order).getInt());
    if (length > maxPayload) {
      long left = length;
      while (left > 0) {
        int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, left));
        if (n < 0) {
          return new End(true);
        }
        left -= n;
      }
      return new Oversized(length);
    }
    byte[] payload = in.readNBytes((int) length);
    if (payload.length < length) {
      return new End(true);
    }
    return new Frame(payload);
  }
}
