package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The lint command line built in code (LintSpec) must be the one the annotations on Main and
 * LintCommand describe: an option added to the annotations and not to LintSpec fails here.
 */
class LintSpecTest {

  private static CommandLine annotated() {
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand("lint", new LintCommand());
    return cl;
  }

  private static CommandLine built() {
    CommandLine cl = new CommandLine(LintSpec.main(new Main()));
    cl.addSubcommand("lint", new CommandLine(LintSpec.lint(new LintCommand())));
    return cl;
  }

  @Test
  void lintHelpIsTheSameAsTheAnnotatedCommands() {
    assertEquals(
        usage(annotated().getSubcommands().get("lint")),
        usage(built().getSubcommands().get("lint")));
  }

  @Test
  void topLevelHelpIsTheSameAsTheAnnotatedCommands() {
    assertEquals(usage(annotated()), usage(built()));
    assertEquals(
        List.of(annotated().getCommandSpec().versionProvider().getClass()),
        List.of(built().getCommandSpec().versionProvider().getClass()));
  }

  @Test
  void lintTakesTheSameOptionsAndParameters() {
    assertEquals(
        describe(annotated().getSubcommands().get("lint").getCommandSpec()),
        describe(built().getSubcommands().get("lint").getCommandSpec()));
    assertEquals(describe(annotated().getCommandSpec()), describe(built().getCommandSpec()));
  }

  @Test
  void optionsReachTheCommandsFields() {
    LintCommand lint = new LintCommand();
    CommandLine cl = new CommandLine(LintSpec.main(new Main()));
    cl.addSubcommand("lint", new CommandLine(LintSpec.lint(lint)));
    cl.parseArgs(
        "lint",
        "--format",
        "json",
        "--color",
        "never",
        "--fail-under",
        "70",
        "--config",
        "c.toml",
        "--plugin",
        "a.jar",
        "--plugin",
        "b",
        "--imap",
        "imaps://me@example.org",
        "--allow-plaintext",
        "x.eml",
        "-");
    assertEquals(LintCommand.Format.json, lint.format);
    assertEquals(LintCommand.Color.never, lint.color);
    assertEquals(70, lint.settings.failUnder);
    assertEquals("c.toml", String.valueOf(lint.settings.configOptions.config));
    assertEquals(
        List.of("a.jar", "b"),
        lint.settings.pluginOptions.plugins.stream().map(String::valueOf).toList());
    assertEquals("imaps://me@example.org", lint.imap);
    assertEquals(true, lint.allowPlaintext);
    assertEquals(List.of("x.eml", "-"), lint.files);
  }

  private static String usage(CommandLine cl) {
    return cl.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private static List<String> describe(CommandSpec spec) {
    List<String> out = new ArrayList<>();
    for (OptionSpec o : spec.options()) {
      out.add(
          String.join("|", o.names())
              + " "
              + common(o)
              + " usageHelp="
              + o.usageHelp()
              + " versionHelp="
              + o.versionHelp()
              + " negatable="
              + o.negatable()
              + " order="
              + o.order());
    }
    for (PositionalParamSpec p : spec.positionalParameters()) {
      out.add("positional " + p.index() + " " + common(p));
    }
    out.sort(null);
    return out;
  }

  private static String common(ArgSpec a) {
    return "label="
        + a.paramLabel()
        + " type="
        + a.type().getName()
        + " aux="
        + List.of(a.auxiliaryTypes())
        + " arity="
        + a.arity()
        + " default="
        + a.defaultValue()
        + " required="
        + a.required()
        + " hidden="
        + a.hidden()
        + " interactive="
        + a.interactive()
        + " split="
        + a.splitRegex()
        + " description="
        + List.of(a.description());
  }
}
