package dev.rapport.imap;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link MailboxWatcher} paces itself: how often it renews IDLE, syncs without news, polls a
 * server without IDLE and, without NOTIFY, asks the STATUS of the folders no IDLE listens to, and
 * how long it waits before reconnecting. The defaults and the bounds of each setting live here
 * only, for every builder that takes them.
 *
 * <p>Immutable and thread-safe.
 *
 * @param renewIdleEvery how often the watchdog breaks and renews IDLE and checks the connection is
 *     alive: 50 ms to 10 minutes (servers may drop a client idle for 30)
 * @param resyncEvery how often to sync even without news (catches mail filed into unwatched
 *     folders): 50 ms to a day
 * @param pollEvery how often to poll with NOOP on a server without IDLE: 50 ms to an hour
 * @param firstRetry the first wait before reconnecting: 1 ms to an hour
 * @param maxRetry the cap the doubling waits stop at: {@code firstRetry} to an hour
 * @param checkFoldersEvery without NOTIFY, how often the folders no IDLE connection listens to (all
 *     but INBOX, Sent, Junk, Trash and Drafts) are asked their STATUS on the sync connection, so
 *     mail a server-side filter files there is announced without waiting for the resync: 50 ms to a
 *     day
 */
public record WatchTimings(
    Duration renewIdleEvery,
    Duration resyncEvery,
    Duration pollEvery,
    Duration firstRetry,
    Duration maxRetry,
    Duration checkFoldersEvery) {

  /** The default of {@link #checkFoldersEvery}: a reply filed anywhere is told within a minute. */
  private static final Duration CHECK_FOLDERS_EVERY = Duration.ofSeconds(30);

  /**
   * IDLE renewed every 5 minutes, a sync every 10, NOOP every minute, retries from 1 s to 5
   * minutes, the other folders' STATUS every 30 s.
   */
  public static final WatchTimings DEFAULTS =
      new WatchTimings(
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(1),
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          CHECK_FOLDERS_EVERY);

  public WatchTimings {
    between(renewIdleEvery, Duration.ofMillis(50), Duration.ofMinutes(10), "renewIdleEvery");
    between(resyncEvery, Duration.ofMillis(50), Duration.ofDays(1), "resyncEvery");
    between(pollEvery, Duration.ofMillis(50), Duration.ofHours(1), "pollEvery");
    between(firstRetry, Duration.ofMillis(1), Duration.ofHours(1), "first retry");
    between(maxRetry, firstRetry, Duration.ofHours(1), "max retry");
    between(checkFoldersEvery, Duration.ofMillis(50), Duration.ofDays(1), "checkFoldersEvery");
  }

  /**
   * The timings as they were before {@link #checkFoldersEvery} existed: the folders are checked
   * every 30 s.
   */
  public WatchTimings(
      Duration renewIdleEvery,
      Duration resyncEvery,
      Duration pollEvery,
      Duration firstRetry,
      Duration maxRetry) {
    this(renewIdleEvery, resyncEvery, pollEvery, firstRetry, maxRetry, CHECK_FOLDERS_EVERY);
  }

  /** Returns these timings with IDLE renewed every {@code every}. */
  public WatchTimings withRenewIdleEvery(Duration every) {
    return new WatchTimings(every, resyncEvery, pollEvery, firstRetry, maxRetry, checkFoldersEvery);
  }

  /** Returns these timings with a sync every {@code every} even without news. */
  public WatchTimings withResyncEvery(Duration every) {
    return new WatchTimings(
        renewIdleEvery, every, pollEvery, firstRetry, maxRetry, checkFoldersEvery);
  }

  /** Returns these timings with NOOP polling every {@code every} where the server has no IDLE. */
  public WatchTimings withPollEvery(Duration every) {
    return new WatchTimings(
        renewIdleEvery, resyncEvery, every, firstRetry, maxRetry, checkFoldersEvery);
  }

  /** Returns these timings with reconnections waiting from {@code first} up to {@code max}. */
  public WatchTimings withRetry(Duration first, Duration max) {
    return new WatchTimings(renewIdleEvery, resyncEvery, pollEvery, first, max, checkFoldersEvery);
  }

  /**
   * Returns these timings with the STATUS of the folders no IDLE listens to asked every {@code
   * every} (without NOTIFY).
   */
  public WatchTimings withCheckFoldersEvery(Duration every) {
    return new WatchTimings(renewIdleEvery, resyncEvery, pollEvery, firstRetry, maxRetry, every);
  }

  private static void between(Duration d, Duration min, Duration max, String what) {
    Objects.requireNonNull(d, what);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          what + " must be between " + min + " and " + max + ", not " + d);
    }
  }
}
