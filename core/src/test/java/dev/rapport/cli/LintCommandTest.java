package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {

  @TempDir Path dir;

  private static final String GOOD =
      "To: Dr. Lena Hartmann <lhartmann@example.edu>\nSubject: IMG from Nigeria: 15-minute call about SCI rehab research\n\n"
          + "Dear Dr. Hartmann,\n\nI am a final-year medical student at the University of Lagos, Nigeria, and I hope to train in "
          + "physical medicine and rehabilitation. Your 2025 paper on robotic gait training after incomplete spinal cord "
          + "injury changed how our ward sets early walking goals.\n\nWould you have 15 minutes for a video call in the next "
          + "few weeks? I would like to ask how you chose your first research questions. I am not a US citizen and would "
          + "need J-1 sponsorship for residency.\n\nThank you for considering my request.\n\nSincerely,\nChidinma Okeke\n";

  private static final String PLACEHOLDER =
      "To: a@example.edu\nSubject: Research question\n\nDear Dr. [Last Name],\n\nI read your work.\n\nBest,\nAna\n";

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {"Dear Dr. [Last Name],", "Dear Dr. [Last Name]:", "Hello:", "Dr. [Last Name],"})
  void headerlessDraftGetsTheSameVerdictWhateverItsNameOrRoute(String greeting) throws Exception {
    String body =
        GOOD.substring(GOOD.indexOf("\n\n") + 2)
            .replace("Dear Dr. Hartmann,", greeting + " Dear Dr. [Last Name],");
    Cli txt = Cli.run("lint", "--color=never", file("d.txt", body).toString());
    Cli eml = Cli.run("lint", "--color=never", file("d.eml", body).toString());
    Cli stdin =
        Cli.run(
            new java.io.ByteArrayInputStream(
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            java.util.Map.of(),
            "lint",
            "--color=never",
            "-");
    assertEquals(1, txt.exit, txt.toString());
    assertEquals(txt.exit, eml.exit, eml.toString());
    assertEquals(txt.exit, stdin.exit, stdin.toString());
    assertEquals(txt.out.replace("d.txt", "D"), eml.out.replace("d.eml", "D"));
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"\n\n", "\n", "\r\n"})
  void aPlainTextDraftWithALeadingSubjectLineGetsTheSameVerdictAsTxtEmlAndStdin(String after)
      throws Exception {
    // Issue 15, item 4: "Subject: …", a blank line (or none), then the draft, saved as mine.txt.
    String draft =
        "Subject: IMG from Nigeria: 15-minute call about SCI rehab research"
            + after
            + GOOD.substring(GOOD.indexOf("\n\n") + 2);
    Cli txt = Cli.run("lint", "--color=never", "--format=json", file("mine.txt", draft).toString());
    Cli eml = Cli.run("lint", "--color=never", "--format=json", file("mine.eml", draft).toString());
    Cli stdin =
        Cli.run(
            new java.io.ByteArrayInputStream(draft.getBytes(StandardCharsets.UTF_8)),
            java.util.Map.of(),
            "lint",
            "--color=never",
            "--format=json",
            "-");
    ObjectMapper json = new ObjectMapper();
    JsonNode t = json.readTree(txt.out).get(0);
    for (Cli other : List.of(eml, stdin)) {
      JsonNode o = json.readTree(other.out).get(0);
      assertEquals(t.get("overall"), o.get("overall"), other.toString());
      assertEquals(t.get("findings").toString(), o.get("findings").toString(), other.toString());
    }
    assertFalse(
        txt.out.contains("NO_GREETING"),
        "the greeting is found under the Subject line: " + txt.out);
    assertFalse(txt.out.contains("SUBJECT_MISSING"), "the Subject line is the subject: " + txt.out);
    Cli text =
        Cli.run(
            "lint",
            "--color=never",
            file("mine.txt", draft.replace("Dear Dr. Hartmann", "Dear Dr. [Last Name]"))
                .toString());
    // Positions are still those of the file: the greeting is on line 2 (no blank line) or 3.
    assertTrue(
        text.out.contains("mine.txt:" + (after.equals("\n\n") ? 3 : 2) + ":10: error:"), text.out);
  }

  @Test
  void theIgnoreHeaderLeavesOutTheRulesItNamesAndSaysSo() throws Exception {
    String generic = GOOD.replace("Dear Dr. Hartmann,", "Dear Sir or Madam,");
    Cli plain =
        Cli.run("lint", "--color=never", "--format=json", file("a.eml", generic).toString());
    assertTrue(plain.out.contains("\"GENERIC_GREETING\""), plain.toString());
    String ignoring =
        generic.replace("Subject:", "X-Rapport-Ignore: generic_greeting, NO_SIR_MADAM\nSubject:");
    Path config =
        file(
            "rapport.toml",
            "[[checks.flag]]\nid = \"NO_SIR_MADAM\"\nphrases = [\"dear sir or madam\"]\nmessage = \"Greet them by name.\"\n");
    Cli r =
        Cli.run(
            "lint",
            "--color=never",
            "--format=json",
            "--config",
            config.toString(),
            file("b.eml", ignoring).toString());
    assertFalse(r.out.contains("\"GENERIC_GREETING\""), r.toString());
    assertTrue(
        r.out.contains("CONFIG.NO_SIR_MADAM"), "a name that is no rule ignores nothing: " + r);
    assertTrue(r.err.contains("not checked for GENERIC_GREETING"), r.err);
    assertTrue(
        r.err.contains(
            "X-Rapport-Ignore: no rule NO_SIR_MADAM (did you mean CONFIG.NO_SIR_MADAM?)"),
        r.err);
    JsonNode before = new ObjectMapper().readTree(plain.out).get(0);
    Cli only =
        Cli.run(
            "lint",
            "--color=never",
            "--format=json",
            file(
                    "c.eml",
                    generic.replace("Subject:", "X-Rapport-Ignore: GENERIC_GREETING\nSubject:"))
                .toString());
    JsonNode after = new ObjectMapper().readTree(only.out).get(0);
    assertTrue(
        after.get("overall").asInt() >= before.get("overall").asInt(),
        "the false positive costs nothing: " + only);
    assertEquals(before.get("findings").size() - 1, after.get("findings").size(), only.toString());
  }

  private Path file(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void goodDraftPassesWithExitZero() throws Exception {
    Cli r = Cli.run("lint", "--color=never", file("good.eml", GOOD).toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.out.contains("good.eml: "), r.out);
    assertTrue(r.out.contains(": pass"), r.out);
  }

  @Test
  void errorFindingFailsWithExitOneAndPointsAtTheFileLine() throws Exception {
    Path p = file("bad.eml", PLACEHOLDER);
    Cli r = Cli.run("lint", "--color=never", p.toString());
    assertEquals(1, r.exit, r.toString());
    assertTrue(r.out.contains(p + ":4:10: error: "), r.out);
    assertTrue(r.out.contains("[UNFILLED_PLACEHOLDER]"), r.out);
    assertTrue(
        r.out.contains("             ^~~~~~~~~~~"), "underlined under the placeholder:\n" + r.out);
  }

  @Test
  void jsonFollowsTheContract() throws Exception {
    Cli r =
        Cli.run(
            "lint",
            "--format",
            "json",
            file("bad.eml", PLACEHOLDER).toString(),
            file("good.eml", GOOD).toString());
    assertEquals(1, r.exit, r.toString());
    JsonNode arr = new ObjectMapper().readTree(r.out);
    assertEquals(2, arr.size());
    JsonNode bad = arr.get(0);
    assertTrue(bad.get("file").asText().endsWith("bad.eml"));
    assertTrue(bad.get("overall").isInt());
    for (String k : List.of("brevity", "specificity", "personalization", "visaTransparency")) {
      int v = bad.get("dimensions").get(k).asInt(-1);
      assertTrue(v >= 0 && v <= 100, k);
    }
    JsonNode f = null;
    for (JsonNode x : bad.get("findings")) {
      if (x.get("rule").asText().equals("UNFILLED_PLACEHOLDER")) {
        f = x;
      }
    }
    assertTrue(f != null, r.out);
    assertEquals("error", f.get("severity").asText());
    assertEquals("hygiene", f.get("dimension").asText());
    assertEquals(4, f.get("line").asInt());
    assertEquals(10, f.get("column").asInt());
    assertEquals(11, f.get("length").asInt());
    assertEquals(
        "[Last Name]",
        "Dear Dr. [Last Name],".substring(f.get("offset").asInt(), f.get("offset").asInt() + 11));
    for (String k :
        List.of(
            "rule",
            "severity",
            "dimension",
            "line",
            "column",
            "offset",
            "length",
            "message",
            "suggestion")) {
      assertTrue(f.has(k), k);
    }
  }

  @Test
  void standardInputIsReadWithDash() {
    Cli r = Cli.withStdin(PLACEHOLDER, "lint", "--format=json", "-");
    assertEquals(1, r.exit, r.toString());
    assertTrue(r.out.contains("\"file\" : \"-\""), r.out);
  }

  @Test
  void failUnderFailsALowScoringDraftWithoutErrors() throws Exception {
    Path p = file("short.txt", "Dear Dr. Lee,\n\nCan we talk?\n\nBest,\nAna\n");
    assertEquals(0, Cli.run("lint", p.toString()).exit);
    Cli r = Cli.run("lint", "--fail-under", "100", p.toString());
    assertEquals(1, r.exit, r.toString());
    assertTrue(r.out.contains("under 100"), r.out);
  }

  @Test
  void unreadableInputIsExitTwoWithOneLine() throws Exception {
    Path bin = dir.resolve("x.bin");
    Files.write(bin, new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 0, 1, 2, 3});
    Cli r = Cli.run("lint", bin.toString(), dir.resolve("missing.eml").toString());
    assertEquals(2, r.exit, r.toString());
    List<String> lines = r.err.lines().toList();
    assertEquals(2, lines.size(), r.err);
    assertTrue(lines.get(0).contains("binary data"), r.err);
    assertTrue(lines.get(1).contains("no such file"), r.err);
    assertFalse(r.err.contains("Exception"), r.err);
  }

  @Test
  void unreadableInputWinsOverFindingsInTheExitCode() throws Exception {
    Cli r =
        Cli.run(
            "lint", file("bad.eml", PLACEHOLDER).toString(), dir.resolve("nope.txt").toString());
    assertEquals(2, r.exit, r.toString());
  }

  @Test
  void usageErrorsAreExitTwo() {
    assertEquals(2, Cli.run("lint").exit);
    assertEquals(2, Cli.run("lint", "--format", "yaml", "x").exit);
    assertEquals(2, Cli.run("lint", "--fail-under", "101", "x").exit);
    assertEquals(2, Cli.run("frobnicate").exit);
  }

  @Test
  void helpGoesToStdoutWithExitZero() {
    Cli r = Cli.run("lint", "--help");
    assertEquals(0, r.exit);
    assertTrue(r.out.contains("--fail-under"), r.out);
    assertEquals("", r.err);
  }

  @Test
  void badConfigurationIsOneLineExitTwo() throws Exception {
    Path cfg = file("rapport.toml", "[profile]\nvisa = \"F-1\"\n");
    Cli r = Cli.run("lint", "--config", cfg.toString(), file("good.eml", GOOD).toString());
    assertEquals(2, r.exit, r.toString());
    assertEquals(1, r.err.lines().count(), r.err);
    assertTrue(r.err.contains("profile.visa"), r.err);

    Path typo = file("typo.toml", "[rules.BODY_LENGTH]\nidealMaxx = 10\n");
    r = Cli.run("lint", "--config", typo.toString(), file("good.eml", GOOD).toString());
    assertEquals(2, r.exit, r.toString());
    assertTrue(r.err.contains("idealMaxx"), r.err);

    Path syntax = file("broken.toml", "[profile\nname = 1\n");
    r = Cli.run("lint", "--config", syntax.toString(), file("good.eml", GOOD).toString());
    assertEquals(2, r.exit, r.toString());
    assertTrue(r.err.startsWith("rapport: invalid TOML in "), r.err);
  }

  @Test
  void configurationSwitchesARuleOffAndRegradesAnother() throws Exception {
    Path bad = file("bad.eml", PLACEHOLDER);
    Path off = file("off.toml", "[rules.UNFILLED_PLACEHOLDER]\nseverity = \"off\"\n");
    Cli r = Cli.run("lint", "--config", off.toString(), "--format=json", bad.toString());
    assertFalse(r.out.contains("UNFILLED_PLACEHOLDER"), r.out);
    Path warn = file("warn.toml", "[rules.UNFILLED_PLACEHOLDER]\nseverity = \"warning\"\n");
    r = Cli.run("lint", "--config", warn.toString(), "--format=json", bad.toString());
    assertTrue(r.out.contains("\"severity\" : \"warning\""), r.out);
    assertEquals(0, r.exit, r.toString());
  }

  @Test
  void theDefaultConfigFileIsReadFromXdgConfigHome() throws Exception {
    Path home = dir.resolve("cfg");
    Files.createDirectories(home.resolve("rapport"));
    Files.writeString(home.resolve("rapport/rapport.toml"), "[lint]\nfailUnder = 100\n");
    Path p = file("short.txt", "Dear Dr. Lee,\n\nCan we talk?\n\nBest,\nAna\n");
    Cli r =
        Cli.run(
            new java.io.ByteArrayInputStream(new byte[0]),
            java.util.Map.of("XDG_CONFIG_HOME", home.toString()),
            "lint",
            p.toString());
    assertEquals(1, r.exit, r.toString());
  }

  @Test
  void nonUtf8AndCrlfInputStillMapsToLines() throws Exception {
    Path p = dir.resolve("latin1.txt");
    Files.write(
        p, "Dear Dr. Mu\u00f1oz,\r\n\r\nI read [TOPIC].\r\n".getBytes(StandardCharsets.ISO_8859_1));
    Cli r = Cli.run("lint", "--color=never", p.toString());
    assertTrue(r.out.contains(":3:8: error:"), r.out);
  }
}
