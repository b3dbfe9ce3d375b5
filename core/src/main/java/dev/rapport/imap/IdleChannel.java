package dev.rapport.imap;

import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.iap.ResponseHandler;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.protocol.IMAPResponse;
import org.jspecify.annotations.Nullable;

/**
 * One IMAP connection that waits for news of one folder: it examines the folder (read-only) and
 * sits in IDLE (RFC 2177), or polls with NOOP where the server has no IDLE; with {@code notify} and
 * a server that offers NOTIFY (RFC 5465) it also hears of new and expunged messages in every other
 * folder of the account, so one connection watches them all. Each such piece of news calls {@code
 * onChange}; what to do about it is the owner's business.
 *
 * <p>A watchdog breaks the IDLE every {@code renewEvery} (DONE, then NOOP, then IDLE again), which
 * renews it long before the 29 minutes after which a server may drop an idle client, and proves the
 * connection alive: Angus ignores read timeouts during IDLE, so a connection a NAT dropped silently
 * would otherwise never be noticed. If the NOOP is not answered within the read timeout, the
 * connection's sockets are closed and {@link #watch()} fails at once.
 *
 * <p>Outside IDLE the connection is held to the deadline and caps of a one-off read ({@link
 * ServerGuard}): the login, the EXAMINE, NOTIFY and each polling NOOP must finish within {@link
 * ImapOptions#deadline()}, since a read timeout restarts with every byte and a server trickling one
 * byte every few seconds would otherwise keep a reconnection from ever coming up. The caps (literal
 * sizes, message counts, line length) hold during IDLE too.
 *
 * <p>Thread-safe in this way: one thread calls {@link #connect()} then {@link #watch()}; any thread
 * may call {@link #poke()}, {@link #kill()} and {@link #close()}.
 */
final class IdleChannel implements AutoCloseable {

  /** What a channel reports besides news of mail: its health, for logs and tests. */
  interface Observer {
    /** Called on the watching thread for every piece of news: a new or expunged message. */
    void changed(String why);

    /** Called when the watchdog found the connection dead and cut it. */
    default void cut(String why) {}

    /**
     * Called when the watchdog broke the IDLE and the server answered the NOOP: IDLE starts afresh.
     */
    default void renewed() {}
  }

  private final ImapUrl url;
  private final Credentials credentials;
  private final ImapOptions options;
  private final String folderName;
  private final boolean notify;
  private final Duration renewEvery;
  private final Duration pollEvery;
  private final ScheduledExecutorService scheduler;
  private final Executor breakers;
  private final Observer observer;
  private final ServerGuard guard;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object pollLock = new Object();

  private volatile @Nullable IMAPStore store;
  private volatile @Nullable IMAPFolder folder;
  private volatile boolean idleSupported;
  private volatile boolean notifying;
  private volatile @Nullable ScheduledFuture<?> watchdog;
  private final AtomicBoolean pokeRunning = new AtomicBoolean();

  IdleChannel(
      ImapUrl url,
      Credentials credentials,
      ImapOptions options,
      String folderName,
      boolean notify,
      Duration renewEvery,
      Duration pollEvery,
      ScheduledExecutorService scheduler,
      Executor breakers,
      Observer observer) {
    this.url = Objects.requireNonNull(url, "url");
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.options = Objects.requireNonNull(options, "options");
    this.folderName = Objects.requireNonNull(folderName, "folderName");
    this.notify = notify;
    this.renewEvery = Objects.requireNonNull(renewEvery, "renewEvery");
    this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.breakers = Objects.requireNonNull(breakers, "breakers");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.guard = new ServerGuard(url.host() + ":" + url.port(), options.deadline());
  }

  /** The folder watched. */
  String folderName() {
    return folderName;
  }

  /** Whether the server has IDLE (known after {@link #connect()}); without it the channel polls. */
  boolean idleSupported() {
    return idleSupported;
  }

  /**
   * Whether NOTIFY is on, so this channel hears of every folder (known after {@link #connect()}).
   */
  boolean notifying() {
    return notifying;
  }

  /**
   * Logs in, examines the folder, asks for NOTIFY if wanted and offered, and starts the watchdog.
   *
   * @throws ImapException if any of it fails; the channel is then closed
   */
  void connect() throws ImapException {
    if (closed.get()) {
      throw new ImapException(
          ImapException.Reason.UNREACHABLE, "the watch of " + folderName + " was closed");
    }
    try {
      IMAPStore s = ImapConnector.connect(url, credentials, options, guard);
      store = s;
      // Asked before the folder is opened: afterwards the store would open a second connection to
      // answer.
      idleSupported = s.hasCapability("IDLE");
      boolean notifyOffered = s.hasCapability("NOTIFY");
      IMAPFolder f = (IMAPFolder) s.getFolder(folderName);
      guard.arm("EXAMINE of " + folderName);
      f.open(Folder.READ_ONLY);
      folder = f;
      ResponseHandler news = this::handle;
      f.doCommand(
          p -> {
            p.addResponseHandler(news);
            return null;
          });
      if (notify && notifyOffered) {
        guard.arm("NOTIFY");
        notifying =
            (Boolean)
                f.doCommand(
                    p -> {
                      // New and expunged messages anywhere in the user's own folders; flags do not
                      // matter to tracking.
                      Response[] r =
                          p.command(
                              "NOTIFY SET (selected (MessageNew MessageExpunge)) (personal (MessageNew MessageExpunge))",
                              null);
                      p.notifyResponseHandlers(r);
                      Response last = r[r.length - 1];
                      return last.isOK();
                    });
      }
    } catch (MessagingException e) {
      closeQuietly();
      throw ImapConnector.guarded(guard, ImapConnector.translate(url, e));
    } catch (ImapException e) {
      closeQuietly();
      throw ImapConnector.guarded(guard, e);
    } catch (RuntimeException e) {
      closeQuietly();
      throw ImapConnector.guarded(
          guard,
          new ImapException(
              ImapException.Reason.PROTOCOL,
              "unexpected answer from "
                  + url.host()
                  + " while opening "
                  + folderName
                  + ": "
                  + e.getClass().getSimpleName(),
              e));
    } finally {
      guard.disarm();
    }
    if (idleSupported) {
      long every = renewEvery.toNanos();
      watchdog = scheduler.scheduleWithFixedDelay(this::poke, every, every, TimeUnit.NANOSECONDS);
    }
  }

