package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.lint.PluginJarBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --plugin}, {@code lint.plugins}, {@code [checks]} and {@code rapport rules}, through
 * {@link Main#run}.
 */
class PluginCommandsTest {

  @TempDir Path tmp;

  private Path plugin;
  private Path draft;

  private record Result(int exit, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // HOME points at an empty folder: no user configuration leaks into the test.
    int exit =
        Main.run(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(new byte[0]),
            Map.of("HOME", tmp.toString()));
    return new Result(exit, out.toString(), err.toString());
  }

  private static Path wordPlugin(Path jar, String pkg, String id, String word) throws IOException {
    Files.createDirectories(jar.getParent());
    return new PluginJarBuilder()
        .source(pkg + ".WordRule", PluginJarBuilder.wordRule(pkg + ".WordRule", id, word))
        .service(pkg + ".WordRule")
        .build(jar);
  }

  @BeforeEach
  void pluginAndDraft() throws IOException {
    plugin = wordPlugin(tmp.resolve("plugins/acme.jar"), "com.acme", "ACME.URGENT", "URGENT");
    draft =
        Files.writeString(
            tmp.resolve("draft.txt"), "Dear Dr. Lee,\n\nThis is URGENT.\n\nBest,\nAna\n");
  }

  private static void assertOneLineError(Result r, String startsWith) {
    assertEquals(Main.USAGE, r.exit(), r.err());
    assertEquals("", r.out(), "nothing on standard output");
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith(startsWith), r.err());
  }

  @Test
  void lintWithAPluginShowsItsFinding() {
    Result r = run("lint", "--plugin", plugin.toString(), draft.toString());
    assertTrue(
        r.out().contains(draft + ":3:9: warning: The word URGENT is here. [ACME.URGENT]"), r.out());
    assertEquals("", r.err());
  }

  @Test
  void pluginsInTheConfigAreFoundRelativeToIt() throws IOException {
    Path config =
        Files.writeString(tmp.resolve("rapport.toml"), "[lint]\nplugins = [\"plugins\"]\n");
    Result r = run("lint", "--format", "json", "--config", config.toString(), draft.toString());
    JsonNode findings = new ObjectMapper().readTree(r.out()).get(0).get("findings");
    List<String> rules = new ArrayList<>();
    findings.forEach(f -> rules.add(f.get("rule").asText()));
    assertTrue(rules.contains("ACME.URGENT"), r.out());
  }

  @Test
  void aMissingPluginIsAOneLineUsageError() {
    Path missing = tmp.resolve("nope.jar");
    assertOneLineError(
        run("lint", "--plugin", missing.toString(), draft.toString()),
        "rapport: cannot load plugin " + missing + ": no such file");
  }

  @Test
  void aMissingPluginInTheConfigNamesTheFileAndKey() throws IOException {
    Path config =
        Files.writeString(tmp.resolve("rapport.toml"), "[lint]\nplugins = [\"gone.jar\"]\n");
    assertOneLineError(
        run("rules", "--config", config.toString()),
        "rapport: " + config + ": lint.plugins: cannot load plugin ");
  }

  @Test
  void clashingPluginsAreAOneLineUsageError() throws IOException {
    Path copy = wordPlugin(tmp.resolve("other/copy.jar"), "com.copy", "ACME.URGENT", "ASAP");
    assertOneLineError(
        run("lint", "--plugin", plugin.toString(), "--plugin", copy.toString(), draft.toString()),
        "rapport: cannot load plugin "
            + copy
            + ": rule id ACME.URGENT (com.copy.WordRule) is already taken by com.acme.WordRule (plugin acme.jar)");
  }

  @Test
  void aPluginOptionOutOfBoundsInTheConfigIsAUsageError() throws IOException {
    Path config =
        Files.writeString(tmp.resolve("rapport.toml"), "[rules.\"ACME.URGENT\"]\ndeduction = 80\n");
    assertOneLineError(
        run("lint", "--config", config.toString(), "--plugin", plugin.toString(), draft.toString()),
        "rapport: "
            + config
            + ": rule ACME.URGENT: option 'deduction' must be between 0 and 50, not 80");
  }

  @Test
  void aPluginOptionInTheConfigIsUsed() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("rapport.toml"),
            "[rules.\"ACME.URGENT\"]\ndeduction = 7\nseverity = \"error\"\n");
    Result r =
        run(
            "lint",
            "--format",
            "json",
            "--config",
            config.toString(),
            "--plugin",
            plugin.toString(),
            draft.toString());
    assertEquals(Main.FINDINGS, r.exit(), "an error finding fails the draft");
    JsonNode f =
        new ObjectMapper()
            .readTree(r.out()).get(0).get("findings").findParents("rule").stream()
                .filter(n -> n.get("rule").asText().equals("ACME.URGENT"))
                .findFirst()
                .orElseThrow();
    assertEquals(7, f.get("deduction").asInt());
    assertEquals("error", f.get("severity").asText());
  }

  @Test
  void anUnquotedPluginIdInTheConfigGetsAHint() throws IOException {
    Path config =
        Files.writeString(tmp.resolve("rapport.toml"), "[rules.ACME.URGENT]\ndeduction = 7\n");
    assertOneLineError(
        run("rules", "--config", config.toString(), "--plugin", plugin.toString()),
        "rapport: "
            + config
            + ": rules.ACME.URGENT is a table; quote a rule id that has a dot: [rules.\"ACME.URGENT\"]");
  }

  @Test
  void aPluginRuleThatThrowsLeavesTheLintStanding() throws IOException {
    Path broken =
        new PluginJarBuilder()
            .source(
                "com.boom.Boom",
                """
                package com.boom;
                import dev.rapport.lint.*;
                import java.util.List;
                public final class Boom implements Rule {
                  public String id() { return "BOOM.ALWAYS"; }
                  public Dimension dimension() { return Dimension.SPECIFICITY; }
                  public String description() { return "Always fails."; }
                  public List<RuleExample> examples() { return List.of(); }
                  public void check(LintContext c, Reporter r) { throw new ArrayIndexOutOfBoundsException(3); }
                }
                """)
            .service("com.boom.Boom")
            .build(tmp.resolve("boom.jar"));
    Result r =
        run("lint", "--plugin", broken.toString(), "--plugin", plugin.toString(), draft.toString());
    assertEquals("", r.err());
    assertTrue(
        r.out()
            .contains(
                "info: Rule BOOM.ALWAYS failed (ArrayIndexOutOfBoundsException: Array index out of range: 3); its findings are left out. [BOOM.ALWAYS]"),
        r.out());
    assertTrue(r.out().contains("[ACME.URGENT]"), "the other plugin's finding stands: " + r.out());
  }

  @Test
  void sendmailRefusesAMessageAPluginRuleFails() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("rapport.toml"), "[rules.\"ACME.URGENT\"]\nseverity = \"error\"\n");
    Path ran = tmp.resolve("ran");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    byte[] message =
        "To: lee@example.edu\r\nSubject: Visit\r\n\r\nDear Dr. Lee,\r\n\r\nThis is URGENT.\r\n\r\nAna\r\n"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int exit =
        Main.run(
            new String[] {
              "sendmail",
              "--config",
              config.toString(),
              "--plugin",
              plugin.toString(),
              "--",
              "touch",
              ran.toString()
            },
            new PrintWriter(out),
            new PrintWriter(err),
            new ByteArrayInputStream(message),
            Map.of("HOME", tmp.toString()));
    assertEquals(Main.FINDINGS, exit, err.toString());
    assertTrue(err.toString().contains("ACME.URGENT"), err.toString());
    assertTrue(Files.notExists(ran), "the real sendmail was not run");
  }

  @Test
  void rulesListsBuiltInConfigAndPluginRules() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("rapport.toml"),
            """
        [[checks.substitute]]
        id = "PLAIN_WORDS"
        swap = { utilize = "use" }
        dimension = "brevity"
        """);
    Result r = run("rules", "--config", config.toString(), "--plugin", plugin.toString());
    assertEquals(Main.OK, r.exit(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).matches("ID +DIMENSION +SEVERITY +ORIGIN +DESCRIPTION"), lines.get(0));
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "UNFILLED_PLACEHOLDER +hygiene +error +built-in +Template placeholders.*")),
        r.out());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "CONFIG\\.PLAIN_WORDS +brevity +warning +config +Suggests \u201cuse\u201d for \u201cutilize\u201d\\.")),
        r.out());
    assertTrue(
        lines.stream()
            .anyMatch(
                l ->
                    l.matches(
                        "ACME\\.URGENT +hygiene +warning +plugin acme\\.jar +Flags the word URGENT\\.")),
        r.out());
  }

  @Test
  void rulesAsJsonCarryOptionsWithBoundsAndValues() throws IOException {
    Path config =
        Files.writeString(tmp.resolve("rapport.toml"), "[rules.\"ACME.URGENT\"]\ndeduction = 9\n");
    Result r =
        run(
            "rules",
            "--format",
            "json",
            "--config",
            config.toString(),
            "--plugin",
            plugin.toString());
    assertEquals(Main.OK, r.exit(), r.err());
    JsonNode all = new ObjectMapper().readTree(r.out());
    JsonNode acme = null;
    for (JsonNode n : all) {
      if (n.get("id").asText().equals("ACME.URGENT")) {
        acme = n;
      }
    }
    assertTrue(acme != null, r.out());
    assertEquals("hygiene", acme.get("dimension").asText());
    assertEquals("warning", acme.get("severity").asText());
    assertEquals("plugin acme.jar", acme.get("origin").asText());
    assertEquals("Flags the word URGENT.", acme.get("description").asText());
    JsonNode opt = acme.get("options").get(0);
    assertEquals("deduction", opt.get("name").asText());
    assertEquals("integer", opt.get("type").asText());
    assertEquals(5, opt.get("default").asInt());
    assertEquals(0, opt.get("min").asInt());
    assertEquals(50, opt.get("max").asInt());
    assertEquals(9, opt.get("value").asInt());
  }

  @Test
  void aBadChecksSectionIsAOneLineUsageError() throws IOException {
    Path config =
        Files.writeString(
            tmp.resolve("rapport.toml"), "[[checks.flag]]\nid = \"asap\"\nphrases = [\"asap\"]\n");
    assertOneLineError(
        run("lint", "--config", config.toString(), draft.toString()),
        "rapport: " + config + ": checks.flag[0].id must look like");
  }
}
