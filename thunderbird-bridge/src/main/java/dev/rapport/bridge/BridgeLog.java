package dev.rapport.bridge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The host's log: a small rotating file in the user's state folder, never standard output (which
 * carries the protocol). Drafts, recipients' addresses and subjects are never logged, only sizes,
 * timings and errors; an error reading a configured mailbox names that account (the user's own
 * address), never its secret. Thread-safe, as {@link Logger} is.
 */
final class BridgeLog {
  private BridgeLog() {}

  /**
   * Returns a logger writing to {@code dir/bridge.log}, or one writing nowhere if that cannot be
   * opened.
   */
  static Logger open(Path dir) {
    Logger log = Logger.getLogger("dev.rapport.bridge.host");
    log.setUseParentHandlers(false);
    log.setLevel(Level.INFO);
    try {
      Files.createDirectories(dir);
      FileHandler h = new FileHandler(dir.resolve("bridge%g.log").toString(), 512 * 1024, 2, true);
      h.setFormatter(new OneLine());
      log.addHandler(h);
    } catch (IOException | RuntimeException e) {
      // A host that cannot log still checks drafts.
    }
    return log;
  }

  /** Returns a logger that discards everything (for tests and benchmarks). */
  static Logger silent() {
    Logger log = Logger.getAnonymousLogger();
    log.setUseParentHandlers(false);
    log.setLevel(Level.OFF);
    return log;
  }

  private static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord r) {
      StringBuilder sb =
          new StringBuilder()
              .append(Instant.ofEpochMilli(r.getMillis()))
              .append(' ')
              .append(r.getLevel().getName())
              .append(' ')
              .append(formatMessage(r));
      if (r.getThrown() != null) {
        sb.append(" (").append(r.getThrown()).append(')');
      }
      return sb.append(System.lineSeparator()).toString();
    }
  }
}
