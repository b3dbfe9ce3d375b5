package dev.rapport.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only their owner may read (sync caches, the watcher's ledger: they name the people one
 * writes to), written so that a crash leaves the old version or the new one, never half of either.
 */
public final class PrivateFiles {
  private PrivateFiles() {}

  /**
   * Replaces {@code file} with {@code bytes}: its folder is made, private where the file system
   * allows it; the bytes go to a private temporary file beside it, are forced to disk, and the file
   * is moved over the old one, atomically where the file system can.
   *
   * @param tempPrefix how the temporary file's name starts (it starts with a dot, to stay hidden)
   */
  public static void write(Path file, byte[] bytes, String tempPrefix) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException | IOException ignored) {
      // Not a POSIX file system, or not our folder: the file itself is still private below.
    }
    // createTempFile makes the file readable by its owner only.
    Path tmp = Files.createTempFile(dir, tempPrefix, ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
