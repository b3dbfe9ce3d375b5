package dev.rapport.cli;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The picocli model of {@code rapport} and {@code rapport lint}, built in code for the lint that
 * runs before each send. picocli reads the same model from the annotations on {@link Main} and
 * {@link LintCommand} (and still does for every other command line), but reading annotations makes
 * the JVM generate a proxy class for each annotation type, which costs more at start than the lint
 * itself; these classes cannot be stored in the class-data archive. {@code LintSpecTest} checks
 * that the two models print the same help and take the same options, so an option added to the
 * annotations and not here fails the build. Not thread-safe: one per command line.
 */
final class LintSpec {
  private LintSpec() {}

  /** The top-level command, with help and version options. */
  static CommandSpec main(Main main) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(main);
    spec.name("rapport");
    spec.versionProvider(new Main.Version());
    standardHelpOptions(spec);
    spec.usageMessage()
        .description("Scores drafted outreach email and tracks reply threads over IMAP.")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(
            exitCodes(
                "0:success: every draft passes",
                "1:a draft has an error finding or scores under --fail-under",
                "2:usage error, unreadable input or bad configuration",
                "3:internal error (please report it)"));
    main.spec = spec;
    return spec;
  }

  /** {@code rapport lint}, with the options bound to the fields of {@code lint} and its mixins. */
  static CommandSpec lint(LintCommand lint) {
    CommandSpec spec = CommandSpec.wrapWithoutInspection(lint);
    spec.name("lint");
    standardHelpOptions(spec);
    spec.usageMessage()
        .description(
            "Scores drafts on brevity, specificity, personalization and visa-status transparency, and lists what to fix.",
            "Reads .eml messages, HTML and plain text; '-' reads standard input.")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(
            exitCodes(
                "0:every draft passes",
                "1:a draft has an error finding or scores under --fail-under",
                "2:usage error, unreadable input or bad configuration",
                "3:internal error (please report it)"));
    LintSettings settings = lint.settings;
    spec.addOption(
        bind(
                OptionSpec.builder("--config")
                    .paramLabel("FILE")
                    .type(Path.class)
                    .description(
                        "Configuration file (default: rapport.toml in $XDG_CONFIG_HOME/rapport or in ~/.config/rapport, if it exists; or $RAPPORT_CONFIG)."),
                settings.configOptions,
                "config")
            .build());
    spec.addOption(
        bind(
                OptionSpec.builder("--plugin")
                    .paramLabel("DIR_OR_JAR")
                    .type(List.class)
                    .auxiliaryTypes(Path.class)
                    .description(
                        "Load rules from a plugin jar, or from every jar in a folder; repeatable, in addition to lint.plugins in the config."),
                settings.pluginOptions,
                "plugins")
            .build());
    spec.addOption(
        bind(
                OptionSpec.builder("--fail-under")
                    .paramLabel("N")
                    .type(Integer.class)
                    .description(
                        "Fail a draft whose overall score is under N (0-100; default: lint.failUnder from the config, else 0)."),
                settings,
                "failUnder")
            .build());
    spec.addOption(
        bind(
                OptionSpec.builder("--format")
                    .paramLabel("FORMAT")
                    .type(LintCommand.Format.class)
                    .defaultValue("text")
                    .description(
                        "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."),
                lint,
                "format")
            .build());
    spec.addOption(
        bind(
                OptionSpec.builder("--color")
                    .paramLabel("WHEN")
                    .type(LintCommand.Color.class)
                    .defaultValue("auto")
                    .description(
                        "Colour the text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal, never with NO_COLOR set)."),
                lint,
                "color")
            .build());
    spec.addOption(
        bind(
                OptionSpec.builder("--imap")
                    .paramLabel("URL")
                    .type(String.class)
                    .description(
                        "Read the mailbox imap[s]://USER@HOST[:PORT] so timing rules know the thread: a first contact, a follow-up too soon or one too many."),
                lint,
                "imap")
            .build());
    spec.addOption(
        bind(
                OptionSpec.builder("--allow-plaintext")
                    .paramLabel("<allowPlaintext>")
                    .type(boolean.class)
                    .description(
                        "With --imap: allow an unencrypted imap:// connection to a host other than this machine."),
                lint,
                "allowPlaintext")
            .build());
    spec.addPositional(
        bind(
                PositionalParamSpec.builder()
                    .paramLabel("FILE")
                    .arity("1..*")
                    .required(true)
                    .type(List.class)
                    .auxiliaryTypes(String.class)
                    .description("Drafts to check: .eml, .html, .txt, or '-' for standard input."),
                lint,
                "files")
            .build());
    lint.spec = spec;
    return spec;
  }

  /**
   * What {@code mixinStandardHelpOptions = true} adds, without reading picocli's own annotated
   * mixin.
   */
  private static void standardHelpOptions(CommandSpec spec) {
    spec.addOption(
        OptionSpec.builder("-h", "--help")
            .usageHelp(true)
            .paramLabel("<helpRequested>")
            .description("Show this help message and exit.")
            .build());
    spec.addOption(
        OptionSpec.builder("-V", "--version")
            .versionHelp(true)
            .paramLabel("<versionRequested>")
            .description("Print version information and exit.")
            .build());
  }

  private static Map<String, String> exitCodes(String... lines) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : lines) {
      int colon = line.indexOf(':');
      m.put(line.substring(0, colon), line.substring(colon + 1));
    }
    return m;
  }

  /**
   * Binds an option to a field, as picocli binds an annotated one: set when given, else reset to
   * its value now.
   */
  private static OptionSpec.Builder bind(OptionSpec.Builder builder, Object target, String name) {
    FieldAccess access = field(target, name);
    return builder.setter(access).getter(access).initialValue(access.get()).hasInitialValue(true);
  }

  /**
   * Binds parameters to a field, as {@link #bind(OptionSpec.Builder, Object, String)} does an
   * option.
   */
  private static PositionalParamSpec.Builder bind(
      PositionalParamSpec.Builder builder, Object target, String name) {
    FieldAccess access = field(target, name);
    return builder.setter(access).getter(access).initialValue(access.get()).hasInitialValue(true);
  }

  private static FieldAccess field(Object target, String name) {
    try {
      Field f = target.getClass().getDeclaredField(name);
      f.setAccessible(true);
      return new FieldAccess(target, f);
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads and writes one field of a command object, as picocli does for annotated fields. */
  private static final class FieldAccess implements IGetter, ISetter {
    private final Object target;
    private final Field field;

    FieldAccess(Object target, Field field) {
      this.target = target;
      this.field = field;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get() {
      try {
        return (T) field.get(target);
      } catch (IllegalAccessException e) {
        throw new CommandLine.PicocliException("cannot read " + field, e);
      }
    }

    @Override
    public <T> T set(T value) {
      T previous = get();
      try {
        field.set(target, value);
      } catch (IllegalAccessException e) {
        throw new CommandLine.PicocliException("cannot set " + field, e);
      }
      return previous;
    }
  }
}
