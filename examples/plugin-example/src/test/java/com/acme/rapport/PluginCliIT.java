package com.acme.rapport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.app.Rapport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loads the plugin jar this module builds into the real rapport command line, as a user would. */
class PluginCliIT {

  @TempDir Path home;

  private final Path jar = Path.of(System.getProperty("plugin.jar"));

  private record Result(int exit, String out, String err) {}

  private Result rapport(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        Rapport.run(
            java.util.List.of(args),
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            Map.of("HOME", home.toString()));
    return new Result(exit, out.toString(), err.toString());
  }

  @Test
  void theBuiltJarIsAModularPlugin() {
    assertTrue(
        Files.isRegularFile(jar),
        "run through 'mvn verify': the jar is built in the package phase: " + jar);
  }

  @Test
  void lintWithThePluginShowsItsFinding() throws IOException {
    Path draft =
        Files.writeString(
            home.resolve("draft.eml"),
            "To: Dr. Mei Lee <mlee@rehab.example.edu>\nSubject: =?UTF-8?Q?Observership_question_=F0=9F=99=82?=\n\n"
                + "Dear Dr. Lee,\n\nI read your paper on gait training after stroke.\n\nBest regards,\nAna\n");

    Result r = rapport("lint", "--plugin", jar.toString(), draft.toString());

    assertEquals("", r.err());
    assertTrue(
        r.out()
            .contains(
                draft
                    + ":2:32: warning: The emoji \uD83D\uDE42 reads as casual to someone you have not met. [ACME.NO_EMOJI]"),
        r.out());
  }

  @Test
  void rulesListsThePluginsRule() {
    Result r = rapport("rules", "--plugin", jar.toString());
    assertEquals(0, r.exit(), r.err());
    String name = jar.getFileName().toString().replace(".", "\\.");
    assertTrue(
        r.out()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        "ACME\\.NO_EMOJI +hygiene +warning +plugin "
                            + name
                            + " +Emoji in the subject.*")),
        r.out());
  }

  @Test
  void itsOptionIsCheckedAgainstItsBoundsFromTheConfig() throws IOException {
    Path config =
        Files.writeString(
            home.resolve("rapport.toml"), "[rules.\"ACME.NO_EMOJI\"]\nmaxEmoji = 99\n");
    Result r = rapport("rules", "--config", config.toString(), "--plugin", jar.toString());
    assertEquals(2, r.exit());
    assertEquals(
        "rapport: "
            + config
            + ": rule ACME.NO_EMOJI: option 'maxEmoji' must be between 0 and 20, not 99",
        r.err().strip());
  }

  /** The README's configuration is the one users copy: it must load. */
  @Test
  void theReadmesTomlIsAValidConfiguration() throws IOException {
    String readme = Files.readString(Path.of(System.getProperty("plugin.readme")));
    Matcher m = Pattern.compile("```toml\n(.*?)```", Pattern.DOTALL).matcher(readme);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      Path config =
          Files.writeString(
              home.resolve("readme-" + blocks + ".toml"),
              m.group(1).replace("path/to/rapport-plugin-example.jar", jar.toString()));
      Result r = rapport("rules", "--config", config.toString());
      assertEquals(0, r.exit(), "README toml block " + blocks + ": " + r.err());
    }
    assertTrue(blocks >= 2, "the README shows its configuration in ```toml blocks");
  }
}
