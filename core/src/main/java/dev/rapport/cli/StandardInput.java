package dev.rapport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells a closed standard input from a real one. Started with fd 0 closed, the JVM's first open
 * file (its own {@code lib/modules}) lands on fd 0, and reading "standard input" would read that.
 *
 * <p>Thread-safe: stateless.
 */
final class StandardInput {
  private StandardInput() {}

  /** Thrown by the stream that stands in for a closed standard input. */
  static final class ClosedException extends IOException {
    private static final long serialVersionUID = 1L;

    ClosedException() {
      super("standard input is closed");
    }
  }

  /** Returns {@code in}, or a stream whose every read says standard input is closed. */
  static InputStream of(InputStream in) {
    return isClosed() ? closed() : in;
  }

  static InputStream closed() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        throw new ClosedException();
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw new ClosedException();
      }
    };
  }

  /** Whether fd 0 is one of the files the JVM itself opened (Linux; elsewhere, never). */
  static boolean isClosed() {
    try {
      Path fd0 = Path.of("/proc/self/fd/0");
      if (!Files.isSymbolicLink(fd0)) {
        return false;
      }
      Path target = Files.readSymbolicLink(fd0);
      if (!target.isAbsolute()) {
        return false; // pipe:[…], socket:[…], anon_inode:…
      }
      Path home = Path.of(System.getProperty("java.home")).toRealPath();
      if (target.startsWith(home) || target.toString().endsWith(".jsa")) {
        return true;
      }
      for (String entry :
          System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) {
        if (!entry.isEmpty()
            && entry.endsWith(".jar")
            && target.equals(Path.of(entry).toAbsolutePath().normalize())) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
