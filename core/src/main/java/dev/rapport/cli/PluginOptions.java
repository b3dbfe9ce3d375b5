package dev.rapport.cli;

import dev.rapport.config.ConfigException;
import dev.rapport.config.RapportConfig;
import dev.rapport.lint.Linter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --plugin} option of commands that lint, and the linter they build from it and the
 * configuration.
 */
final class PluginOptions {

  @Option(
      names = "--plugin",
      paramLabel = "DIR_OR_JAR",
      description =
          "Load rules from a plugin jar, or from every jar in a folder; repeatable, in addition to lint.plugins in the config.")
  List<Path> plugins = new ArrayList<>();

  /**
   * Builds the linter: the configuration's settings, rules and plugins, then these plugins.
   *
   * @throws CliException (exit 2) with one line naming the file, plugin or rule at fault
   */
  Linter linter(RapportConfig config) {
    Linter.Builder b;
    try {
      b = config.linter();
    } catch (ConfigException e) {
      throw new CliException(Main.USAGE, e.getMessage(), e);
    }
    for (Path p : plugins) {
      try {
        b.plugins(p);
      } catch (IllegalArgumentException e) {
        throw new CliException(Main.USAGE, e.getMessage(), e);
      }
    }
    try {
      return b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Unknown ids and options out of bounds come from the configuration's [rules] settings.
      throw new CliException(Main.USAGE, config.source() + ": " + e.getMessage(), e);
    }
  }
}
