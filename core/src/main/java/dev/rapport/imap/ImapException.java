package dev.rapport.imap;

/**
 * A failure to read a mailbox, with a one-line message fit for the user. Messages never contain a
 * password, a token or a command line that could.
 */
public class ImapException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What went wrong, so callers can react (all are exit code 2 on the command line). */
  public enum Reason {
    /** The URL is malformed. */
    BAD_URL,
    /** No password or token could be found or produced. */
    CREDENTIALS,
    /** The server refused the login (wrong password, disabled account, mechanism not allowed). */
    LOGIN_FAILED,
    /** The server could not be reached, or stopped answering. */
    UNREACHABLE,
    /**
     * TLS failed: the certificate is not trusted or does not match the host, or the server has no
     * TLS.
     */
    TLS,
    /** A plaintext connection to a remote host was not allowed. */
    PLAINTEXT_REFUSED,
    /** The server answered something unexpected. */
    PROTOCOL
  }

  private final Reason reason;

  /** Creates an exception. */
  public ImapException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /** Creates an exception with a cause (kept for debugging; its message is not shown). */
  public ImapException(Reason reason, String message, Throwable cause) {
    super(message, cause, false, false);
    this.reason = reason;
  }

  /** Returns what went wrong. */
  public Reason reason() {
    return reason;
  }
}
