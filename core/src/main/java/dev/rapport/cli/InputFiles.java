package dev.rapport.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Turns a file argument into a path, including a name that is not valid in the platform's encoding.
 *
 * <p>Java decodes the command line and directory listings the same lossy way, so a name with bytes
 * that are not UTF-8 reaches us as a string that no longer names the file; the directory entry that
 * decodes to the same string still holds the original bytes.
 *
 * <p>Thread-safe: stateless.
 */
final class InputFiles {
  private InputFiles() {}

  /** Returns the path the argument names; a path that does not exist when nothing matches. */
  static Path resolve(String arg) throws InvalidPathException {
    Path p = Path.of(arg);
    if (Files.exists(p)
        || (arg.indexOf('\uFFFD') < 0 && arg.indexOf('?') < 0)
        || p.getFileName() == null) {
      return p;
    }
    Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
    String wanted = p.getFileName().toString();
    try (Stream<Path> entries = Files.list(dir)) {
      Path[] found =
          entries
              .filter(e -> e.getFileName().toString().equals(wanted))
              .limit(2)
              .toArray(Path[]::new);
      if (found.length == 1) {
        return p.getParent() == null ? found[0].getFileName() : found[0];
      }
    } catch (IOException | RuntimeException e) {
      // Fall through: the caller reports the file as missing.
    }
    return p;
  }
}
