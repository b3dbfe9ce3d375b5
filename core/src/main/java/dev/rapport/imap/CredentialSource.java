package dev.rapport.imap;

/**
 * Where a long-running watcher gets its secret each time it (re)connects: a fixed password, or a
 * command asked again for a fresh OAuth2 token, since tokens expire long before a watcher stops.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CredentialSource {

  /**
   * Returns the secret to log in with now.
   *
   * @throws ImapException with {@link ImapException.Reason#CREDENTIALS} if none can be had
   */
  Credentials get() throws ImapException;

  /** A source that always gives the same credentials. */
  static CredentialSource of(Credentials credentials) {
    java.util.Objects.requireNonNull(credentials, "credentials");
    return () -> credentials;
  }
}
