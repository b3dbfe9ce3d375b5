package dev.rapport.imap;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An account's address, {@code imap://USER@HOST[:PORT]} (STARTTLS) or {@code
 * imaps://USER@HOST[:PORT]} (TLS from the first byte). A password in the URL is refused: passwords
 * come from the environment or a command, never from a command line.
 *
 * <p>Immutable and thread-safe.
 *
 * @param implicitTls whether the scheme is {@code imaps}
 * @param user the login name, percent-decoded
 * @param host the host name or address
 * @param port the port
 */
public record ImapUrl(boolean implicitTls, String user, String host, int port) {

  // The user is everything up to the last '@', so "me@example.org@imap.example.org" works
  // unescaped.
  private static final Pattern SHAPE =
      Pattern.compile(
          "(?i)(imaps?)://([^/?#\\s]+)@([a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?|\\[[0-9a-f:.]+\\])(?::([0-9]{1,5}))?/?");

  /** Validates. */
  public ImapUrl {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  /**
   * Parses a URL.
   *
   * @throws ImapException with {@link ImapException.Reason#BAD_URL} if it is malformed
   */
  public static ImapUrl parse(String url) throws ImapException {
    Objects.requireNonNull(url, "url");
    String s = url.strip();
    Matcher m = SHAPE.matcher(s);
    if (!m.matches()) {
      String scheme =
          s.contains("://") ? s.substring(0, s.indexOf("://")).toLowerCase(Locale.ROOT) : "";
      if (!scheme.equals("imap") && !scheme.equals("imaps")) {
        throw bad("the scheme must be imap:// or imaps://", s);
      }
      throw bad("expected imap[s]://USER@HOST[:PORT]", s);
    }
    String rawUser = m.group(2);
    if (rawUser.contains(":")) {
      throw new ImapException(
          ImapException.Reason.BAD_URL,
          "bad IMAP URL: do not put a password in the URL; set RAPPORT_PASSWORD or passwordCommand");
    }
    boolean tls = m.group(1).equalsIgnoreCase("imaps");
    String host = m.group(3);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = tls ? 993 : 143;
    if (m.group(4) != null) {
      port = Integer.parseInt(m.group(4));
      if (port < 1 || port > 65535) {
        throw bad("port out of range", s);
      }
    }
    String user;
    try {
      user = URLDecoder.decode(rawUser.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw bad("malformed %-escape in the user name", s);
    }
    return new ImapUrl(tls, user, host.toLowerCase(Locale.ROOT), port);
  }

  private static ImapException bad(String why, String url) {
    String redacted = redact(url);
    String shown = redacted.length() > 100 ? redacted.substring(0, 100) + "…" : redacted;
    return new ImapException(
        ImapException.Reason.BAD_URL,
        "bad IMAP URL '" + shown.replaceAll("[\\r\\n\\t]", " ") + "': " + why);
  }

  /**
   * Returns {@code url} with any password in it replaced by {@code ***}: what follows the first
   * {@code :} of the user-info ({@code imap://amara:***@host}), or a "port" that is not a number
   * when there is no {@code @} ({@code imap://amara:***}). Safe to print; anything that is not a
   * URL is returned as it is.
   */
  public static String redact(String url) {
    int start = url.indexOf("://");
    if (start < 0) {
      return url;
    }
    start += 3;
    int end = url.length();
    for (int i = start; i < url.length(); i++) {
      char c = url.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        end = i;
        break;
      }
    }
    String authority = url.substring(start, end);
    int at = authority.lastIndexOf('@');
    String redacted;
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      int colon = userInfo.indexOf(':');
      redacted =
          colon < 0 ? authority : userInfo.substring(0, colon) + ":***" + authority.substring(at);
    } else {
      int colon = authority.lastIndexOf(':');
      redacted =
          colon < 0 || authority.substring(colon + 1).matches("[0-9]*") || authority.endsWith("]")
              ? authority
              : authority.substring(0, colon) + ":***";
    }
    return url.substring(0, start) + redacted + url.substring(end);
  }

  /**
   * Whether the host is this machine (a loopback name or address), so plaintext is allowed to it.
   */
  public boolean isLoopback() {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false; // never resolve a name just to decide this: DNS could lie
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Returns a name for the account without secrets: {@code user@host:port}. */
  public String account() {
    return user + "@" + host + ":" + port;
  }

  @Override
  public String toString() {
    return (implicitTls ? "imaps://" : "imap://")
        + user
        + "@"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + port;
  }
}
