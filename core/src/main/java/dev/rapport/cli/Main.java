package dev.rapport.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rapport} command. {@link #main} only exits with what {@link #run} returns; tests call
 * {@link #run} with their own streams.
 *
 * <p>Exit codes: 0 clean, 1 findings (a draft fails), 2 usage or input error, 3 internal error.
 */
@Command(
    name = "rapport",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Scores drafted outreach email and tracks reply threads over IMAP.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success: every draft passes",
      "1:a draft has an error finding or scores under --fail-under",
      "2:usage error, unreadable input or bad configuration",
      "3:internal error (please report it)"
    })
public final class Main implements Runnable {

  /** Exit code: every draft passes. */
  public static final int OK = 0;

  /** Exit code: a draft fails. */
  public static final int FINDINGS = 1;

  /** Exit code: usage error, unreadable input, bad configuration. */
  public static final int USAGE = 2;

  /** Exit code: a bug. */
  public static final int INTERNAL = 3;

  /**
   * The subcommands, by name. Only the one named on the command line is built: picocli reflects
   * over every command it is given, and a lint before each send should not pay for the others.
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new java.util.LinkedHashMap<>();
    m.put("lint", LintCommand.class);
    m.put("sendmail", SendmailCommand.class);
    m.put("rules", RulesCommand.class);
    m.put("status", StatusCommand.class);
    m.put("watch", WatchCommand.class);
    m.put("help", CommandLine.HelpCommand.class);
    return java.util.Collections.unmodifiableMap(m);
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

  public static void main(String[] args) {
    useOwnDefaults();
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    PrintWriter err =
        new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    if (System.console() != null) {
      env.putIfAbsent(
          TERMINAL, "1"); // lets --color=auto and progress output know a person is watching
    }
    int exit;
    try {
      exit = run(args, out, err, StandardInput.of(System.in), env);
    } catch (OutOfMemoryError e) {
      // Every input is bounded before it is read; what is left is input that expands as it is
      // parsed.
      err.println("rapport: the input is too large to process in the memory available");
      exit = USAGE;
    }
    System.exit(exit);
  }

  /**
   * Sets the system properties a process of the command line runs with (not {@link #run}, which
   * embedders call in their own process); the class-data training sets them too.
   */
  static void useOwnDefaults() {
    // picocli registers converters for java.time and java.sql types by reflection, which loads and
    // links those packages at every start; no rapport option has such a type. The process is ours.
    if (System.getProperty("picocli.converters.excludes") == null) {
      System.setProperty("picocli.converters.excludes", "java\\.time\\..*,java\\.sql\\..*");
    }
    // Jakarta Mail looks its StreamProvider up for every MIME part it builds (a ServiceLoader pass
    // over the jar each time, most of the cost of parsing a bounce's delivery report); naming the
    // one this jar ships, Angus's, makes that a class lookup.
    if (System.getProperty(STREAM_PROVIDER) == null) {
      System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
    }
  }

  /** Set in the environment map when standard output is a terminal. */
  static final String TERMINAL = "RAPPORT_INTERNAL_TTY";

  /**
   * Runs the command line.
   *
   * @return the exit code
   */
  public static int run(
      String[] args, PrintWriter out, PrintWriter err, InputStream in, Map<String, String> env) {
    Factory factory = new Factory(in, env);
    String named = firstPositional(args);
    CommandLine cl;
    try {
      if ("lint".equals(named)) {
        // The lint before each send: its model is built in code, not read from annotations (see
        // LintSpec).
        cl = new CommandLine(LintSpec.main(new Main()), factory);
        cl.addSubcommand(
            "lint", new CommandLine(LintSpec.lint(factory.create(LintCommand.class)), factory));
      } else if (named != null && COMMANDS.containsKey(named) && !named.equals("help")) {
        cl = new CommandLine(new Main(), factory);
        cl.addSubcommand(named, factory.create(COMMANDS.get(named)));
      } else {
        cl = allCommands(factory);
      }
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the command line", e);
    }
    cl.setOut(out);
    cl.setErr(err);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          CommandLine c = ex.getCommandLine();
          // One line, as every error: the hint rides on it instead of following it.
          String hint =
              ex instanceof CommandLine.UnmatchedArgumentException u
                      && !u.getSuggestions().isEmpty()
                  ? "did you mean "
                      + String.join(" or ", u.getSuggestions().stream().map(Visible::of).toList())
                      + "?"
                  : "see '" + c.getCommandSpec().qualifiedName() + " --help'";
          c.getErr()
              .println(
                  "rapport: " + Visible.of(String.valueOf(ex.getMessage())) + " (" + hint + ")");
          return USAGE;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (ex instanceof CliException ce) {
            c.getErr().println("rapport: " + Visible.of(String.valueOf(ce.getMessage())));
            return ce.exitCode();
          }
          c.getErr()
              .println(
                  "rapport: internal error: "
                      + Visible.of(String.valueOf(ex))
                      + " (set RAPPORT_DEBUG=1 for details)");
          if (env.containsKey("RAPPORT_DEBUG")) {
            ex.printStackTrace(c.getErr());
          }
          return INTERNAL;
        });
    try {
      return cl.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /**
   * The whole command line, every subcommand built: for help, man pages and completion (DocGen).
   */
  static CommandLine allCommands(InputStream in, Map<String, String> env) {
    try {
      return allCommands(new Factory(in, env));
    } catch (Exception e) {
      throw new IllegalStateException("cannot set up the command line", e);
    }
  }

  private static CommandLine allCommands(Factory factory) throws Exception {
    CommandLine cl = new CommandLine(new Main(), factory);
    for (Map.Entry<String, Class<?>> e : COMMANDS.entrySet()) {
      cl.addSubcommand(e.getKey(), factory.create(e.getValue()));
    }
    return cl;
  }

  private static @org.jspecify.annotations.Nullable String firstPositional(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"rapport " + (v == null ? "(development build)" : v)};
    }
  }

  /** Gives commands the process's standard input and environment, so tests can substitute them. */
  static final class Factory implements CommandLine.IFactory {
    private final InputStream in;
    private final Map<String, String> env;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    Factory(InputStream in, Map<String, String> env) {
      this.in = in;
      this.env = Map.copyOf(env);
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
      K k = fallback.create(cls);
      if (k instanceof Io io) {
        io.io(in, env);
      }
      return k;
    }
  }

  /** Implemented by commands that read standard input or the environment. */
  interface Io {
    void io(InputStream in, Map<String, String> env);
  }
}
