package dev.rapport.watch;

import dev.rapport.imap.CredentialSource;
import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapException;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.MailboxReader;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.imap.MailboxWatcher;
import dev.rapport.imap.SyncCache;
import dev.rapport.imap.WatchTimings;
import dev.rapport.lint.AskDetector;
import dev.rapport.track.Contact;
import dev.rapport.track.ContactStatus;
import dev.rapport.track.FollowUpPolicy;
import dev.rapport.track.TrackingThresholds;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Watches mail accounts and tells listeners every time a contact's state changes: a reply arrives,
 * a follow-up falls due, a message bounces. Each account is watched on its own ({@link
 * MailboxWatcher}: IDLE, reconnection, resync), so one that fails never stops the others; states
 * that fall due with time alone are announced at that instant; each change is announced once,
 * across reconnections and, with a {@link Builder#stateDirectory state directory}, across runs.
 *
 * <pre>{@code
 * try (Watcher watcher = Watcher.builder()
 *     .account("work", ImapUrl.parse("imaps://me@example.org@imap.example.org"), Credentials.password(secret))
 *     .contacts(config.contacts())
 *     .build()) {
 *   watcher.addListener(e -> System.out.println(e.contact() + " is now " + e.state()));
 *   watcher.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Nothing on the server changes unless asked: {@link Builder#tagging(boolean)} writes IMAP
 * keywords, {@link Builder#digestAt(LocalTime)} appends a daily digest to INBOX. Each is a {@link
 * StatusListener} of its own, writing on a thread of its own after an evaluation: the watcher
 * itself only evaluates, keeps the ledger, sets alarms and emits.
 *
 * <p>{@link MailboxWatcher} is the low-level API underneath (one account, snapshots, no states);
 * applications use this class.
 *
 * <p>Thread-safe. See {@link StatusListener} for the threads listeners are called on.
 */
public final class Watcher implements AutoCloseable {

  private static final Duration CLOSE_WAIT = Duration.ofSeconds(3);
  private static final Duration DIGEST_RETRY = Duration.ofMinutes(5);
  private static final Duration WRITE_WAIT = Duration.ofMinutes(5);

  private final Map<String, AccountWatch> accounts = new LinkedHashMap<>();
  private final List<StatusListener> listeners = new CopyOnWriteArrayList<>();
  private final AlarmClock alarms;
  private final Clock clock;
  private final FollowUpPolicy policy;
  private final List<Contact> contacts;
  private final SyncCache cache;
  private final WatchTimings timings;
  private final boolean notify;
  private final @Nullable LocalTime digestAt;
  private final List<ServerWriter> writers = new ArrayList<>();
  private final ScheduledExecutorService watchdogs;
  private final Object lock = new Object();
  private boolean started;
  private boolean closed;

  private Watcher(Builder b) {
    // Copied, not kept: the builder may be changed and used again after build().
    this.timings = b.timings;
    this.notify = b.notify;
    this.digestAt = b.digestAt;
    this.alarms = b.alarmClock != null ? b.alarmClock : AlarmClock.system(b.clock);
    this.clock = alarms.clock();
    this.policy = new FollowUpPolicy(b.thresholds, b.asksSomething, clock);
    this.contacts = List.copyOf(b.contacts);
    this.cache = new SyncCache(b.stateDirectory);
    this.watchdogs =
        Executors.newScheduledThreadPool(
            1,
            r -> {
              Thread t = new Thread(r, "rapport-watchdog");
              t.setDaemon(true);
              return t;
            });
    for (AccountSpec a : b.accounts) {
      StateLedger ledger =
          b.stateDirectory == null
              ? StateLedger.inMemory(a.name)
              : StateLedger.load(a.name, a.url.account(), b.stateDirectory, m -> notice(a.name, m));
      accounts.put(a.name, new AccountWatch(a, ledger));
    }
    if (b.tagging) {
      writers.add(new Tagger(accounts::get));
    }
    if (b.digestAt != null) {
      writers.add(new DigestWriter(b.digestAt, clock.getZone(), accounts::get));
    }
    listeners.addAll(writers);
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures a {@link Watcher}: {@link #account} once for each account, every other setting at
   * most once (a second time is an {@link IllegalStateException}). Not thread-safe; the watcher it
   * builds is.
   */
  public static final class Builder {
    private final List<AccountSpec> accounts = new ArrayList<>();
    private final Set<String> given = new HashSet<>();
    private @Nullable Path stateDirectory;
    private TrackingThresholds thresholds = TrackingThresholds.DEFAULTS;
    private Predicate<String> asksSomething = AskDetector::asksSomething;
    private List<Contact> contacts = List.of();
    private Clock clock = Clock.systemDefaultZone();
    private boolean clockSet;
    private @Nullable AlarmClock alarmClock;
    private WatchTimings timings = WatchTimings.DEFAULTS;
    private boolean notify = true;
    private boolean tagging;
    private @Nullable LocalTime digestAt;

    private Builder() {}

    private void once(String setting) {
      if (!given.add(setting)) {
        throw new IllegalStateException(setting + " was already set");
      }
    }

    /** Adds an account to watch, with the default connection options. */
    public Builder account(String name, ImapUrl url, Credentials credentials) {
      return account(name, url, CredentialSource.of(credentials), ImapOptions.DEFAULTS);
    }

    /**
     * Adds an account to watch.
     *
     * @param name how events and notices name it (unique)
     * @param credentials asked at every (re)connection, so expiring tokens can be renewed
     * @param options timeouts, TLS trust, plaintext rules
     */
    public Builder account(
        String name, ImapUrl url, CredentialSource credentials, ImapOptions options) {
      Objects.requireNonNull(name, "name");
      if (accounts.stream().anyMatch(a -> a.name.equals(name))) {
        throw new IllegalArgumentException("two accounts named " + name);
      }
      accounts.add(
          new AccountSpec(
              name,
              Objects.requireNonNull(url, "url"),
              Objects.requireNonNull(credentials, "credentials"),
              Objects.requireNonNull(options, "options")));
      return this;
    }

    /**
     * Where the sync cache and the states last announced are kept (such as {@link
     * SyncCache#defaultDirectory}); without one both live in memory, so every contact is announced
     * when the watcher starts.
     */
    public Builder stateDirectory(Path directory) {
      once("stateDirectory");
      this.stateDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    /** The follow-up policy's time limits (default {@link TrackingThresholds#DEFAULTS}). */
    public Builder thresholds(TrackingThresholds thresholds) {
      once("thresholds");
      this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
      return this;
    }

    /**
     * Whether the user's message to someone who replied asks something (default: the linter's
     * {@link AskDetector}).
     */
    public Builder askDetector(Predicate<String> asksSomething) {
      once("askDetector");
      this.asksSomething = Objects.requireNonNull(asksSomething, "asksSomething");
      return this;
    }

    /** Contacts from the configuration: names, meetings (for thank-yous). */
    public Builder contacts(Collection<Contact> contacts) {
      once("contacts");
      this.contacts = List.copyOf(contacts);
      return this;
    }

    /**
     * What "now" is (default: the system clock in the system's zone); its zone dates the digest.
     */
    public Builder clock(Clock clock) {
      once("clock");
      if (alarmClock != null) {
        throw new IllegalStateException("the alarm clock already gives the clock");
      }
      this.clock = Objects.requireNonNull(clock, "clock");
      this.clockSet = true;
      return this;
    }

    /** For tests: time that moves only when told to. */
    Builder alarmClock(AlarmClock alarmClock) {
      once("alarmClock");
      if (clockSet) {
        throw new IllegalStateException("a clock was already set; the alarm clock gives its own");
      }
      this.alarmClock = Objects.requireNonNull(alarmClock, "alarmClock");
      return this;
    }

    /**
     * How every account's watcher paces itself, all at once (default {@link
     * WatchTimings#DEFAULTS}).
     */
    public Builder timings(WatchTimings timings) {
      once("timings");
      this.timings = Objects.requireNonNull(timings, "timings");
      return this;
    }

    /**
     * Whether to use NOTIFY (one connection for every folder) where the server offers it (default
     * true).
     */
    public Builder notify(boolean use) {
      once("notify");
      this.notify = use;
      return this;
    }

    /**
     * Writes each contact's state as an IMAP keyword ({@code $FollowUpDue}, {@code $AwaitingReply},
     * …) on the user's latest message to them, and removes stale ones (default off: nothing on the
     * server changes).
     */
    public Builder tagging(boolean on) {
      once("tagging");
      this.tagging = on;
      return this;
    }

    /**
     * Appends a digest of what needs doing to INBOX once a day, at this local time or at the first
     * chance after it (default: never).
     */
    public Builder digestAt(@Nullable LocalTime at) {
      once("digestAt");
      this.digestAt = at;
      return this;
    }

    /** Returns the watcher, not yet started. */
    public Watcher build() {
      return new Watcher(this);
    }
  }

  private record AccountSpec(
      String name, ImapUrl url, CredentialSource credentials, ImapOptions options) {}

  // ---------------------------------------------------------------- API

  /** Adds a listener; it hears of changes from then on. */
  public void addListener(StatusListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The names of the accounts watched, in the order given. */
  public List<String> accounts() {
    return List.copyOf(accounts.keySet());
  }

  /**
   * The latest statuses of an account, sorted by what needs doing first (empty before its first
   * sync).
   */
  public List<ContactStatus> statuses(String account) {
    AccountWatch a = accounts.get(account);
    if (a == null) {
      throw new IllegalArgumentException("no account named " + account);
    }
    return a.statuses();
  }

  /** Starts watching every account, each on threads of its own; returns at once. */
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
    accounts.values().forEach(AccountWatch::start);
  }

  /**
   * Waits until every account has either synced once or failed once (it goes on retrying).
   *
   * @return a one-line reason for each account that failed (or had not answered by the timeout)
   */
  public Map<String, String> awaitFirstSync(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> failed = new LinkedHashMap<>();
    for (AccountWatch a : accounts.values()) {
      long left = deadline - System.nanoTime();
      try {
        String why = a.firstOutcome.get(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (why != null) {
          failed.put(a.spec.name, why);
        }
      } catch (java.util.concurrent.TimeoutException e) {
        failed.put(
            a.spec.name,
            "no answer from " + a.spec.url.host() + " within " + timeout.toSeconds() + " s");
      } catch (java.util.concurrent.ExecutionException e) {
        failed.put(a.spec.name, String.valueOf(e.getCause()));
      }
    }
    return failed;
  }

  /**
   * Syncs every account once, announces what changed since the last run (with a state directory),
   * writes tags and the digest if asked, and returns: for cron.
   *
   * @return a one-line reason for each account that could not be read
   */
  public Map<String, String> runOnce() {
    synchronized (lock) {
      if (closed || started) {
        throw new IllegalStateException(closed ? "closed" : "already started");
      }
      started = true;
    }
    Map<String, String> failed = new LinkedHashMap<>();
    for (AccountWatch a : accounts.values()) {
      String why = a.once();
      if (why != null) {
        failed.put(a.spec.name, why);
      }
    }
    // The tags and the digest are written on their own threads: wait for them before returning.
    for (ServerWriter w : writers) {
      try {
        if (!w.drain(WRITE_WAIT)) {
          accounts
              .keySet()
              .forEach(
                  name ->
                      notice(
                          name,
                          "writing to the server took over "
                              + WRITE_WAIT.toMinutes()
                              + " minutes; stopped"));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return failed;
  }

  /** Stops every account within a few seconds, cutting its connections. */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    List<Thread> closers = new ArrayList<>();
    for (AccountWatch a : accounts.values()) {
      Thread t = new Thread(a::close, "rapport-close-" + a.spec.name);
      t.setDaemon(true);
      t.start();
      closers.add(t);
    }
    long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
    for (Thread t : closers) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    alarms.close();
    writers.forEach(ServerWriter::close);
    watchdogs.shutdownNow();
  }

  // ---------------------------------------------------------------- package-private hooks (tests,
  // benchmarks)

  /** Evaluates a snapshot as if the account had just synced it. */
  void accept(String account, MailboxSnapshot snapshot) {
    Objects.requireNonNull(accounts.get(account), account).accept(snapshot);
  }

  StateLedger ledger(String account) {
    return Objects.requireNonNull(accounts.get(account), account).ledger;
  }

  // ---------------------------------------------------------------- listeners

  private void emit(StatusEvent e) {
    for (StatusListener l : listeners) {
      try {
        l.stateChanged(e);
      } catch (RuntimeException ex) {
        listenerFailed(e.account(), l, ex);
      }
    }
  }

  private void evaluated(String account, List<ContactStatus> statuses) {
    for (StatusListener l : listeners) {
      try {
        l.evaluated(account, statuses);
      } catch (RuntimeException ex) {
        listenerFailed(account, l, ex);
      }
    }
  }

  private void notice(String account, String message) {
    for (StatusListener l : listeners) {
      try {
        l.notice(account, message);
      } catch (RuntimeException ignored) {
        // A listener that cannot even take a notice has nobody left to tell.
      }
    }
  }

  private void listenerFailed(String account, StatusListener l, RuntimeException ex) {
    notice(
        account,
        "a listener failed: "
            + ex.getClass().getSimpleName()
            + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
  }

  // ---------------------------------------------------------------- one account

  /**
   * One account: its watcher, its ledger, its latest snapshot and statuses, its alarm. Guarded by
   * itself.
   */
  private final class AccountWatch implements MailboxWatcher.Listener, ServerWriter.Account {
    final AccountSpec spec;
    final StateLedger ledger;
    final CompletableFuture<@Nullable String> firstOutcome = new CompletableFuture<>();
    // Read without the account's lock, so close() never waits for an evaluation to finish.
    private volatile @Nullable MailboxWatcher watcher;
    private volatile boolean stopped;
    private final Object alarmLock = new Object();
    private AlarmClock.@Nullable Alarm alarm;
    private @Nullable MailboxSnapshot snapshot;
    private volatile List<ContactStatus> statuses = List.of();
    private volatile ServerWriter.@Nullable Evaluation latest;
    private boolean once;

    AccountWatch(AccountSpec spec, StateLedger ledger) {
      this.spec = spec;
      this.ledger = ledger;
    }

    List<ContactStatus> statuses() {
      return statuses;
    }

    void start() {
      MailboxWatcher w =
          MailboxWatcher.builder(spec.url, spec.credentials)
              .options(spec.options)
              .cache(cache)
              .timings(timings)
              .notify(notify)
              .scheduler(watchdogs)
              .listener(this)
              .build();
      watcher = w;
      if (stopped) {
        w.close();
        return;
      }
      w.start();
    }

    /** One sync and evaluation; returns why it failed, or {@code null}. */
    @Nullable String once() {
      synchronized (this) {
        once = true;
      }
      try {
        Credentials c = spec.credentials.get();
        MailboxSnapshot s = new MailboxReader(spec.options, cache).read(spec.url, c, this);
        accept(s);
        return null;
      } catch (ImapException e) {
        return e.getMessage();
      }
    }

    void close() {
      stopped = true;
      synchronized (alarmLock) {
        if (alarm != null) {
          alarm.cancel();
        }
      }
      MailboxWatcher w = watcher;
      if (w != null) {
        w.close();
      }
    }

    // MailboxWatcher.Listener, called on the account's watcher thread.

    @Override
    public void synced(MailboxSnapshot s) {
      accept(s);
      firstOutcome.complete(null);
    }

    @Override
    public void connection(boolean up, String message) {
      say(message);
      if (!up) {
        firstOutcome.complete(message);
      }
    }

    @Override
    public void notice(String message) {
      say(message);
    }

    // ServerWriter.Account, called on the writers' threads.

    @Override
    public String name() {
      return spec.name;
    }

    @Override
    public ImapUrl url() {
      return spec.url;
    }

    @Override
    public CredentialSource credentials() {
      return spec.credentials;
    }

    @Override
    public ImapOptions options() {
      return spec.options;
    }

    @Override
    public ServerWriter.@Nullable Evaluation latest() {
      return latest;
    }

    @Override
    public synchronized @Nullable LocalDate lastDigest() {
      return ledger.lastDigest();
    }

    @Override
    public synchronized void digestAppended(LocalDate day) {
      ledger.digestAppended(day);
      ledger.save(m -> say(m));
      if (!once && !stopped) {
        schedule(statuses, clock.instant()); // the next alarm is tomorrow's digest, not a retry
      }
    }

    @Override
    public void say(String message) {
      Watcher.this.notice(spec.name, message);
    }

    synchronized void accept(MailboxSnapshot s) {
      snapshot = s;
      evaluate();
    }

    /**
     * Decides every contact's state now, announces the changes, and sets the alarm for the next
     * one.
     */
    synchronized void evaluate() {
      MailboxSnapshot snap = snapshot;
      if (stopped || snap == null) {
        return;
      }
      Instant now = clock.instant();
      List<ContactStatus> list;
      try {
        list = policy.evaluate(snap.correspondence(), m -> snap.text(m).orElse(null), contacts);
      } catch (RuntimeException e) {
        say("cannot evaluate the mailbox: " + e.getClass().getSimpleName());
        return;
      }
      for (StatusEvent e : ledger.update(list, now)) {
        emit(e);
      }
      ledger.save(m -> say(m));
      statuses = list;
      latest = new ServerWriter.Evaluation(snap, list, now);
      evaluated(spec.name, list);
      if (!once) {
        schedule(list, now);
      }
    }

    private void schedule(List<ContactStatus> list, Instant now) {
      Instant next = policy.nextChange(list, contacts).orElse(null);
      LocalTime at = digestAt;
      if (at != null) {
        Instant d = nextDigest(now, at);
        next = next == null || d.isBefore(next) ? d : next;
      }
      synchronized (alarmLock) {
        if (alarm != null) {
          alarm.cancel();
          alarm = null;
        }
        if (next != null && !stopped) {
          alarm = alarms.at(next, this::evaluate);
        }
      }
    }

    private Instant nextDigest(Instant now, LocalTime at) {
      ZoneId zone = clock.getZone();
      LocalDate today = LocalDate.ofInstant(now, zone);
      Instant todays = today.atTime(at).atZone(zone).toInstant();
      if (!today.equals(ledger.lastDigest()) && todays.isAfter(now)) {
        return todays;
      }
      if (!today.equals(ledger.lastDigest())) {
        return now.plus(
            DIGEST_RETRY); // due, but not written yet (or appending failed): look again a little
        // later
      }
      return today.plusDays(1).atTime(at).atZone(zone).toInstant();
    }
  }
}
