package dev.rapport.cli;

import dev.rapport.config.Account;
import dev.rapport.config.RapportConfig;
import dev.rapport.connect.AccountConnection;
import dev.rapport.imap.ImapException;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.SyncCache;
import dev.rapport.imap.WatchTimings;
import dev.rapport.lint.AskDetector;
import dev.rapport.watch.StatusEvent;
import dev.rapport.watch.StatusListener;
import dev.rapport.watch.Watcher;
import java.io.InputStream;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rapport watch}: tells, as it happens, when someone's state changes. */
@Command(
    name = "watch",
    mixinStandardHelpOptions = true,
    // In declaration order, [--digest[=TIME]] does not land on the 80-column edge, where picocli
    // would split it.
    sortSynopsis = false,
    description = {
      "Watches the mailbox and prints a line whenever a contact's state changes: a reply arrived, a "
          + "follow-up or an update fell due, a message bounced. Syncs as status does, then waits on IMAP IDLE "
          + "(NOTIFY where offered; without it, the folders IDLE does not listen to are checked with STATUS every 30 s) "
          + "and reconnects by itself; states that fall due with time alone are printed "
          + "when they do. Changes are remembered between runs, so each is printed once.",
      "Nothing on the server changes unless --tag or --digest is given. SIGTERM or Ctrl-C stops it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:--once finished, or SIGTERM/SIGINT stopped it cleanly (a shell or systemd may still show 143 or 130, the signal's own status: a clean stop too)",
      "2:usage error, bad configuration, or no account could be read at the start",
      "3:internal error (please report it)"
    })
final class WatchCommand implements Callable<Integer>, Main.Io {

