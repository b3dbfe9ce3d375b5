package dev.rapport.bridge;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Writes native-messaging frames (4-byte length in the machine's byte order, then the payload) and
 * flushes each one, since Thunderbird waits for whole frames. Thread-safe: frames never interleave.
 */
final class FrameWriter {

  /** Thunderbird drops the port on a host-to-add-on message of 1 MiB or more. */
  static final int MAX_REPLY_BYTES = 1024 * 1024 - 1;

  private final OutputStream out;
  private final ByteOrder order;

  FrameWriter(OutputStream out) {
    this(out, ByteOrder.nativeOrder());
  }

  FrameWriter(OutputStream out, ByteOrder order) {
    this.out = Objects.requireNonNull(out, "out");
    this.order = Objects.requireNonNull(order, "order");
  }

  /**
   * Writes one frame.
   *
   * @throws IllegalArgumentException if the payload is over {@link #MAX_REPLY_BYTES}
   */
  synchronized void write(byte[] payload) throws IOException {
    if (payload.length > MAX_REPLY_BYTES) {
      throw new IllegalArgumentException(
          "reply of " + payload.length + " bytes is over the 1 MiB limit");
    }
    byte[] header = ByteBuffer.allocate(4).order(order).putInt(payload.length).array();
    out.write(header);
    out.write(payload);
    out.flush();
  }
}
