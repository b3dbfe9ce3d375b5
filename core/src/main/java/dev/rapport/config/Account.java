package dev.rapport.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An IMAP account to track, from an {@code [[accounts]]} table. Holds no secret: the password comes
 * from the environment or from {@link #passwordCommand()} when a connection is made.
 *
 * @param name a short label for messages and logs
 * @param imap the account's URL, {@code imap[s]://USER@HOST[:PORT]}
 * @param passwordCommand a shell command that prints the password (as mbsync's PassCmd), or {@code
 *     null}
 * @param tokenCommand a shell command that prints an OAuth2 access token (for XOAUTH2), or {@code
 *     null}
 * @param allowPlaintext whether a plain {@code imap://} login to a host other than loopback is
 *     allowed
 * @param tls which certificate authorities its TLS connections trust (the {@code tls} table)
 */
public record Account(
    String name,
    String imap,
    @Nullable String passwordCommand,
    @Nullable String tokenCommand,
    boolean allowPlaintext,
    TlsSettings tls) {

  /** An account that trusts the JVM's certificate authorities. */
  public Account(
      String name,
      String imap,
      @Nullable String passwordCommand,
      @Nullable String tokenCommand,
      boolean allowPlaintext) {
    this(name, imap, passwordCommand, tokenCommand, allowPlaintext, TlsSettings.DEFAULTS);
  }

  /** Validates the components. */
  public Account {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(imap, "imap");
    Objects.requireNonNull(tls, "tls");
    if (passwordCommand != null && passwordCommand.isBlank()) {
      passwordCommand = null;
    }
    if (tokenCommand != null && tokenCommand.isBlank()) {
      tokenCommand = null;
    }
  }

  /** This account with plaintext to remote hosts allowed or not, everything else kept. */
  public Account withAllowPlaintext(boolean allow) {
    return new Account(name, imap, passwordCommand, tokenCommand, allow, tls);
  }
}
