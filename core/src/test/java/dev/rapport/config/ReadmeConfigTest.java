package dev.rapport.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rapport.lint.VisaNeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The configuration README.md shows is one a user can copy: it loads, and means what it says. */
class ReadmeConfigTest {

  static List<String> tomlBlocks(Path readme) throws Exception {
    Matcher m = Pattern.compile("(?s)```toml\\n(.*?)```").matcher(Files.readString(readme));
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void everyTomlBlockInTheReadmeLoadsAndBuildsALinter() throws Exception {
    Path readme = Path.of("..", "README.md");
    List<String> blocks = tomlBlocks(readme);
    assertFalse(blocks.isEmpty(), "README.md shows a configuration");
    for (String toml : blocks) {
      // As copied: the plugin folder it names need not exist yet.
      RapportConfig config = RapportConfig.parse(toml, "README.md");
      config.linter().build();
      if (toml.contains("[profile]")) {
        assertEquals(VisaNeed.J1, config.profile().visa());
      }
    }
  }

  @Test
  void aMissingPluginJarElsewhereIsStillAnError() throws Exception {
    RapportConfig config =
        RapportConfig.parse(
            "[lint]\nplugins = [\"/nonexistent/rapport-plugins/typo.jar\"]\n", "test.toml");
    ConfigException e =
        org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> config.linter());
    org.junit.jupiter.api.Assertions.assertTrue(
        e.getMessage().contains("no such file or folder"), e.getMessage());
  }

  @Test
  void theJavaSnippetInTheReadmeCompilesAndPrintsPositionsAsLineColon() throws Exception {
    ReadmeSnippet.assertRuns(Path.of("..", "README.md"));
  }
}
