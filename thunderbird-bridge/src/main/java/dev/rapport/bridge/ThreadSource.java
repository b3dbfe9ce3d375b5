package dev.rapport.bridge;

import dev.rapport.config.Account;
import dev.rapport.connect.AccountConnection;
import dev.rapport.imap.ImapException;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.MailboxReader;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.imap.SyncCache;
import dev.rapport.imap.SyncListener;
import dev.rapport.lint.ThreadContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * The tracker's view of the user's mailboxes, for the timing rules: the configured {@code
 * [[accounts]]} are read read-only on a background thread (incrementally, through the on-disk
 * {@link SyncCache} the command line shares), first when the host starts and then again when a lint
 * arrives and the last read is older than the refresh interval. A lookup only ever reads the latest
 * snapshot in memory, so a lint or a send never waits on the network; before the first snapshot, or
 * while an account fails, lookups find nothing and the draft is linted without thread context. A
 * failing account is logged once (until it works again), never with its secret.
 *
 * <p>Thread-safe.
 */
final class ThreadSource {

  /** How often a mailbox is read again at most, while lints keep arriving. */
  static final Duration REFRESH = Duration.ofMinutes(5);

  /** What a lookup found, and where. */
  record Found(ThreadContext context, String account, Instant syncedAt) {
    Found {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(syncedAt, "syncedAt");
    }
  }

  /** Reads one account; the real one connects with {@link MailboxReader}. */
  @FunctionalInterface
  interface Reader {
    MailboxSnapshot read(Account account) throws ImapException;
  }

  /** One account's latest snapshot and sync bookkeeping; guarded by its own monitor. */
  private static final class State {
    /** The latest good read; replaced whole, so a lookup never sees half of one. */
    volatile @Nullable Synced latest;

    @Nullable Instant lastAttempt;
    @Nullable CompletableFuture<Void> running;
    boolean failureLogged;
  }

  private record Synced(MailboxSnapshot snapshot, Instant at) {}

  private final Reader reader;
  private final Clock clock;
  private final Duration refresh;
  private final ExecutorService background;
  private final Logger log;
  private final Map<Account, State> states = new ConcurrentHashMap<>();

  /**
   * @param reader reads an account (see {@link #imap})
   * @param clock dates syncs, to decide when one is due
   * @param refresh the least time between two reads of an account
   * @param background runs the reads; one thread is plenty
   * @param log where failures and sync summaries go
   */
  ThreadSource(
      Reader reader, Clock clock, Duration refresh, ExecutorService background, Logger log) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
    this.background = Objects.requireNonNull(background, "background");
    this.log = Objects.requireNonNull(log, "log");
  }

  /**
   * The host's source: real IMAP reads with the default options, on one low-priority daemon thread.
   */
  static ThreadSource forHost(Map<String, String> env, Logger log) {
    ExecutorService one =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "rapport-mailbox");
              t.setDaemon(true);
              t.setPriority(Thread.MIN_PRIORITY);
              return t;
            });
    return new ThreadSource(
        imap(env, ImapOptions.DEFAULTS, new SyncCache(SyncCache.defaultDirectory(env))),
        Clock.systemUTC(),
        REFRESH,
        one,
        log);
  }

  /**
   * A reader over IMAP: credentials from the environment or the account's commands, plain {@code
   * imap://} only to loopback unless the account allows it, TLS verified as {@code options} say.
   */
  static Reader imap(Map<String, String> env, ImapOptions options, SyncCache cache) {
    Map<String, String> e = Map.copyOf(env);
    return account -> {
      AccountConnection connection = AccountConnection.open(account, options, e);
      return connection
          .reader(cache)
          .read(connection.url(), connection.credentials().get(), SyncListener.NONE);
    };
  }

  /**
   * Starts a background read of every account that is due (never read, or last tried at least the
   * refresh interval ago, and not being read now). Returns at once.
   *
   * @return completes when every read of these accounts that is running or was started is over
   *     (successful or not); never completes exceptionally
   */
  CompletableFuture<Void> refresh(List<Account> accounts) {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    Instant now = clock.instant();
    for (Account a : accounts) {
      State s = states.computeIfAbsent(a, k -> new State());
      synchronized (s) {
        if (s.running == null
            && (s.lastAttempt == null || !now.isBefore(s.lastAttempt.plus(refresh)))) {
          s.lastAttempt = now;
          CompletableFuture<Void> done = new CompletableFuture<>();
          s.running = done;
          try {
            background.execute(() -> sync(a, s, done));
          } catch (RejectedExecutionException e) {
            s.running = null;
            done.complete(null);
          }
        }
        if (s.running != null) {
          pending.add(s.running);
        }
      }
    }
    return CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]));
  }

  private void sync(Account account, State s, CompletableFuture<Void> done) {
    long start = System.nanoTime();
    try {
      MailboxSnapshot snap = reader.read(account);
      Instant at = clock.instant();
      boolean recovered;
      synchronized (s) {
        s.latest = new Synced(snap, at);
        recovered = s.failureLogged;
        s.failureLogged = false;
      }
      log.info(
          () ->
              "mailbox "
                  + account.name()
                  + (recovered ? " readable again" : " read")
                  + ": "
                  + snap.messages().size()
                  + " messages ("
                  + snap.fetched()
                  + " new) in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms");
    } catch (ImapException | RuntimeException e) {
      boolean first;
      synchronized (s) {
        first = !s.failureLogged;
        s.failureLogged = true;
      }
      if (first) {
        // ImapException messages are one line and never carry the secret; other failures show their
        // type only.
        String why =
            e instanceof ImapException
                ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        log.log(
            Level.WARNING,
            "mailbox "
                + account.name()
                + " cannot be read, drafts are checked without thread context until it can: "
                + RequestHandler.oneLine(why));
      }
    } catch (Error e) {
      log.log(
          Level.SEVERE,
          "mailbox " + account.name() + ": the read failed (" + e.getClass().getSimpleName() + ")");
    } finally {
      synchronized (s) {
        s.running = null;
      }
      done.complete(null);
    }
  }

  /**
   * Returns what the latest snapshots say about the thread with a recipient, without waiting: from
   * the account where the recipient has history (the one with the latest exchange, if several),
   * else a first contact; {@code null} if no account has been read yet.
   *
   * @param accounts the accounts configured now (snapshots of others are ignored)
   * @param recipient the recipient's address
   */
  @Nullable Found lookup(List<Account> accounts, String recipient) {
    Found first = null;
    Found best = null;
    for (Account a : accounts) {
      State s = states.get(a);
      Synced latest = s == null ? null : s.latest;
      if (latest == null) {
        continue;
      }
      ThreadContext c = latest.snapshot().threadContext(recipient);
      Found f = new Found(c, a.name(), latest.at());
      if (c.firstContact()) {
        if (first == null) {
          first = f;
        }
      } else if (best == null || latest(c).isAfter(latest(best.context()))) {
        best = f;
      }
    }
    return best != null ? best : first;
  }

  private static Instant latest(ThreadContext c) {
    Instant t = Instant.MIN;
    if (c.lastSent() != null && c.lastSent().isAfter(t)) {
      t = c.lastSent();
    }
    if (c.lastReceived() != null && c.lastReceived().isAfter(t)) {
      t = c.lastReceived();
    }
    return t;
  }

  /** Stops the background thread; reads in progress are abandoned. */
  void close() {
    background.shutdownNow();
  }
}
