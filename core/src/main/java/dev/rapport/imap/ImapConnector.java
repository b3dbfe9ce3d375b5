package dev.rapport.imap;

import dev.rapport.internal.Text;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.Properties;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.util.MailConnectException;
import org.jspecify.annotations.Nullable;

/**
 * Opens an authenticated IMAP connection with Rapport's security rules, and names failures in one
 * line.
 */
final class ImapConnector {
  private ImapConnector() {}

  /**
   * Enforces write timeouts for every connection. Without it Angus starts a thread per socket
   * (WriteTimeoutSocket), which a long-running watcher reconnecting for days would pay for each
   * time, and leak whenever a socket is closed underneath Angus. One daemon thread does them all.
   */
  private static final class WriteTimeouts {
    static final java.util.concurrent.ScheduledThreadPoolExecutor EXECUTOR = executor();

    private static java.util.concurrent.ScheduledThreadPoolExecutor executor() {
      java.util.concurrent.ScheduledThreadPoolExecutor e =
          new java.util.concurrent.ScheduledThreadPoolExecutor(
              1,
              r -> {
                Thread t = new Thread(r, "rapport-imap-write-timeouts");
                t.setDaemon(true);
                return t;
              });
      e.setRemoveOnCancelPolicy(true);
      return e;
    }
  }

  /**
   * Connects and logs in within the guard's deadline, through its sockets.
   *
   * @throws ImapException naming what the server did when the guard cut the connection
   */
  static IMAPStore connect(
      ImapUrl url, Credentials credentials, ImapOptions options, ServerGuard guard)
      throws ImapException {
    guard.arm("the login");
    try {
      return connect(url, credentials, options, guard.plain(), guard.tls(trust(options)));
    } catch (ImapException e) {
      throw guarded(guard, e);
    } finally {
      guard.disarm();
    }
  }

  /** The TLS socket factory: the caller's, or the JVM's trust with refusals explained. */
  static javax.net.ssl.SSLSocketFactory trust(ImapOptions options) {
    return options.socketFactory() != null ? options.socketFactory() : TlsTrust.jvmDefault();
  }

  /** The guard's own account of a failure, when it caused it. */
  static ImapException guarded(ServerGuard guard, ImapException e) {
    String why = guard.violation();
    return why == null ? e : new ImapException(ImapException.Reason.PROTOCOL, why, e);
  }

  private static IMAPStore connect(
      ImapUrl url,
      Credentials credentials,
      ImapOptions options,
      javax.net.@Nullable SocketFactory plain,
      javax.net.ssl.@Nullable SSLSocketFactory tls)
      throws ImapException {
    String protocol = url.implicitTls() ? "imaps" : "imap";
    Properties props = properties(url, credentials, options);
    if (plain != null && tls != null) {
      String p = "mail." + protocol + ".";
      props.put(p + "socketFactory", plain);
      props.put(p + "ssl.socketFactory", tls);
      // Never fall back to an unregistered socket if ours fails.
      props.setProperty(p + "socketFactory.fallback", "false");
    }
    Session session = Session.getInstance(props);
    session.setDebug(false);
    IMAPStore store;
    try {
      Store s = session.getStore(protocol);
      store = (IMAPStore) s;
    } catch (MessagingException e) {
      throw new ImapException(
          ImapException.Reason.PROTOCOL,
          "no IMAP support in this build: " + e.getClass().getSimpleName(),
          e);
    }
    try {
      store.connect(url.host(), url.port(), url.user(), credentials.secret());
      return store;
    } catch (AuthenticationFailedException e) {
      throw new ImapException(
          ImapException.Reason.LOGIN_FAILED, loginMessage(url, e.getMessage()), e);
    } catch (MessagingException e) {
      throw translate(url, e);
    } catch (RuntimeException e) {
      throw new ImapException(
          ImapException.Reason.PROTOCOL,
          "cannot talk to " + url.host() + ":" + url.port() + ": " + e.getClass().getSimpleName(),
          e);
    }
  }

