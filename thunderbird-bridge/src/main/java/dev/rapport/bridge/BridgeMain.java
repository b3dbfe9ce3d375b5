package dev.rapport.bridge;

import dev.rapport.config.RapportConfig;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import org.jspecify.annotations.Nullable;

/**
 * {@code java -jar rapport-bridge.jar [install|uninstall|serve|--help|--version]}: without a
 * command (as Thunderbird starts it, with the manifest's path and the add-on's id) it serves the
 * native-messaging protocol on standard input and output.
 *
 * <p>Exit codes: 0 done (or input closed), 1 an install step or the pipe failed, 2 usage error.
 */
public final class BridgeMain {
  private BridgeMain() {}

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final String HELP =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar rapport-bridge.jar [install | uninstall | serve | --help | --version]",
          "",
          "  install    register the host with Thunderbird for the current user: copies this jar to",
          "             the user's data folder, writes a launcher and the native-messaging manifest",
          "             ("
              + Installer.HOST_NAME
              + ", allowed for add-on "
              + Installer.ADDON_ID
              + ")",
          "  uninstall  remove what install wrote",
          "  serve      speak the native-messaging protocol on stdin/stdout (what Thunderbird runs)",
          "",
          "Exit codes: 0 done, 1 failed, 2 usage error.");

  /** Runs the host or a command, then exits with its code. */
  public static void main(String[] args) {
    Platform platform = Platform.current();
    if (serves(args)) {
      // Only protocol frames may reach the real stdout: anything printed by mistake goes to stderr.
      OutputStream frames =
          new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64 * 1024);
      InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in), 64 * 1024);
      System.setOut(System.err);
      System.exit(serve(platform, in, frames, BridgeLog.open(platform.logDir())));
    }
    System.exit(run(args, platform, System.out, System.err));
  }

  static boolean serves(String[] args) {
    // Thunderbird passes the manifest's path and the add-on's id.
    return args.length == 0
        || args[0].equals("serve")
        || args[0].toLowerCase(Locale.ROOT).endsWith(".json");
  }

  /** Serves the protocol until {@code in} ends. */
  static int serve(Platform platform, InputStream in, OutputStream out, Logger log) {
    log.info(
        () ->
            "host "
                + version()
                + " started (pid "
                + ProcessHandle.current().pid()
                + ", Java "
                + Runtime.version()
                + ")");
    Path configFile = RapportConfig.defaultPath(platform.env());
    LinterSource linters = new LinterSource(configFile, RapportConfig::empty);
    ThreadSource threads = ThreadSource.forHost(platform.env(), log);
    RequestHandler handler =
        new RequestHandler(linters, threads, Clock.systemUTC(), 512, version());
    Thread warm =
        new Thread(
            () -> {
              handler.startMailboxes();
              handler.warmUp();
            },
            "rapport-warm-up");
    warm.setDaemon(true);
    warm.setPriority(Thread.MIN_PRIORITY);
    warm.start();
    try {
      return new BridgeHost(handler, BridgeHost.MAX_REQUEST_BYTES, FrameWriter.MAX_REPLY_BYTES, log)
          .serve(in, out);
    } finally {
      threads.close();
    }
  }

  /** Runs a command other than serving. */
  static int run(String[] args, Platform platform, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(HELP);
      return USAGE;
    }
    String command = args[0];
    List<String> rest = List.of(args).subList(1, args.length);
    switch (command) {
      case "--help":
      case "-h":
      case "help":
        out.println(HELP);
        return OK;
      case "--version":
      case "-V":
        out.println("rapport-bridge " + version());
        return OK;
      case "install":
      case "uninstall":
        if (!rest.isEmpty()) {
          err.println(
              "rapport-bridge: " + command + " takes no arguments, got: " + String.join(" ", rest));
          return USAGE;
        }
        return command.equals("install")
            ? install(platform, ownJar(), out, err)
            : uninstall(platform, out, err);
      default:
        err.println(
            "rapport-bridge: unknown command '"
                + command
                + "' (expected install, uninstall, serve, --help)");
        return USAGE;
    }
  }

  static int install(Platform platform, @Nullable Path jar, PrintStream out, PrintStream err) {
    if (jar == null) {
      err.println(
          "rapport-bridge: install must be run from rapport-bridge.jar (java -jar rapport-bridge.jar install)");
      return USAGE;
    }
    Installer installer =
        new Installer(
            platform,
            javaExecutable(platform),
            new Installer.RegExe(),
            new Installer.ProcessTrainer());
    try {
      Installer.Installed done = installer.install(jar);
      out.println(
          "Installed the Rapport native host "
              + Installer.HOST_NAME
              + " for add-on "
              + Installer.ADDON_ID
              + ":");
      out.println("  manifest: " + done.manifest());
      if (platform.os() == Platform.Os.WINDOWS) {
        out.println("  registry: " + Installer.REGISTRY_KEY);
      }
      out.println("  launcher: " + done.launcher());
      out.println("  jar:      " + done.jar());
      out.println(
          "  archive:  "
              + (done.archive() != null
                  ? done.archive() + " (faster starts)"
                  : "none (starts will be slower)"));
      out.println("  log:      " + platform.logDir().resolve("bridge0.log"));
      out.println(
          "Then add rapport-thunderbird.xpi in Thunderbird (Add-ons and Themes > Install Add-on From File).");
      return OK;
    } catch (IOException | RuntimeException e) {
      err.println("rapport-bridge: install failed: " + RequestHandler.oneLine(e.getMessage()));
      return FAILED;
    }
  }

  static int uninstall(Platform platform, PrintStream out, PrintStream err) {
    Installer installer =
        new Installer(
            platform,
            javaExecutable(platform),
            new Installer.RegExe(),
            (java, jar, archive) -> false);
    try {
      List<Path> removed = installer.uninstall();
      if (removed.isEmpty()) {
        out.println("Nothing to remove: the Rapport native host was not installed for this user.");
      } else {
        out.println("Removed the Rapport native host:");
        removed.forEach(p -> out.println("  " + p));
      }
      return OK;
    } catch (IOException | RuntimeException e) {
      err.println("rapport-bridge: uninstall failed: " + RequestHandler.oneLine(e.getMessage()));
      return FAILED;
    }
  }

  private static Path javaExecutable(Platform platform) {
    String exe = platform.os() == Platform.Os.WINDOWS ? "java.exe" : "java";
    return Path.of(System.getProperty("java.home"), "bin", exe);
  }

  /** The jar this class was loaded from, or {@code null} when run from a classes folder. */
  static @Nullable Path ownJar() {
    try {
      var source = BridgeMain.class.getProtectionDomain().getCodeSource();
      if (source == null) {
        return null;
      }
      Path p = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p : null;
    } catch (URISyntaxException | RuntimeException e) {
      return null;
    }
  }

  static String version() {
    String v = BridgeMain.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }
}
