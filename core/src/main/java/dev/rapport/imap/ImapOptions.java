package dev.rapport.imap;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * How to connect and how much to read.
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowPlaintext whether an unencrypted connection to a host other than loopback is allowed
 * @param connectTimeout how long to wait for the connection
 * @param readTimeout how long to wait for any answer or write (Angus waits forever by default)
 * @param socketFactory the TLS socket factory, or {@code null} for the JVM's default trust (set it
 *     to trust a private certificate authority; host names are checked either way)
 * @param textBytes how many bytes of a sent message's text to read, to tell whether it asks
 *     something
 * @param deadline how long a one-off read ({@link MailboxReader#read(ImapUrl, Credentials,
 *     SyncListener)}) gives the whole login, and then each command, before it cuts the connection:
 *     a read timeout alone never ends a server that trickles a byte at a time
 */
public record ImapOptions(
    boolean allowPlaintext,
    Duration connectTimeout,
    Duration readTimeout,
    @Nullable SSLSocketFactory socketFactory,
    int textBytes,
    Duration deadline) {

  /**
   * The defaults: no remote plaintext, 20 s to connect, 60 s per answer, the JVM's trust, 4 KB of
   * text, a 30 s deadline.
   */
  public static final ImapOptions DEFAULTS =
      new ImapOptions(
          false,
          Duration.ofSeconds(20),
          Duration.ofSeconds(60),
          null,
          4096,
          Duration.ofSeconds(30));

  /** Validates. */
  public ImapOptions {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    if (connectTimeout.isNegative()
        || connectTimeout.isZero()
        || readTimeout.isNegative()
        || readTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("deadline must be positive");
    }
    if (textBytes < 256 || textBytes > 65536) {
      throw new IllegalArgumentException("textBytes must be 256..65536, not " + textBytes);
    }
  }

  /** Returns these options with plaintext to remote hosts allowed or not. */
  public ImapOptions withAllowPlaintext(boolean allow) {
    return new ImapOptions(allow, connectTimeout, readTimeout, socketFactory, textBytes, deadline);
  }

  /** Returns these options with other timeouts. */
  public ImapOptions withTimeouts(Duration connect, Duration read) {
    return new ImapOptions(allowPlaintext, connect, read, socketFactory, textBytes, deadline);
  }

  /** Returns these options with another deadline for the login and for each command of a read. */
  public ImapOptions withDeadline(Duration d) {
    return new ImapOptions(
        allowPlaintext, connectTimeout, readTimeout, socketFactory, textBytes, d);
  }

  /**
   * Returns these options with a TLS socket factory of the caller's (such as one trusting a test
   * CA).
   */
  public ImapOptions withSocketFactory(@Nullable SSLSocketFactory factory) {
    return new ImapOptions(
        allowPlaintext, connectTimeout, readTimeout, factory, textBytes, deadline);
  }
}
