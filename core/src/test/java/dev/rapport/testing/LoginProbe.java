package dev.rapport.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the real-server rigs ({@link DovecotServer}, {@link CourierServer}) ask of a server they
 * have just started: whether a user can log in yet, and the end of its log when it cannot.
 */
final class LoginProbe {
  static final String LOGGED_IN = "logged in";
  static final String NOT_UP = "not up";

  private LoginProbe() {}

  /**
   * Logs {@code user} in and out over plain IMAP: {@link #LOGGED_IN}, {@link #NOT_UP} (no greeting,
   * no answer, or the connection failed), or the server's tagged refusal line.
   */
  static String tryLogin(String host, int port, String user, String password) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 1000);
      s.setSoTimeout(5000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = s.getOutputStream();
      String greeting = in.readLine();
      if (greeting == null || !greeting.startsWith("* OK")) {
        return NOT_UP;
      }
      out.write(
          ("a LOGIN " + quote(user) + " " + quote(password) + "\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("a OK")) {
          out.write("b LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          return LOGGED_IN;
        }
        if (line.startsWith("a ")) {
          return line;
        }
      }
      return NOT_UP;
    } catch (IOException e) {
      return NOT_UP;
    }
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** The last 4,000 bytes of {@code file} from offset {@code from} on, for an error message. */
  static String tail(Path file, long from) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      byte[] all = Files.readAllBytes(file);
      int start = (int) Math.max(from, all.length - 4000L);
      return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
