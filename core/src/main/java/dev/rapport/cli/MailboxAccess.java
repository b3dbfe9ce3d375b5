package dev.rapport.cli;

import dev.rapport.config.Account;
import dev.rapport.config.RapportConfig;
import dev.rapport.connect.AccountConnection;
import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapException;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.MailboxReader;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.imap.SyncCache;
import dev.rapport.imap.SyncListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Opens the accounts a command names (by {@code --imap} or in the config) and reads them, with
 * progress and notices on stderr.
 */
final class MailboxAccess {
  private MailboxAccess() {}

  /**
   * Returns the accounts to read: the one named by {@code --imap} (with its config entry's
   * commands, if any), or the config's.
   */
  static List<Account> accounts(
      @Nullable String imap, boolean allowPlaintext, RapportConfig config) {
    List<Account> out = new ArrayList<>();
    if (imap != null) {
      ImapUrl wanted = parse(imap);
      Account match = null;
      for (Account a : config.accounts()) {
        try {
          if (ImapUrl.parse(a.imap()).equals(wanted)) {
            match = a;
          }
        } catch (ImapException ignored) {
          // A malformed config entry is reported when it is used, not when another account is.
        }
      }
      out.add(
          match != null
              ? match.withAllowPlaintext(match.allowPlaintext() || allowPlaintext)
              : new Account(wanted.account(), imap, null, null, allowPlaintext));
      return out;
    }
    for (Account a : config.accounts()) {
      out.add(allowPlaintext ? a.withAllowPlaintext(true) : a);
    }
    if (out.isEmpty()) {
      throw new CliException(
          Main.USAGE,
          "no mail account: give --imap imap[s]://USER@HOST[:PORT] or add [[accounts]] to the config file");
    }
    return out;
  }

  static ImapUrl parse(String url) {
    try {
      return ImapUrl.parse(url);
    } catch (ImapException e) {
      throw new CliException(Main.USAGE, e.getMessage(), e);
    }
  }

  /**
   * The variable that sets, in seconds, how long a server may take over the login and over each
   * command.
   */
  static final String DEADLINE_VARIABLE = "RAPPORT_IMAP_DEADLINE";

  static java.time.Duration deadline(Map<String, String> env) {
    String v = env.get(DEADLINE_VARIABLE);
    if (v == null || v.isBlank()) {
      return ImapOptions.DEFAULTS.deadline();
    }
    try {
      long seconds = Long.parseLong(v.strip());
      if (seconds >= 1 && seconds <= 3600) {
        return java.time.Duration.ofSeconds(seconds);
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new CliException(
        Main.USAGE,
        DEADLINE_VARIABLE
            + " must be a number of seconds from 1 to 3600, not '"
            + Visible.of(v)
            + "'");
  }

  /**
   * Prepares an account ({@link AccountConnection#open}) with {@code base} options.
   *
   * @throws CliException (exit 2): a malformed URL as it is, a missing secret or an unusable CA
   *     file or trust store naming the account
   */
  static AccountConnection open(Account account, ImapOptions base, Map<String, String> env) {
    try {
      return AccountConnection.open(account, base, env);
    } catch (ImapException e) {
      String message =
          e.reason() == ImapException.Reason.BAD_URL
              ? e.getMessage()
              : account.name() + ": " + e.getMessage();
      throw new CliException(Main.USAGE, message, e);
    }
  }

  /** Reads one account; every failure is a one-line {@link CliException} with exit code 2. */
  static MailboxSnapshot read(Account account, Map<String, String> env, PrintWriter err) {
    return read(account, env, err, null).orElseThrow();
  }

  /** The file of an account's {@link StatusDigest}, beside its sync cache. */
  static Path digestFile(Account account, Map<String, String> env) {
    return StatusDigest.fileBeside(
        SyncCache.fileIn(SyncCache.defaultDirectory(env), parse(account.imap()).account()));
  }

  /**
   * As {@link #read(Account, Map, PrintWriter)}, but empty if the account's folders are as they
   * were when the snapshot with stamp {@code since} was read ({@link MailboxReader#readIfChanged}).
   */
  static Optional<MailboxSnapshot> read(
      Account account, Map<String, String> env, PrintWriter err, @Nullable String since) {
    AccountConnection connection = open(account, ImapOptions.DEFAULTS, env);
    ImapUrl url = connection.url();
    MailboxReader reader =
        connection
            .withOptions(connection.options().withDeadline(deadline(env)))
            .reader(new SyncCache(SyncCache.defaultDirectory(env)));
    Credentials credentials;
    try {
      credentials = connection.credentials().get();
    } catch (ImapException e) {
      throw new CliException(Main.USAGE, account.name() + ": " + e.getMessage(), e);
    }
    Progress progress =
        new Progress(
            err, env.containsKey(Main.TERMINAL) || "always".equals(env.get("RAPPORT_PROGRESS")));
    try {
      return since == null
          ? Optional.of(reader.read(url, credentials, progress))
          : reader.readIfChanged(url, credentials, progress, since);
    } catch (ImapException e) {
      throw new CliException(Main.USAGE, e.getMessage(), e);
    } finally {
      progress.close();
    }
  }

  /**
   * Shows "reading INBOX 1200/10000" on stderr once a sync has taken more than a second, only where
   * a person is watching; notices always go to stderr.
   */
  static final class Progress implements SyncListener, AutoCloseable {
    private final PrintWriter err;
    private final @Nullable ScheduledExecutorService timer;
    private volatile String line = "";
    private volatile boolean shown;

    Progress(PrintWriter err, boolean terminal) {
      this.err = err;
      if (terminal) {
        timer =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "rapport-progress");
                  t.setDaemon(true);
                  return t;
                });
        timer.scheduleAtFixedRate(this::draw, 1000, 250, TimeUnit.MILLISECONDS);
      } else {
        timer = null;
      }
    }

    private void draw() {
      String l = line;
      if (!l.isEmpty()) {
        synchronized (err) {
          err.print("\r\u001b[2K" + l);
          err.flush();
          shown = true;
        }
      }
    }

    @Override
    public void progress(String folder, int done, int total) {
      line = "rapport: reading " + folder + " " + done + "/" + total + "…";
    }

    @Override
    public void notice(String message) {
      synchronized (err) {
        if (shown) {
          err.print("\r\u001b[2K");
        }
        err.println("rapport: note: " + message);
        err.flush();
      }
    }

    @Override
    public void close() {
      if (timer != null) {
        timer.shutdownNow();
        synchronized (err) {
          if (shown) {
            err.print("\r\u001b[2K");
            err.flush();
          }
        }
      }
    }
  }
}
