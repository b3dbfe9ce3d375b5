package dev.rapport.imap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A secret to log in with: a password, or an OAuth2 access token for XOAUTH2. Found, in order, in
 * the environment variable {@code RAPPORT_PASSWORD}, the first line printed by a token command
 * (XOAUTH2), or by a password command (run with {@code sh -c}, as mbsync's PassCmd); the caller
 * passes the commands, typically an account's {@code tokenCommand} and {@code passwordCommand}.
 * Never taken from a command line; {@link #toString()} never shows it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Credentials {

  /** The environment variable a password is read from. */
  public static final String PASSWORD_VARIABLE = "RAPPORT_PASSWORD";

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final String secret;
  private final boolean oauth2;

  private Credentials(String secret, boolean oauth2) {
    this.secret = secret;
    this.oauth2 = oauth2;
  }

  /** Returns a password credential. */
  public static Credentials password(String password) {
    return new Credentials(Objects.requireNonNull(password, "password"), false);
  }

  /** Returns an OAuth2 access token credential (XOAUTH2). */
  public static Credentials oauth2Token(String token) {
    return new Credentials(Objects.requireNonNull(token, "token"), true);
  }

  /**
   * Finds the secret in the environment only.
   *
   * @param env the environment variables
   * @throws ImapException with {@link ImapException.Reason#CREDENTIALS} if none can be found
   */
  public static Credentials resolve(Map<String, String> env) throws ImapException {
    return resolve(env, null, null);
  }

  /**
   * Finds the secret: the environment first, then the token command, then the password command.
   *
   * @param env the environment variables
   * @param tokenCommand prints an OAuth2 access token, or {@code null}
   * @param passwordCommand prints a password, or {@code null}
   * @throws ImapException with {@link ImapException.Reason#CREDENTIALS} if none can be found
   */
  public static Credentials resolve(
      Map<String, String> env, @Nullable String tokenCommand, @Nullable String passwordCommand)
      throws ImapException {
    String fromEnv = env.get(PASSWORD_VARIABLE);
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return password(fromEnv);
    }
    if (tokenCommand != null) {
      return oauth2Token(run(tokenCommand, "tokenCommand"));
    }
    if (passwordCommand != null) {
      return password(run(passwordCommand, "passwordCommand"));
    }
    throw new ImapException(
        ImapException.Reason.CREDENTIALS,
        "no password: set "
            + PASSWORD_VARIABLE
            + " or a passwordCommand (or tokenCommand) for the account in the config file");
  }

  static String run(String command, String what) throws ImapException {
    ProcessBuilder pb =
        new ProcessBuilder("sh", "-c", command)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ImapException(
          ImapException.Reason.CREDENTIALS, what + " could not be started (is sh installed?)", e);
    }
    // Read on another thread so a command that never closes its output cannot hang us.
    java.util.concurrent.CompletableFuture<@Nullable String> firstLine =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String l = r.readLine();
                char[] drain = new char[4096];
                while (r.read(drain) >= 0) {
                  // Read the rest so the command never blocks on a full pipe.
                }
                return l;
              } catch (IOException e) {
                return null;
              }
            },
            r -> {
              Thread t = new Thread(r, "rapport-credentials");
              t.setDaemon(true);
              t.start();
            });
    String line;
    try {
      line = firstLine.get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        throw new java.util.concurrent.TimeoutException();
      }
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      p.destroyForcibly();
      throw new ImapException(
          ImapException.Reason.CREDENTIALS,
          what + " did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ImapException(ImapException.Reason.CREDENTIALS, what + " was interrupted", e);
    }
    if (p.exitValue() != 0) {
      throw new ImapException(
          ImapException.Reason.CREDENTIALS, what + " failed with exit code " + p.exitValue());
    }
    if (line == null || line.strip().isEmpty()) {
      throw new ImapException(ImapException.Reason.CREDENTIALS, what + " printed nothing");
    }
    return line.strip();
  }

  /** Whether this is an OAuth2 token (XOAUTH2) rather than a password. */
  public boolean isOAuth2() {
    return oauth2;
  }

  /** Returns the secret itself; only the connector calls this. */
  String secret() {
    return secret;
  }

  @Override
  public String toString() {
    return oauth2 ? "Credentials[oauth2 token, hidden]" : "Credentials[password, hidden]";
  }
}