  enum Format {
    text,
    jsonl
  }

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--imap",
      paramLabel = "URL",
      description =
          "The account: imap[s]://USER@HOST[:PORT] (default: every account in the config file).")
  @Nullable String imap;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description =
          "Output: ${COMPLETION-CANDIDATES}: one JSON object per line (default: ${DEFAULT-VALUE}).")
  Format format = Format.text;

  @Option(
      names = "--once",
      description = "Sync, print what changed since the last run, and exit (for cron).")
  boolean once;

  @Option(
      names = "--on-event",
      paramLabel = "CMD",
      description =
          "Run CMD with sh -c for each change, the event's JSON on its standard input (RAPPORT_EVENT_* variables too).")
  @Nullable String onEvent;

  @Option(
      names = "--tag",
      description =
          "Write each contact's state as an IMAP keyword ($FollowUpDue, $AwaitingReply, ...) on your latest message to them.")
  boolean tag;

  @Option(
      names = "--digest",
      paramLabel = "TIME",
      arity = "0..1",
      fallbackValue = "08:00",
      description =
          "Add a digest of what needs doing to your INBOX once a day, at TIME (HH:MM, local time; by default 08:00).")
  @Nullable String digest;

  @Option(
      names = "--now",
      paramLabel = "ISO-8601",
      description = "Act as if the clock read this at the start (it then runs on).")
  @Nullable String now;

  @Option(
      names = "--allow-plaintext",
      description = "Allow an unencrypted imap:// connection to a host other than this machine.")
  boolean allowPlaintext;

  @Option(
      names = "--renew-idle",
      paramLabel = "DURATION",
      hidden = true,
      converter = DurationConverter.class,
      description =
          "How often IDLE is renewed and the connection checked (default: WatchTimings.DEFAULTS, at most 10m).")
  @Nullable Duration renewIdle;

  @Option(
      names = "--resync",
      paramLabel = "DURATION",
      hidden = true,
      converter = DurationConverter.class,
      description =
          "How often every folder is synced without news (default: WatchTimings.DEFAULTS).")
  @Nullable Duration resync;

  @Option(
      names = "--check-folders",
      paramLabel = "DURATION",
      hidden = true,
      converter = DurationConverter.class,
      description =
          "Without NOTIFY, how often the folders no IDLE listens to are asked their STATUS (default: WatchTimings.DEFAULTS).")
  @Nullable Duration checkFolders;

  @Option(
      names = "--retry-max",
      paramLabel = "DURATION",
      hidden = true,
      converter = DurationConverter.class,
      description =
          "The longest wait between reconnection attempts (default: WatchTimings.DEFAULTS).")
  @Nullable Duration retryMax;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      hidden = true,
      converter = DurationConverter.class,
      description = "How long to wait for any answer from the server (default 60s).")
  Duration timeout = ImapOptions.DEFAULTS.readTimeout();

  private Map<String, String> env = Map.of();

  @Override
  public void io(InputStream in, Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RapportConfig config = configOptions.load(env);
    List<Account> accounts = MailboxAccess.accounts(imap, allowPlaintext, config);
    Clock clock = clock();
    LocalTime digestAt = digestTime();
    Watcher.Builder b;
    try {
      b =
          Watcher.builder()
              .clock(clock)
              .thresholds(config.tracking())
              .askDetector(AskDetector::asksSomething)
              .contacts(config.contacts())
              .stateDirectory(SyncCache.defaultDirectory(env))
              .timings(timings())
              .tagging(tag)
              .digestAt(digestAt);
    } catch (IllegalArgumentException e) {
      throw new CliException(Main.USAGE, e.getMessage(), e);
    }
    List<String> usable = new ArrayList<>();
    for (Account a : accounts) {
      AccountConnection connection;
      try {
        connection = AccountConnection.open(a, ImapOptions.DEFAULTS, env);
      } catch (ImapException e) {
        if (e.reason() == ImapException.Reason.BAD_URL) {
          throw new CliException(Main.USAGE, e.getMessage(), e);
        }
        String why =
            e.reason() == ImapException.Reason.CREDENTIALS
                ? about(a.name(), e.getMessage())
                : a.name() + ": " + e.getMessage();
        if (accounts.size() == 1) {
          throw new CliException(Main.USAGE, why, e);
        }
        log(err, why + "; not watched");
        continue;
      }
      ImapOptions options =
          connection
              .options()
              .withTimeouts(min(ImapOptions.DEFAULTS.connectTimeout(), timeout), timeout)
              .withDeadline(MailboxAccess.deadline(env));
      b.account(a.name(), connection.url(), connection.credentials(), options);
      usable.add(a.name());
    }
    if (usable.isEmpty()) {
      throw new CliException(Main.USAGE, "no account can be watched");
    }
    boolean several = usable.size() > 1;
    java.util.Set<String> secrets = new java.util.HashSet<>();
    for (Account a : accounts) {
      secrets.addAll(EventHook.variablesUsedBy(a.passwordCommand()));
      secrets.addAll(EventHook.variablesUsedBy(a.tokenCommand()));
      secrets.addAll(EventHook.variablesUsedBy(a.tls().trustStorePasswordCommand()));
    }
    try (Watcher watcher = b.build();
        EventHook hook = onEvent == null ? null : new EventHook(onEvent, err, secrets)) {
      watcher.addListener(new Printer(format, out, err, clock.getZone(), several, hook));
      return once ? runOnce(watcher, err, hook) : runDaemon(watcher, err);
    }
  }

  /** The defaults of {@link WatchTimings}, with what the hidden options change. */
  private WatchTimings timings() {
    WatchTimings t = WatchTimings.DEFAULTS;
    if (renewIdle != null) {
      t = t.withRenewIdleEvery(renewIdle);
    }
    if (resync != null) {
      t = t.withResyncEvery(resync);
    }
    if (checkFolders != null) {
      t = t.withCheckFoldersEvery(checkFolders);
    }
    if (retryMax != null) {
      t = t.withRetry(min(t.firstRetry(), retryMax), retryMax);
    }
    return t;
  }

  private int runOnce(Watcher watcher, PrintWriter err, @Nullable EventHook hook) {
    Map<String, String> failed = watcher.runOnce();
    if (hook != null) {
      hook.drain(EventHook.COMMAND_TIMEOUT.plusSeconds(5));
    }
    failed.forEach((account, why) -> log(err, about(account, why)));
    return failed.isEmpty() ? Main.OK : Main.USAGE;
  }

  private int runDaemon(Watcher watcher, PrintWriter err) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              watcher.close();
              try {
                stopped.await(
                    java.util.concurrent.TimeUnit.SECONDS.toMillis(3),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "rapport-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      watcher.start();
      Map<String, String> failed = watcher.awaitFirstSync(timeout.plus(timeout).plusSeconds(5));
      if (failed.size() == watcher.accounts().size() && stop.getCount() > 0) {
        failed.forEach((account, why) -> log(err, about(account, why)));
        log(err, "no account could be read; stopping");
        return Main.USAGE;
      }
      stop.await();
      log(err, "stopping");
      return Main.OK;
    } finally {
      watcher.close();
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already: the hook is running.
      }
    }
  }

  private Clock clock() {
    if (now == null) {
      return Clock.systemDefaultZone();
    }
    Clock fixed = StatusCommand.clock(now);
    if (once) {
      return fixed;
    }
    Clock system = Clock.system(fixed.getZone());
    return Clock.offset(system, Duration.between(system.instant(), fixed.instant()));
  }

  private @Nullable LocalTime digestTime() {
    if (digest == null) {
      return null;
    }
    try {
      return LocalTime.parse(digest.strip(), DateTimeFormatter.ofPattern("H:mm"));
    } catch (DateTimeParseException e) {
      throw new CliException(
          Main.USAGE, "--digest: '" + digest + "' is not a time of day such as 08:00");
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * {@code account: why}, without saying the host twice: an account with no name of its own is
   * called {@code user@host:port}, and the IMAP layer's messages start with {@code host:port}.
   */
  static String about(String account, @Nullable String why) {
    String w = String.valueOf(why);
    int at = account.lastIndexOf('@');
    if (at >= 0 && at + 1 < account.length()) {
      String host = account.substring(at + 1);
      if (w.startsWith(host + ": ")) {
        w = w.substring(host.length() + 2);
      } else if (w.startsWith(host + " ")) {
        w = "the server" + w.substring(host.length());
      }
    }
    return account + ": " + w;
  }

  /**
   * Prints one line on standard error; what a server or a file name put in it (newlines, escape
   * sequences, C1 controls, bidirectional overrides) is written as visible escapes.
   */
  static void log(PrintWriter err, String line) {
    synchronized (err) {
      err.println("rapport: " + Visible.of(line));
      err.flush();
    }
  }

  /** Prints events on standard output (one line each) and notices on standard error. */
  static final class Printer implements StatusListener {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private final PrintWriter out;
    private final PrintWriter err;
    private final ZoneId zone;
    private final boolean accountPrefix;
    private final @Nullable EventHook hook;
    private final Format format;

    Printer(
        Format format,
        PrintWriter out,
        PrintWriter err,
        ZoneId zone,
        boolean accountPrefix,
        @Nullable EventHook hook) {
      this.format = format;
      this.out = out;
      this.err = err;
      this.zone = zone;
      this.accountPrefix = accountPrefix;
      this.hook = hook;
    }

    @Override
    public void stateChanged(StatusEvent e) {
      String line = format == Format.jsonl ? e.toJson() : text(e);
      synchronized (out) {
        out.println(line);
        out.flush();
      }
      if (hook != null) {
        hook.accept(e);
      }
    }

    String text(StatusEvent e) {
      String who =
          e.name()
              .map(n -> n + " <" + e.contact() + ">")
              .orElse(e.contact())
              .replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
      String was = e.previous() == null ? "" : " (was " + e.previous().label() + ")";
      return WHEN.format(LocalDateTime.ofInstant(e.at(), zone))
          + "  "
          + (accountPrefix ? "[" + e.account() + "] " : "")
          + e.state().label()
          + ": "
          + who
          + was
          + ": "
          + e.reason();
    }

    @Override
    public void notice(String account, String message) {
      log(err, about(account, message));
    }
  }

  /** Reads {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h} or ISO-8601 ({@code PT30S}). */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      Matcher m = SHORT.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      try {
        return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration such as 30s, 5m or PT1H");
      }
    }
  }
}
