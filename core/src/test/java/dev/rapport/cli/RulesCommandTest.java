package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rapport rules}: what a rule written in the configuration is called (issue 15, item 10).
 */
class RulesCommandTest {

  @TempDir Path dir;

  @Test
  void aRuleFromTheConfigIsListedAsConfigDotIdAndTheListSaysWhy() throws Exception {
    Path config = dir.resolve("rapport.toml");
    Files.writeString(
        config,
        "[[checks.flag]]\nid = \"NO_SIR_MADAM\"\nphrases = [\"dear sir or madam\"]\nmessage = \"Greet them by name.\"\n");
    Cli r = Cli.run("rules", "--config", config.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.lines().anyMatch(l -> l.startsWith("CONFIG.NO_SIR_MADAM ")), r.out);
    assertTrue(r.out.contains("reported as CONFIG.<id>"), r.out);
    // The lint reports it by the same id.
    Path draft = dir.resolve("d.txt");
    Files.writeString(draft, "Dear Sir or Madam,\n\nCould we talk for 15 minutes?\n\nBest,\nAna\n");
    Cli lint = Cli.run("lint", "--color=never", "--config", config.toString(), draft.toString());
    assertTrue(lint.out.contains("[CONFIG.NO_SIR_MADAM]"), lint.out);
  }

  @Test
  void withoutConfigRulesTheNoteIsLeftOut() {
    Cli r = Cli.run("rules");
    assertEquals(0, r.exit, r.toString());
    assertFalse(r.out.contains("CONFIG."), r.out);
  }
}
