package dev.rapport.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import org.jspecify.annotations.Nullable;

/**
 * The layout Rapport's own state files share (the sync cache, status's digest): a magic line, a
 * body of length-prefixed UTF-8 strings and fixed-width numbers, and a CRC32 of everything before
 * it. A file that fails any check is damaged, and its reader treats it as missing. Stateless.
 */
public final class Records {
  private Records() {}

  /** No count or string length in a state file is larger; a larger one means damage. */
  private static final int MAX_COUNT = 50_000_000;

  /** Returns {@code body} with the CRC32 of all of it appended. */
  public static byte[] sealed(byte[] body) {
    CRC32 crc = new CRC32();
    crc.update(body);
    return ByteBuffer.allocate(body.length + 8).put(body).putLong(crc.getValue()).array();
  }

  /**
   * Checks the checksum {@link #sealed} appended and the magic the body starts with, and returns
   * the body after the magic.
   *
   * @param what what the file should be, for the exception's message ("a Rapport cache")
   * @throws IOException if the file is shorter than {@code minimum}, damaged or another kind
   */
  public static DataInputStream opened(byte[] bytes, byte[] magic, int minimum, String what)
      throws IOException {
    if (bytes.length < minimum) {
      throw new EOFException("too short");
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, 0, bytes.length - 8);
    if (ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong() != crc.getValue()) {
      throw new IOException("checksum mismatch");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8));
    if (!Arrays.equals(in.readNBytes(magic.length), magic)) {
      throw new IOException("not " + what);
    }
    return in;
  }

  /** Writes a string as its UTF-8 length and bytes. */
  public static void str(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /** Reads what {@link #str(DataOutputStream, String)} wrote. */
  public static String str(DataInputStream in) throws IOException {
    int n = count(in);
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException();
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /** Writes a string that may be absent. */
  public static void opt(DataOutputStream out, @Nullable String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      str(out, s);
    }
  }

  /** Reads what {@link #opt(DataOutputStream, String)} wrote. */
  public static @Nullable String opt(DataInputStream in) throws IOException {
    return in.readBoolean() ? str(in) : null;
  }

  /** Reads a count or a length, refusing a negative or implausibly large one. */
  public static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_COUNT) {
      throw new IOException("bad length " + n);
    }
    return n;
  }
}
