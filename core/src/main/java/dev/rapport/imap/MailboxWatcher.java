package dev.rapport.imap;

import dev.rapport.track.FolderRole;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;

/**
 * Keeps one account's {@link MailboxSnapshot} current for as long as it runs: syncs as {@link
 * MailboxReader} does, then waits for news on IDLE connections (INBOX, Sent and Junk, one
 * connection each; or a single connection with NOTIFY where the server offers it, which hears of
 * every folder; NOOP polling where there is no IDLE) and syncs again on each piece of news, every
 * {@code resyncEvery} in any case, and after every reconnection. Without NOTIFY it also asks the
 * STATUS of the other folders a sync reads (not Trash, Junk or Drafts) every {@code
 * checkFoldersEvery}, on the sync connection, and syncs when one changed: a reply a server-side
 * filter files into a folder of its own is told within that interval. Each sync is incremental, so
 * a reconnection costs a few STATUS commands, and it is complete, so nothing that happened while
 * the connection was down is missed: a restarted server, a cut or silently dropped connection, a
 * folder renumbered (UIDVALIDITY) or messages expunged under our feet all end in a fresh, exact
 * snapshot.
 *
 * <p>The syncs of a run share what they read in memory; the {@link Builder#cache cache} given (its
 * file) is written after the first sync of each session, after each periodic resync and at {@link
 * #close()}, not after every piece of news: a watcher killed outright loses only the last few
 * minutes of it, which its next start reads again from the server.
 *
 * <p>A lost connection ends the whole session (every channel is closed); the next one starts after
 * a capped exponential backoff with jitter. Failures never end the watcher: only {@link #close()}
 * does.
 *
 * <pre>{@code
 * MailboxWatcher w = MailboxWatcher.builder(url, credentials)
 *     .listener(snapshot -> System.out.println(snapshot.messages().size() + " messages"))
 *     .build();
 * w.start();
 * ...
 * w.close();
 * }</pre>
 *
 * <p>This is the low-level API: one account, snapshots and connection news, no contact states.
 * Applications that want to hear of replies and follow-ups falling due use {@link
 * dev.rapport.watch.Watcher}, which runs one of these per account and gives it its {@link
 * WatchTimings}.
 *
 * <p>Thread-safe. Listener methods are called on the watcher's own thread, one at a time.
 */
public final class MailboxWatcher implements AutoCloseable {

  /** Hears of every new snapshot, and of the connection's ups and downs. */
  @FunctionalInterface
  public interface Listener extends SyncListener {
    /** A sync finished: the mailbox as it is now. */
    void synced(MailboxSnapshot snapshot);

    /**
     * The connection came up (after the first sync of a session) or went down.
     *
     * @param message one line for a log, such as {@code "watching INBOX, Sent (IDLE)"} or {@code
     *     "the connection to host:993 was lost; trying again in 4 s"}
     */
    default void connection(boolean up, String message) {}
  }

