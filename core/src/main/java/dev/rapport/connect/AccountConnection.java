package dev.rapport.connect;

import dev.rapport.config.Account;
import dev.rapport.imap.CredentialSource;
import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapException;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.imap.MailboxReader;
import dev.rapport.imap.SyncCache;
import dev.rapport.imap.TlsTrust;
import java.util.Map;
import java.util.Objects;

/**
 * A configured account made ready to open: its parsed URL, where its secret comes from, and its
 * IMAP options (plaintext as the account allows, TLS trusting what its {@code tls} table names).
 * The one place the command line, the watcher and the Thunderbird host turn an {@link Account} into
 * a connection.
 *
 * @param account the account it was made from
 * @param url the account's parsed {@code imap} URL
 * @param credentials the secret: a password resolved once, or a token command asked again at each
 *     {@link CredentialSource#get()} after the first, since tokens expire
 * @param options the caller's options with the account's plaintext and TLS settings applied
 */
public record AccountConnection(
    Account account, ImapUrl url, CredentialSource credentials, ImapOptions options) {

  /** Checks that no component is {@code null}. */
  public AccountConnection {
    Objects.requireNonNull(account, "account");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(options, "options");
  }

  /**
   * Prepares an account: parses its URL, resolves its secret now (so a missing one fails here, not
   * at the first connection), and applies its plaintext and TLS settings to {@code base}.
   *
   * @param env the environment the secret may come from
   * @throws ImapException with {@link ImapException.Reason#BAD_URL} if the URL is malformed, {@link
   *     ImapException.Reason#CREDENTIALS} if no secret can be had, {@link ImapException.Reason#TLS}
   *     if its CA file or trust store cannot be used; checked in that order
   */
  public static AccountConnection open(Account account, ImapOptions base, Map<String, String> env)
      throws ImapException {
    ImapUrl url = ImapUrl.parse(account.imap());
    CredentialSource credentials = credentials(account, env);
    ImapOptions options = base.withAllowPlaintext(account.allowPlaintext());
    if (!account.tls().isDefault()) {
      options = options.withSocketFactory(TlsTrust.socketFactory(account.tls()));
    }
    return new AccountConnection(account, url, credentials, options);
  }

  /** A reader of this account with its options, over {@code cache}. */
  public MailboxReader reader(SyncCache cache) {
    return new MailboxReader(options, cache);
  }

  /** This connection with other options (timeouts, deadline) in place of its own. */
  public AccountConnection withOptions(ImapOptions other) {
    return new AccountConnection(account, url, credentials, other);
  }

  /**
   * Where the secret comes from: a password is resolved once now (a wrong one fails at the start);
   * a token command is asked again at every get after the first, since tokens expire.
   */
  private static CredentialSource credentials(Account a, Map<String, String> env)
      throws ImapException {
    Credentials first = Credentials.resolve(env, a.tokenCommand(), a.passwordCommand());
    if (!first.isOAuth2()) {
      return CredentialSource.of(first);
    }
    Credentials[] next = {first};
    return () -> {
      synchronized (next) {
        Credentials c = next[0];
        if (c != null) {
          next[0] = null;
          return c;
        }
      }
      return Credentials.resolve(env, a.tokenCommand(), a.passwordCommand());
    };
  }
}
