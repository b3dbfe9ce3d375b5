package dev.rapport.config;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An IMAP account to track, from an {@code [[accounts]]} table. Holds no secret: the password
 * comes from the environment or from {@link #passwordCommand()} when a connection is made.
 *
 * @param name a short label for messages and logs
 * @param imap the account's URL, {@code imap[s]://USER@HOST[:PORT]}
 * @param passwordCommand a shell command that prints the password (as mbsync's PassCmd), or {@code null}
 * @param tokenCommand a shell command that prints an OAuth2 access token (for XOAUTH2), or {@code null}
 * @param allowPlaintext whether a plain {@code imap://} login to a host other than loopback is allowed
 */
public record Account(
    String name, String imap, @Nullable String passwordCommand, @Nullable String tokenCommand, boolean allowPlaintext) {

  /** Validates the components. */
  public Account {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(imap, "imap");
    if (passwordCommand != null && passwordCommand.isBlank()) {
      passwordCommand = null;
    }
    if (tokenCommand != null && tokenCommand.isBlank()) {
      tokenCommand = null;
    }
  }
}
