package dev.rapport.watch;

import dev.rapport.imap.CredentialSource;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.track.ContactStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A listener that writes to the server after an evaluation ({@link Tagger}, {@link DigestWriter}):
 * on a thread of its own, so a slow server never holds up an account's watch thread, its ledger or
 * its alarms. Evaluations that arrive while one is being written are folded into one pass over the
 * latest.
 *
 * <p>Thread-safe.
 */
abstract class ServerWriter implements StatusListener, AutoCloseable {

  /** What a writer may see and do of one account; implemented by the watcher's account. */
  interface Account {
    String name();

    ImapUrl url();

    CredentialSource credentials();

    ImapOptions options();

    /** The latest evaluation, or {@code null} before the first. */
    @Nullable Evaluation latest();

    /** The day of the last digest, as the ledger remembers it. */
    @Nullable LocalDate lastDigest();

    /** Records in the ledger that the digest of {@code day} is done, and sets the next alarm. */
    void digestAppended(LocalDate day);

    /** Tells the watcher's listeners. */
    void say(String message);
  }

  /** One evaluation of an account: the snapshot, the statuses decided from it, and when. */
  record Evaluation(MailboxSnapshot snapshot, List<ContactStatus> statuses, Instant at) {}

  private final Function<String, @Nullable Account> accounts;
  private final ExecutorService executor;
  private final Set<String> pending = ConcurrentHashMap.newKeySet();

  ServerWriter(String threadName, Function<String, @Nullable Account> accounts) {
    this.accounts = accounts;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  /** Writes what {@code evaluation} asks for; called on this writer's thread only. */
  abstract void write(Account account, Evaluation evaluation);

  @Override
  public final void stateChanged(StatusEvent event) {}

  @Override
  public final void evaluated(String account, List<ContactStatus> statuses) {
    if (!pending.add(account)) {
      return; // a pass is queued already; it will read the latest evaluation
    }
    try {
      executor.execute(
          () -> {
            pending.remove(account);
            Account a = accounts.apply(account);
            Evaluation e = a == null ? null : a.latest();
            if (a == null || e == null) {
              return;
            }
            try {
              write(a, e);
            } catch (RuntimeException ex) {
              a.say("cannot write to the server: " + ex.getClass().getSimpleName());
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      pending.remove(account);
    }
  }

  /**
   * Waits until what was asked so far is written; {@code false} if it was not by {@code timeout}.
   */
  boolean drain(Duration timeout) throws InterruptedException {
    Future<?> marker;
    try {
      marker = executor.submit(() -> {});
    } catch (java.util.concurrent.RejectedExecutionException closed) {
      return true;
    }
    try {
      marker.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return true;
    }
  }

  /** Stops at once, cutting a write under way; what is queued is dropped. */
  @Override
  public void close() {
    executor.shutdownNow();
  }
}