  private void handle(Response r) {
    if (!r.isUnTagged()) {
      return;
    }
    if (r.isBYE()) {
      return; // The watching thread fails on its own; nothing changed in the mailbox.
    }
    if (r instanceof IMAPResponse ir) {
      String key = ir.getKey();
      if (key == null) {
        return;
      }
      switch (key.toUpperCase(java.util.Locale.ROOT)) {
        case "EXISTS", "EXPUNGE", "VANISHED" ->
            observer.changed(folderName + ": " + key.toLowerCase(java.util.Locale.ROOT));
        case "STATUS" -> observer.changed("another folder changed (NOTIFY)");
        default -> {
          // FETCH (flags), OK (keep-alive), RECENT...: nothing tracking reads.
        }
      }
    }
  }

  /**
   * Waits for news until the connection fails or the channel is closed: IDLE, renewed by the
   * watchdog, or NOOP every {@code pollEvery} where the server has no IDLE.
   *
   * @throws ImapException when the connection is lost (including when the watchdog cut it)
   */
  void watch() throws ImapException {
    IMAPFolder f = folder;
    if (f == null) {
      throw new IllegalStateException("not connected");
    }
    try {
      while (!closed.get()) {
        if (idleSupported) {
          f.idle(
              false); // returns when the watchdog (or close) sends DONE; throws when the connection
          // dies
        } else {
          synchronized (pollLock) {
            if (!closed.get()) {
              pollLock.wait(Math.max(1, pollEvery.toMillis()));
            }
          }
          if (!closed.get()) {
            guard.arm("NOOP in " + folderName);
            try {
              noop(f);
            } finally {
              guard.disarm();
            }
          }
        }
        if (guard.tripped() && !closed.get()) {
          throw new ImapException(
              ImapException.Reason.UNREACHABLE,
              url.host() + " stopped answering (watching " + folderName + ")");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (MessagingException | IllegalStateException e) {
      if (closed.get()) {
        return;
      }
      if (guard.tripped()) {
        throw new ImapException(
            ImapException.Reason.UNREACHABLE,
            url.host() + " stopped answering (watching " + folderName + ")",
            e);
      }
      throw ImapConnector.guarded(
          guard,
          ImapConnector.translate(
              url,
              e instanceof MessagingException me ? me : new MessagingException(e.toString(), e)));
    }
  }

  private static void noop(IMAPFolder f) throws MessagingException {
    f.doCommand(
        p -> {
          p.noop();
          return null;
        });
  }

  /**
   * Breaks the IDLE now and proves the connection alive (DONE, NOOP; the watching thread then
   * re-enters IDLE), without blocking the caller: if the server does not answer within the read
   * timeout, the connection is cut. Called by the watchdog; may be called by anyone.
   */
  void poke() {
    IMAPFolder f = folder;
    if (f == null || closed.get() || !pokeRunning.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture<Void> done =
        CompletableFuture.runAsync(
            () -> {
              try {
                noop(f);
              } catch (MessagingException e) {
                throw new java.util.concurrent.CompletionException(e);
              }
            },
            breakers);
    done.orTimeout(options.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (v, e) -> {
              pokeRunning.set(false);
              if (e == null) {
                observer.renewed();
              } else if (e != null && !closed.get() && !guard.tripped()) {
                boolean timedOut =
                    e instanceof java.util.concurrent.TimeoutException
                        || e.getCause() instanceof java.util.concurrent.TimeoutException;
                String why =
                    timedOut
                        ? "no answer to NOOP within " + options.readTimeout().toMillis() + " ms"
                        : "NOOP failed: "
                            + (e.getCause() != null ? e.getCause() : e).getClass().getSimpleName();
                observer.cut(why);
                kill();
              }
            });
  }

  /** Cuts the connection at once: every blocked call on it fails. */
  void kill() {
    guard.trip();
    synchronized (pollLock) {
      pollLock.notifyAll();
    }
  }

  /** Stops watching: cuts the connection (no LOGOUT: it could wait on a dead server). */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly();
    }
  }

  private void closeQuietly() {
    ScheduledFuture<?> w = watchdog;
    if (w != null) {
      w.cancel(false);
    }
    kill();
    IMAPStore s = store;
    if (s != null) {
      try {
        s.close();
      } catch (MessagingException | RuntimeException ignored) {
        // The sockets are closed already; Angus only tidies up.
      }
    }
  }
}
