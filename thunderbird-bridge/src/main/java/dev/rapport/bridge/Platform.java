package dev.rapport.bridge;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Where things live for the current user on one operating system: Thunderbird's native-messaging
 * manifest folder, the folder the host is installed in, and the log folder. Paths come from the
 * environment given (so tests can point {@code HOME} at a temporary folder), falling back to the
 * JVM's {@code user.home}. Immutable and thread-safe.
 */
final class Platform {

  /** The operating systems Thunderbird's native messaging knows. */
  enum Os {
    LINUX,
    MAC,
    WINDOWS;

    static Os of(String osName) {
      String n = osName.toLowerCase(Locale.ROOT);
      if (n.startsWith("windows")) {
        return WINDOWS;
      }
      if (n.startsWith("mac") || n.startsWith("darwin")) {
        return MAC;
      }
      return LINUX; // Linux and the BSDs share Mozilla's Unix layout.
    }
  }

  private final Os os;
  private final Map<String, String> env;
  private final String userHome;

  Platform(Os os, Map<String, String> env, String userHome) {
    this.os = Objects.requireNonNull(os, "os");
    this.env = Map.copyOf(env);
    this.userHome = Objects.requireNonNull(userHome, "userHome");
  }

  /** Returns the platform this JVM runs on, seen through the process environment. */
  static Platform current() {
    return new Platform(
        Os.of(System.getProperty("os.name", "")),
        System.getenv(),
        System.getProperty("user.home", "."));
  }

  Os os() {
    return os;
  }

  /**
   * The user's home: {@code HOME} when set (as Thunderbird itself reads it), else {@code
   * user.home}.
   */
  Path home() {
    String h = os == Os.WINDOWS ? env.get("USERPROFILE") : env.get("HOME");
    return Path.of(h != null && !h.isBlank() ? h : userHome);
  }

  /**
   * The folder Thunderbird reads per-user host manifests from (not used on Windows, which reads the
   * registry).
   */
  Path manifestDir() {
    switch (os) {
      case MAC:
        return home().resolve("Library/Application Support/Mozilla/NativeMessagingHosts");
      case WINDOWS:
        return installDir();
      default:
        return home().resolve(".mozilla/native-messaging-hosts");
    }
  }

  /** The folder the jar and its launcher are installed in. */
  Path installDir() {
    switch (os) {
      case MAC:
        return home().resolve("Library/Application Support/Rapport/bridge");
      case WINDOWS:
        return localAppData().resolve("Rapport").resolve("bridge");
      default:
        return xdg("XDG_DATA_HOME", ".local/share").resolve("rapport").resolve("bridge");
    }
  }

  /** The folder the host writes its log in. */
  Path logDir() {
    switch (os) {
      case MAC:
        return home().resolve("Library/Logs/Rapport");
      case WINDOWS:
        return localAppData().resolve("Rapport").resolve("Logs");
      default:
        return xdg("XDG_STATE_HOME", ".local/state").resolve("rapport");
    }
  }

  /** The environment the platform was made with (for the configuration's default path). */
  Map<String, String> env() {
    return env;
  }

  private Path xdg(String variable, String fallback) {
    String v = env.get(variable);
    // The XDG spec says relative values are invalid and must be ignored.
    if (v != null && !v.isBlank() && Path.of(v).isAbsolute()) {
      return Path.of(v);
    }
    return home().resolve(fallback);
  }

  private Path localAppData() {
    String v = env.get("LOCALAPPDATA");
    return v != null && !v.isBlank() ? Path.of(v) : home().resolve("AppData").resolve("Local");
  }
}