  private static final Duration STABLE = Duration.ofSeconds(10);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);

  private final ImapUrl url;
  private final CredentialSource credentialSource;
  private final ImapOptions options;
  private final MailboxReader reader;
  private final SyncCache cache;
  // What this run's syncs read, in memory; written to the cache now and then (writeCache).
  private final SyncCache working = new SyncCache(null);
  private final Object cacheLock = new Object();
  private @Nullable Map<String, FolderState> written; // guarded by cacheLock
  private boolean seeded; // the loop thread's
  private final Duration renewEvery;
  private final Duration resyncEvery;
  private final Duration pollEvery;
  private final Duration checkFoldersEvery;
  private final boolean notify;
  private final Backoff backoff;
  private final Listener listener;
  private final ScheduledExecutorService scheduler;
  private final boolean ownScheduler;
  private final ExecutorService breakers;
  private final Thread loop;

  private final Object lock = new Object();
  private boolean started;
  private boolean closed;
  private boolean dirty;
  private @Nullable ImapException failure;
  private final List<IdleChannel> channels = new ArrayList<>();
  private @Nullable ServerGuard syncSwitch;
  private @Nullable IMAPStore syncStore;
  private @Nullable Credentials credentials;
  private int sessions;
  private int syncs;
  private final java.util.concurrent.atomic.AtomicInteger renewals =
      new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger folderChecks =
      new java.util.concurrent.atomic.AtomicInteger();

  private MailboxWatcher(Builder b) {
    this.url = b.url;
    this.credentialSource = b.credentials;
    this.options = b.options;
    this.cache = b.cache;
    this.reader = new MailboxReader(b.options, working);
    this.renewEvery = b.timings.renewIdleEvery();
    this.resyncEvery = b.timings.resyncEvery();
    this.pollEvery = b.timings.pollEvery();
    this.checkFoldersEvery = b.timings.checkFoldersEvery();
    this.notify = b.notify;
    this.backoff = new Backoff(b.timings.firstRetry(), b.timings.maxRetry(), b.random);
    this.listener = Objects.requireNonNull(b.listener, "listener");
    this.ownScheduler = b.scheduler == null;
    this.scheduler =
        b.scheduler != null
            ? b.scheduler
            : Executors.newSingleThreadScheduledExecutor(daemon("rapport-watchdog"));
    this.breakers = Executors.newCachedThreadPool(daemon("rapport-idle-breaker"));
    this.loop = new Thread(this::run, "rapport-watch-" + url.account());
    this.loop.setDaemon(true);
  }

  /** Returns a builder for watching the account at {@code url}. */
  public static Builder builder(ImapUrl url, Credentials credentials) {
    return new Builder(url, CredentialSource.of(credentials));
  }

  /**
   * Returns a builder for watching the account at {@code url}, asking {@code credentials} at each
   * (re)connection.
   */
  public static Builder builder(ImapUrl url, CredentialSource credentials) {
    return new Builder(url, credentials);
  }

  /** Configures a {@link MailboxWatcher}; each setting may be given once. Not thread-safe. */
  public static final class Builder {
    private final ImapUrl url;
    private final CredentialSource credentials;
    private ImapOptions options = ImapOptions.DEFAULTS;
    private SyncCache cache = new SyncCache(null);
    private WatchTimings timings = WatchTimings.DEFAULTS;
    private boolean notify = true;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private @Nullable Listener listener;
    private @Nullable ScheduledExecutorService scheduler;

    private Builder(ImapUrl url, CredentialSource credentials) {
      this.url = Objects.requireNonNull(url, "url");
      this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * How to connect (timeouts, TLS trust); the read timeout is also how long the watchdog waits
     * for a NOOP.
     */
    public Builder options(ImapOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Where earlier syncs are remembered (default: in memory only); written now and then, not after
     * every sync.
     */
    public Builder cache(SyncCache cache) {
      this.cache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /** How it paces itself, all at once (default {@link WatchTimings#DEFAULTS}). */
    public Builder timings(WatchTimings timings) {
      this.timings = Objects.requireNonNull(timings, "timings");
      return this;
    }

    /**
     * How often the watchdog breaks and renews IDLE and checks the connection is alive: at most 10
     * minutes (servers may drop a client idle for 30), default 5.
     */
    public Builder renewIdleEvery(Duration every) {
      this.timings = timings.withRenewIdleEvery(every);
      return this;
    }

    /**
     * How often to sync even without news (catches mail filed into unwatched folders); default 10
     * minutes.
     */
    public Builder resyncEvery(Duration every) {
      this.timings = timings.withResyncEvery(every);
      return this;
    }

    /** How often to poll with NOOP on a server without IDLE; default 1 minute. */
    public Builder pollEvery(Duration every) {
      this.timings = timings.withPollEvery(every);
      return this;
    }

    /**
     * Without NOTIFY, how often to ask the STATUS of the folders no IDLE connection listens to;
     * default 30 s.
     */
    public Builder checkFoldersEvery(Duration every) {
      this.timings = timings.withCheckFoldersEvery(every);
      return this;
    }

    /**
     * The first wait before reconnecting and the cap the doubling waits stop at; default 1 s and 5
     * minutes.
     */
    public Builder retry(Duration first, Duration max) {
      this.timings = timings.withRetry(first, max);
      return this;
    }

    /** Whether to use NOTIFY (RFC 5465) where the server offers it (default true). */
    public Builder notify(boolean use) {
      this.notify = use;
      return this;
    }

    /** Who hears of snapshots (required). */
    public Builder listener(Listener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** A scheduler for the watchdogs, shared between watchers (default: one of its own). */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Returns the watcher, not yet started. */
    public MailboxWatcher build() {
      if (listener == null) {
        throw new IllegalStateException("a listener is required");
      }
      return new MailboxWatcher(this);
    }
  }

  /** Returns the account watched, {@code user@host:port}. */
  public String account() {
    return url.account();
  }

  /** Starts watching on a thread of its own; returns at once. */
  public void start() {
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("closed");
      }
      if (started) {
        return;
      }
      started = true;
    }
    loop.start();
  }

  /** Asks for a sync as soon as possible (as when news arrives). */
  public void requestSync() {
    synchronized (lock) {
      dirty = true;
      lock.notifyAll();
    }
  }

  /** How many sessions (connect, sync, watch) have started: 1 plus the reconnections. */
  public int sessions() {
    synchronized (lock) {
      return sessions;
    }
  }

  /** How many syncs have completed. */
  public int syncs() {
    synchronized (lock) {
      return syncs;
    }
  }

  /** How many times the watchdog broke an IDLE and found the connection alive. */
  public int idleRenewals() {
    return renewals.get();
  }

  /**
   * How many times the folders no IDLE listens to were asked their STATUS (each session's first
   * look included); always 0 with NOTIFY.
   */
  int folderChecks() {
    return folderChecks.get();
  }

  /**
   * Stops watching: every connection is cut at once (no LOGOUT, which a dead server would never
   * answer) and the watcher's thread is given a few seconds to end.
   */
  @Override
  public void close() {
    List<IdleChannel> toClose;
    ServerGuard sync;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(channels);
      channels.clear();
      sync = syncSwitch;
      lock.notifyAll();
    }
    if (sync != null) {
      sync.trip();
    }
    toClose.forEach(IdleChannel::close);
    // Not on the watcher's thread, which alone may call the listener: a failed write says nothing
    // here, and costs only the next start some reading.
    writeCache(m -> {});
    if (loop.isAlive() && Thread.currentThread() != loop) {
      try {
        loop.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    breakers.shutdownNow();
    if (ownScheduler) {
      scheduler.shutdownNow();
    }
  }

  private @Nullable Credentials currentCredentials() {
    synchronized (lock) {
      return credentials;
    }
  }

  private boolean isClosed() {
    synchronized (lock) {
      return closed;
    }
  }

  // ---------------------------------------------------------------- the loop

  private void run() {
    while (!isClosed()) {
      long began = System.nanoTime();
      boolean up = false;
      try {
        synchronized (lock) {
          sessions++;
          failure = null;
          dirty = false;
        }
        Credentials fresh = credentialSource.get();
        synchronized (lock) {
          credentials = fresh;
        }
        seedCache();
        MailboxSnapshot first = sync();
        writeCache(listener::notice);
        Watching watching = openChannels(first.folders(), sessions());
        // Without NOTIFY, the folders no IDLE listens to are checked by STATUS; the first look is
        // the starting point, taken before the sync below reads whatever came until then.
        FolderCheck check = watching.notifying() ? null : folderCheck(first, watching.folders());
        up = true;
        String checked =
            check == null || check.folders().isEmpty()
                ? ""
                : "; "
                    + String.join(", ", check.folders())
                    + " by STATUS every "
                    + human(checkFoldersEvery);
        listener.connection(true, watching.message() + checked);
        if (check != null && check.folders().isEmpty()) {
          check = null;
        }
        requestSync(); // News that came between the first sync and IDLE is caught by this one.
        long resyncAt = System.nanoTime() + resyncEvery.toNanos();
        long checkAt = System.nanoTime() + checkFoldersEvery.toNanos();
        while (true) {
          if (awaitWork(resyncAt, check == null ? null : checkAt)
              || checkFolders(Objects.requireNonNull(check))) {
            boolean periodic = System.nanoTime() - resyncAt >= 0;
            MailboxSnapshot s = sync();
            resyncAt = System.nanoTime() + resyncEvery.toNanos();
            if (periodic) {
              writeCache(listener::notice);
            }
            if (check != null) {
              check.folders(s.folders());
            }
          }
          // A sync read every folder: the next look at them is due an interval after it, as after
          // a look.
          checkAt = System.nanoTime() + checkFoldersEvery.toNanos();
        }
      } catch (ImapException e) {
        closeChannels();
        closeSyncConnection();
        if (isClosed()) {
          return;
        }
        if (up && System.nanoTime() - began >= STABLE.toNanos()) {
          backoff.reset();
        }
        Duration wait = backoff.next();
        listener.connection(false, e.getMessage() + "; trying again in " + human(wait));
        pause(wait);
      } catch (RuntimeException e) {
        // A bug in a listener or in Angus must not end the watch: report it and start over.
        closeChannels();
        closeSyncConnection();
        if (isClosed()) {
          return;
        }
        Duration wait = backoff.next();
        listener.connection(
            false,
            "unexpected "
                + e.getClass().getSimpleName()
                + " while watching "
                + url.account()
                + "; trying again in "
                + human(wait));
        pause(wait);
      }
    }
    closeChannels();
    closeSyncConnection();
  }

  /**
   * Syncs over the session's own connection, opened at the first sync of the session and kept for
   * the next ones, so news costs no new login.
   */
  private MailboxSnapshot sync() throws ImapException {
    IMAPStore store;
    synchronized (lock) {
      if (closed) {
        throw new ImapException(ImapException.Reason.UNREACHABLE, "closed");
      }
      store = syncStore;
    }
    ServerGuard guard;
    if (store == null) {
      // The sync connection's login and each of its commands have the deadline, and its answers
      // the caps, of a one-off read (IDLE is on other connections, which legitimately wait).
      ServerGuard ks = new ServerGuard(url.host() + ":" + url.port(), options.deadline());
      synchronized (lock) {
        syncSwitch = ks;
      }
      store = ImapConnector.connect(url, Objects.requireNonNull(currentCredentials()), options, ks);
      synchronized (lock) {
        syncStore = store;
        if (closed) {
          ks.trip();
        }
      }
    }
    synchronized (lock) {
      guard = syncSwitch;
    }
    MailboxSnapshot s;
    try {
      s = reader.read(store, url, listener, guard);
    } catch (ImapException e) {
      throw guard == null ? e : ImapConnector.guarded(guard, e);
    } finally {
      if (guard != null) {
        guard.disarm();
      }
    }
    synchronized (lock) {
      syncs++;
    }
    listener.synced(s);
    return s;
  }

  /** Starts the run's memory from the cache given, once: its file, at the first session. */
  private void seedCache() {
    if (seeded) {
      return;
    }
    seeded = true;
    Map<String, FolderState> known = cache.load(url.account(), listener::notice);
    if (!known.isEmpty()) {
      working.save(url.account(), known, m -> {});
    }
    synchronized (cacheLock) {
      written = working.load(url.account(), m -> {});
    }
  }

  /**
   * Writes what the syncs read to the cache given, if it changed since the last write: encoding and
   * rewriting the whole file after every new message was about a third of the CPU of a watcher's
   * sync of it (bench's WatchBenchmark, 10,000 messages).
   */
  private void writeCache(java.util.function.Consumer<String> notices) {
    Map<String, FolderState> now = working.load(url.account(), m -> {});
    synchronized (cacheLock) {
      if (now == written || now.isEmpty()) {
        return;
      }
      written = now;
      cache.save(url.account(), now, notices);
    }
  }

  /**
   * Cuts the session's sync connection: whatever state a failure left Angus in, none of its sockets
   * outlives the session.
   */
  private void closeSyncConnection() {
    ServerGuard ks;
    IMAPStore store;
    synchronized (lock) {
      ks = syncSwitch;
      store = syncStore;
      syncSwitch = null;
      syncStore = null;
    }
    if (ks != null) {
      ks.trip();
    }
    if (store != null) {
      try {
        store.close();
      } catch (MessagingException | RuntimeException ignored) {
        // Its sockets are closed already.
      }
    }
  }

  /**
   * Waits until there is news or it is time for the periodic sync (then returns true), or it is
   * time to check the other folders (then false); throws if a channel failed.
   *
   * @param resyncAt when the periodic sync is due, in {@link System#nanoTime()}'s terms
   * @param checkAt when the folder check is due; {@code null} if there is none
   */
  private boolean awaitWork(long resyncAt, @Nullable Long checkAt) throws ImapException {
    synchronized (lock) {
      while (true) {
        if (closed) {
          throw new ImapException(ImapException.Reason.UNREACHABLE, "closed");
        }
        if (failure != null) {
          throw failure;
        }
        long now = System.nanoTime();
        long left = resyncAt - now;
        if (dirty || left <= 0) {
          dirty = false;
          return true;
        }
        if (checkAt != null) {
          long toCheck = checkAt - now;
          if (toCheck <= 0) {
            return false;
          }
          left = Math.min(left, toCheck);
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  /**
   * The check of the folders no IDLE listens to, for a session without NOTIFY, with its first look
   * taken; {@code null} if there is no sync connection to ask on.
   */
  private @Nullable FolderCheck folderCheck(MailboxSnapshot first, List<String> watched)
      throws ImapException {
    IMAPStore store;
    ServerGuard guard;
    synchronized (lock) {
      store = syncStore;
      guard = syncSwitch;
    }
    if (store == null || guard == null) {
      return null;
    }
    boolean gmail;
    try {
      gmail = store.hasCapability("X-GM-EXT-1");
    } catch (MessagingException e) {
      throw ImapConnector.guarded(guard, ImapConnector.translate(url, e));
    }
    FolderCheck check = new FolderCheck(first.folders(), watched, gmail);
    if (!check.folders().isEmpty()) {
      look(check, guard, store, true);
    }
    return check;
  }

  /** Asks the other folders' STATUS; returns whether one changed since the last look. */
  private boolean checkFolders(FolderCheck check) throws ImapException {
    IMAPStore store;
    ServerGuard guard;
    synchronized (lock) {
      if (closed) {
        throw new ImapException(ImapException.Reason.UNREACHABLE, "closed");
      }
      store = syncStore;
      guard = syncSwitch;
    }
    if (store == null || guard == null) {
      return true; // no connection to ask on: a sync opens one and reads every folder
    }
    return !look(check, guard, store, false).isEmpty();
  }

  /**
   * One look at the folders on the sync connection, each STATUS within the deadline of a one-off
   * read: a server that never answers ends the session with one line, as a stalled sync does.
   */
  private List<String> look(FolderCheck check, ServerGuard guard, IMAPStore store, boolean first)
      throws ImapException {
    try {
      if (first) {
        check.baseline(store, guard);
        return List.of();
      }
      return check.check(store, guard);
    } catch (MessagingException e) {
      throw ImapConnector.guarded(guard, ImapConnector.translate(url, e));
    } catch (RuntimeException e) {
      throw ImapConnector.guarded(
          guard,
          new ImapException(
              ImapException.Reason.PROTOCOL,
              "unexpected answer from "
                  + url.host()
                  + " to STATUS: "
                  + e.getClass().getSimpleName(),
              e));
    } finally {
      guard.disarm();
      folderChecks.incrementAndGet();
    }
  }

  private void pause(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    synchronized (lock) {
      while (!closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return;
        }
        try {
          lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  /**
   * What a session's IDLE connections listen to.
   *
   * @param folders the folders with an IDLE connection of their own
   * @param notifying whether NOTIFY tells of every other folder
   * @param message one line for the log
   */
  private record Watching(List<String> folders, boolean notifying, String message) {}

  /** Opens the IDLE connections and starts their threads; returns what is watched. */
  private Watching openChannels(List<FolderInfo> folders, int session) throws ImapException {
    List<String> names = new ArrayList<>();
    names.add("INBOX");
    IdleChannel inbox = channel("INBOX", notify);
    inbox.connect();
    adopt(inbox, session);
    if (!inbox.notifying()) {
      for (FolderRole role : List.of(FolderRole.SENT, FolderRole.JUNK)) {
        for (FolderInfo f : folders) {
          if (f.role() == role && !f.name().equalsIgnoreCase("INBOX")) {
            IdleChannel c = channel(f.name(), false);
            c.connect();
            adopt(c, session);
            names.add(f.name());
            break;
          }
        }
      }
    }
    String how =
        inbox.notifying()
            ? "IDLE with NOTIFY: every folder"
            : inbox.idleSupported() ? "IDLE" : "NOOP every " + human(pollEvery);
    return new Watching(
        List.copyOf(names),
        inbox.notifying(),
        "watching " + String.join(", ", names) + " (" + how + ")");
  }

  private IdleChannel channel(String folder, boolean withNotify) {
    return new IdleChannel(
        url,
        Objects.requireNonNull(currentCredentials()),
        options,
        folder,
        withNotify,
        renewEvery,
        pollEvery,
        scheduler,
        breakers,
        new IdleChannel.Observer() {
          @Override
          public void changed(String why) {
            requestSync();
          }

          @Override
          public void renewed() {
            renewals.incrementAndGet();
          }

          @Override
          public void cut(String why) {
            listener.notice(
                url.account() + ": " + folder + ": " + why + "; cutting the connection");
          }
        });
  }

  private void adopt(IdleChannel c, int session) throws ImapException {
    synchronized (lock) {
      if (closed) {
        c.close();
        throw new ImapException(ImapException.Reason.UNREACHABLE, "closed");
      }
      channels.add(c);
    }
    Thread t =
        new Thread(
            () -> {
              try {
                c.watch();
              } catch (ImapException e) {
                fail(e, session);
              } catch (RuntimeException e) {
                fail(
                    new ImapException(
                        ImapException.Reason.PROTOCOL,
                        "unexpected "
                            + e.getClass().getSimpleName()
                            + " while watching "
                            + c.folderName(),
                        e),
                    session);
              }
            },
            "rapport-idle-" + url.account() + "-" + c.folderName());
    t.setDaemon(true);
    t.start();
  }

  private void fail(ImapException e, int session) {
    synchronized (lock) {
      // A channel of an earlier session may fail late, while being closed: that is no news.
      if (failure == null && !closed && session == sessions) {
        failure = e;
      }
      lock.notifyAll();
    }
  }

  private void closeChannels() {
    List<IdleChannel> toClose;
    synchronized (lock) {
      toClose = new ArrayList<>(channels);
      channels.clear();
    }
    toClose.forEach(IdleChannel::close);
  }

  static String human(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + " ms";
    }
    if (ms < 120_000) {
      return (ms + 500) / 1000 + " s";
    }
    return (ms + 30_000) / 60_000 + " min";
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
