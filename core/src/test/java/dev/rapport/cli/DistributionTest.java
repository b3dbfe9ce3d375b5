package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the distribution carries: a launcher that works through symlinks, man pages and completion.
 */
class DistributionTest {

  private static final Path REPO =
      Path.of(System.getProperty("basedir", ".")).resolve("..").toAbsolutePath().normalize();

  @TempDir Path tmp;

  @Test
  void theLauncherFindsItsJarThroughASymlink() throws Exception {
    Path link = tmp.resolve("bin/rapport");
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, REPO.resolve("bin/rapport"));
    ProcessBuilder pb =
        new ProcessBuilder("sh", link.toString(), "--version").redirectErrorStream(true);
    pb.environment().remove("RAPPORT_JAR");
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    Path jar = REPO.resolve("core/target/rapport.jar");
    if (Files.isReadable(jar)) {
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.startsWith("rapport "), out);
    } else {
      // Before `package` the jar is not there yet: the launcher must still have looked in the right
      // place.
      assertEquals(2, p.exitValue(), out);
      assertTrue(
          out.contains("cannot read " + REPO.resolve("bin") + "/../core/target/rapport.jar"), out);
    }
  }

  @Test
  void theLauncherSaysSoWhenTheJarIsMissingAndExits2() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("sh", REPO.resolve("bin/rapport").toString(), "lint", "-")
            .redirectErrorStream(true);
    pb.environment().put("RAPPORT_JAR", tmp.resolve("no.jar").toString());
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue(), out);
    assertEquals(1, out.strip().lines().count(), out);
  }

  @Test
  void manPagesAndCompletionComeFromTheCommandModel() throws Exception {
    DocGen.main(new String[] {tmp.toString()});
    for (String name :
        List.of(
            "rapport",
            "rapport-lint",
            "rapport-sendmail",
            "rapport-rules",
            "rapport-status",
            "rapport-watch")) {
      String page = Files.readString(tmp.resolve("man/man1/" + name + ".1"));
      assertTrue(
          page.contains(
              ".TH " + name.toUpperCase(java.util.Locale.ROOT).replace("-", "\\-") + " 1"),
          name);
      assertTrue(page.contains(".SH SYNOPSIS") && page.contains(".SH EXIT STATUS"), name);
    }
    String lint = Files.readString(tmp.resolve("man/man1/rapport-lint.1"));
    assertTrue(lint.contains("\\fB\\-\\-fail\\-under\\fR=\\fIN\\fR"), lint);
    String bash = Files.readString(tmp.resolve("completion/rapport.bash"));
    assertTrue(
        bash.contains("complete -F _complete_rapport") || bash.contains("_complete_rapport"),
        "a bash completion function");
    assertTrue(
        bash.contains("--fail-under") && bash.contains("sendmail"),
        "knows the options and commands");
    String zsh = Files.readString(tmp.resolve("completion/_rapport"));
    assertTrue(zsh.startsWith("#compdef rapport\n"), "a zsh completion function");
    assertTrue(
        zsh.contains(
            "'--format=[Output format\\: text, json (default\\: text)]:FORMAT:(text json)'"),
        zsh);
  }

  /**
   * The generated _rapport, loaded by compinit in a real interactive zsh, completes commands,
   * options and values.
   */
  @Test
  void zshCompletesCommandsOptionsAndValues() throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/zsh"));
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(installed, "zsh not installed: apt-get install zsh");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(installed, "zsh not installed");
    DocGen.main(new String[] {tmp.toString()});
    Path script = tmp.resolve("complete.zsh");
    Files.writeString(
        script,
        String.join(
            "\n",
            "zmodload zsh/zpty",
            "zpty z 'zsh -f -i'",
            "zpty -w z \"fpath=($1 \\$fpath); autoload -U compinit; compinit -u -D; PS1='> '; rapport() { :; }\"",
            "zpty -w -n z $'rapport lint --form\\t'",
            "sleep 2",
            "zpty -w -n z $'\\nrapport sta\\t'",
            "sleep 2",
            "zpty -w -n z $'\\nrapport lint --format=\\t\\t'",
            "sleep 2",
            "out=''",
            "while zpty -r -t z line; do out+=$line; done",
            "print -r -- $out",
            "zpty -d z",
            ""));
    Process p =
        new ProcessBuilder("zsh", "-f", script.toString(), tmp.resolve("completion").toString())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = rendered(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    assertTrue(out.contains("rapport lint --format="), "an option completed: " + out);
    assertTrue(out.contains("rapport status"), "a command completed: " + out);
    assertTrue(out.contains("json  text"), "an option's values listed: " + out);
  }

  /**
   * What a terminal would show of zsh's output, near enough to search: escape sequences dropped, a
   * backspace takes back the character before it (zsh redraws a completed word that way), other
   * control characters dropped.
   */
  static String rendered(String raw) {
    String s =
        raw.replaceAll("\u001b\\[[0-9;?]*[ -/]*[@-~]", "")
            .replaceAll("\u001b[()][0-9A-Za-z]", "")
            .replaceAll("\u001b[ -~]", "");
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '\b') {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
          out.setLength(out.length() - 1);
        }
      } else if (c == '\n' || c >= ' ') {
        out.append(c);
      }
    }
    return out.toString();
  }
}
