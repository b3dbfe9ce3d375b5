package dev.rapport.bridge;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's baseline: the smallest Java native-messaging host, which reads a frame and
 * answers {@code {"type":"pong"}} without looking at it. What a real host costs beyond this is its
 * own.
 */
public final class EchoHost {
  private EchoHost() {}

  public static void main(String[] args) throws IOException {
    DataInputStream in =
        new DataInputStream(new BufferedInputStream(new FileInputStream(FileDescriptor.in)));
    OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
    byte[] reply = "{\"id\":null,\"type\":\"pong\"}".getBytes(StandardCharsets.UTF_8);
    byte[] header = new byte[4];
    while (true) {
      try {
        in.readFully(header);
      } catch (EOFException e) {
        return;
      }
      int n = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getInt();
      in.skipNBytes(n);
      out.write(ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(reply.length).array());
      out.write(reply);
      out.flush();
    }
  }
}