  /**
   * The session properties: timeouts always, TLS verified, STARTTLS required unless plaintext is
   * allowed.
   */
  static Properties properties(ImapUrl url, Credentials credentials, ImapOptions options) {
    String protocol = url.implicitTls() ? "imaps" : "imap";
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.setProperty(p + "connectiontimeout", Long.toString(options.connectTimeout().toMillis()));
    props.setProperty(p + "timeout", Long.toString(options.readTimeout().toMillis()));
    props.setProperty(p + "writetimeout", Long.toString(options.readTimeout().toMillis()));
    props.put(p + "executor.writetimeout", WriteTimeouts.EXECUTOR);
    props.setProperty(p + "ssl.checkserveridentity", "true");
    // Bodies are read in small blocks, so only the first few KB of a message's text are fetched.
    props.setProperty(p + "partialfetch", "true");
    props.setProperty(p + "fetchsize", Integer.toString(options.textBytes()));
    props.setProperty(p + "peek", "true");
    if (!url.implicitTls()) {
      props.setProperty(p + "starttls.enable", "true");
      boolean plainOk = url.isLoopback() || options.allowPlaintext();
      props.setProperty(p + "starttls.required", Boolean.toString(!plainOk));
    }
    props.put(p + "ssl.socketFactory", trust(options));
    if (credentials.isOAuth2()) {
      props.setProperty(p + "auth.mechanisms", "XOAUTH2");
      props.setProperty(p + "auth.xoauth2.disable", "false");
    }
    return props;
  }

  private static String loginMessage(ImapUrl url, String serverText) {
    String t = serverText == null ? "" : serverText.toLowerCase(Locale.ROOT);
    if (t.contains("starttls")
        || t.contains("privacyrequired")
        || t.contains("plaintext authentication disallowed")) {
      return url.host() + " refuses to log in without TLS; use imaps:// or a server with STARTTLS";
    }
    if (t.contains("authenticationfailed")
        || t.contains("authentication failed")
        || t.contains("invalid credentials")
        || t.contains("password")) {
      return "login to "
          + url.host()
          + " as "
          + url.user()
          + " failed: wrong user name or password";
    }
    return "the server "
        + url.host()
        + " refused the login of "
        + url.user()
        + ": "
        + oneLine(serverText);
  }

  /** Turns a connection failure into a one-line reason, looking through the causes. */
  static ImapException translate(ImapUrl url, Exception e) {
    String where = url.host() + ":" + url.port();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TlsTrust.Refused r) {
        return new ImapException(
            ImapException.Reason.TLS, "TLS with " + where + " refused: " + r.getMessage(), e);
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException || t instanceof CertificateException) {
        String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("unrecognized ssl message")
            || m.contains("plaintext connection")
            || m.contains("unsupported or unrecognized")) {
          return new ImapException(
              ImapException.Reason.TLS,
              "no TLS at " + where + ": is it an imap:// (STARTTLS) port rather than imaps://?",
              e);
        }
        return new ImapException(
            ImapException.Reason.TLS,
            "TLS with "
                + where
                + " failed: the server's certificate is not trusted or does not match "
                + url.host(),
            e);
      }
      if (t instanceof UnknownHostException) {
        return new ImapException(ImapException.Reason.UNREACHABLE, "unknown host " + url.host(), e);
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return new ImapException(
            ImapException.Reason.UNREACHABLE,
            "cannot connect to " + where + ": connection refused or no route",
            e);
      }
      if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
        return new ImapException(
            ImapException.Reason.UNREACHABLE, where + " did not answer in time", e);
      }
    }
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.contains("STARTTLS")) {
      return new ImapException(
          ImapException.Reason.TLS,
          where
              + " does not offer STARTTLS; use imaps:// or, on a trusted network, --allow-plaintext",
          e);
    }
    if (e instanceof MailConnectException) {
      return new ImapException(ImapException.Reason.UNREACHABLE, "cannot connect to " + where, e);
    }
    if (m.contains("BYE")) {
      return new ImapException(
          ImapException.Reason.UNREACHABLE,
          where + " closed the connection (" + oneLine(m) + ")",
          e);
    }
    if (e instanceof IOException || m.toLowerCase(Locale.ROOT).contains("connection")) {
      return new ImapException(
          ImapException.Reason.UNREACHABLE, "the connection to " + where + " was lost", e);
    }
    return new ImapException(
        ImapException.Reason.PROTOCOL, "IMAP error from " + where + ": " + oneLine(m), e);
  }

  static String oneLine(String s) {
    return Text.oneLine(s, 160, "(no message)");
  }
}
