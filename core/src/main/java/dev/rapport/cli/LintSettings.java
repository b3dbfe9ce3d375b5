package dev.rapport.cli;

import dev.rapport.config.RapportConfig;
import dev.rapport.lint.Linter;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What every command that lints takes: {@code --config}, {@code --plugin} and {@code --fail-under}.
 */
final class LintSettings {

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Mixin PluginOptions pluginOptions = new PluginOptions();

  @Option(
      names = "--fail-under",
      paramLabel = "N",
      description =
          "Fail a draft whose overall score is under N (0-100; default: lint.failUnder from the config, else 0).")
  @Nullable Integer failUnder;

  /**
   * The configuration, the linter it describes and the pass mark, resolved once per run; {@code
   * explicit} says whether the pass mark was set (by --fail-under or lint.failUnder) or is the
   * default.
   */
  record Resolved(RapportConfig config, Linter linter, int failUnder, boolean explicit) {}

  /**
   * Reads the configuration and builds the linter.
   *
   * @throws CliException (exit 2) for a bad --fail-under, configuration or plugin
   */
  Resolved resolve(Map<String, String> env) {
    if (failUnder != null && (failUnder < 0 || failUnder > 100)) {
      throw new CliException(
          Main.USAGE, "--fail-under must be between 0 and 100, not " + failUnder);
    }
    RapportConfig config = configOptions.load(env);
    return new Resolved(
        config,
        pluginOptions.linter(config),
        failUnder != null ? failUnder : config.failUnder(),
        failUnder != null || config.failUnderSet());
  }
}
