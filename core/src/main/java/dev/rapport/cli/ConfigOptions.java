package dev.rapport.cli;

import dev.rapport.config.ConfigException;
import dev.rapport.config.RapportConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by commands. */
final class ConfigOptions {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Configuration file (default: rapport.toml in $XDG_CONFIG_HOME/rapport or in ~/.config/rapport, if it exists; or $RAPPORT_CONFIG).")
  @Nullable Path config;

  /** Loads the named file, or the default one if it exists, or the defaults. */
  RapportConfig load(Map<String, String> env) {
    try {
      if (config != null) {
        return RapportConfig.load(config);
      }
      String named = env.get("RAPPORT_CONFIG");
      if (named != null && !named.isBlank()) {
        return RapportConfig.load(Path.of(named));
      }
      Path dflt = RapportConfig.defaultPath(env);
      return Files.isRegularFile(dflt) ? RapportConfig.load(dflt) : RapportConfig.empty();
    } catch (ConfigException e) {
      throw new CliException(Main.USAGE, e.getMessage(), e);
    }
  }
}
