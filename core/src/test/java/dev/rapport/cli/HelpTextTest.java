package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every --help reads well at 80 columns: nothing wider, no word or path broken in the middle. */
class HelpTextTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "lint", "sendmail", "rules", "status", "watch"})
  void helpIsWrappedAtWordBoundariesAt80Columns(String command) {
    Cli r = command.isEmpty() ? Cli.run("--help") : Cli.run(command, "--help");
    assertEquals(0, r.exit, r.toString());
    // The same help unwrapped: a break is mid-token when the words on either side of it are glued
    // there.
    picocli.CommandLine all =
        Main.allCommands(java.io.InputStream.nullInputStream(), java.util.Map.of());
    picocli.CommandLine cl = command.isEmpty() ? all : all.getSubcommands().get(command);
    cl.setUsageHelpWidth(1000);
    String wide = cl.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF);
    List<String> lines = r.out.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      assertTrue(line.length() <= 80, "wider than 80 columns: " + line);
      if (i + 1 < lines.size() && !line.isBlank() && !lines.get(i + 1).isBlank()) {
        String last = line.substring(line.stripTrailing().lastIndexOf(' ') + 1).strip();
        String first = lines.get(i + 1).strip().split(" ", 2)[0];
        boolean glued = wide.contains(last + first) && !wide.contains(last + " " + first);
        assertTrue(!glued, "broken mid-token:\n" + line + "\n" + lines.get(i + 1));
      }
    }
    if (!command.isEmpty() && !command.equals("help")) {
      assertTrue(r.out.contains("  3   internal error"), "exit code 3 listed:\n" + r.out);
    }
  }

  @org.junit.jupiter.api.Test
  void theCommandListGivesEveryCommandAWholeSentence() {
    Cli r = Cli.run("--help");
    String list = r.out.substring(r.out.indexOf("Commands:"), r.out.indexOf("Exit codes:"));
    for (String block : list.split("\n  (?=\\w)")) {
      String text = block.strip();
      if (!text.startsWith("Commands:")) {
        assertTrue(text.endsWith("."), "ends mid-sentence: " + text);
      }
    }
  }
}
