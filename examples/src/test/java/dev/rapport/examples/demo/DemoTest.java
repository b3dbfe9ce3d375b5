package dev.rapport.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.app.Rapport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one-command demo: what it shows, that its story holds on any day, and that it ends by itself.
 */
class DemoTest {

  @TempDir Path tmp;

  private static List<Path> demoFolders() throws IOException {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("rapport-demo-")).toList();
    }
  }

  @Test
  void theDemoShowsTheStatusTableAndThreeLintedDraftsThenExitsZero() throws Exception {
    List<Path> before = demoFolders();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Path page = tmp.resolve("outreach.html");
    int code =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () ->
                Demo.run(
                    new String[] {"--html", page.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    Clock.systemDefaultZone(),
                    false));
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
    assertEquals("", err.toString(StandardCharsets.UTF_8));

    for (String heading :
        List.of(
            "Rapport demo",
            "1. A mailbox",
            "2. Who needs what",
            "3. Three drafts, checked before sending",
            "4. Listening for replies",
            "Next")) {
      assertTrue(
          text.contains("\n" + heading + "\n") || text.startsWith(heading + "\n"),
          heading + " missing:\n" + text);
    }
    // The status command's own table, with every state of the story, and its summary line.
    assertTrue(
        text.contains("$ rapport status --config rapport.toml --imap imap://farah@127.0.0.1:"),
        text);
    assertTrue(text.contains("\nSTATE           CONTACT"), text);
    for (String state :
        List.of(
            "replied",
            "thank-you due",
            "follow-up due",
            "bounced",
            "update due",
            "move on",
            "awaiting reply",
            "in touch")) {
      assertTrue(text.contains("\n" + state + " "), state + " missing:\n" + text);
    }
    assertTrue(
        text.contains(
            "3 replies waiting for you, 1 thank-you due, 1 follow-up due, 1 bounced address to check, 1 update due;"),
        text);
    assertTrue(
        text.contains("It was drawn with the table in step 2, before Dr. Rossi's reply"),
        "when the page was drawn is said: " + text);
    // The lint command's own report for each draft: a pass, a failure with its errors underlined, a
    // so-so pass.
    assertTrue(
        text.contains("$ rapport lint --config rapport.toml thank-you.eml\nthank-you.eml: "), text);
    assertTrue(text.matches("(?s).*\nthank-you\\.eml: \\d+/100, [^(]*\\([^)]*\\): pass\n.*"), text);
    assertTrue(
        text.contains(
            "observership.eml:7:10: error: The placeholder [Last Name] was never filled in. [UNFILLED_PLACEHOLDER]\n"
                + "    Dear Dr. [Last Name],\n             ^~~~~~~~~~~\n"),
        text);
    assertTrue(text.contains("[VISA_PROFILE_CONFLICT]"), text);
    assertTrue(
        text.matches(
            "(?s).*\nobservership\\.eml: \\d+/100, [^(]*\\([^)]*\\): FAIL \\(2 errors, .*"),
        text);
    assertTrue(
        text.matches(
            "(?s).*\nresearch\\.eml: \\d+/100, [^(]*\\([^)]*\\): pass \\(0 errors, [1-9] warnings?\\)\n.*"),
        text);
    // The watcher heard the reply that came in while it listened, and only that.
    assertTrue(
        text.contains(
            "\n  Dr. Sofia Rossi <srossi@childrens-rehab.example.edu>: awaiting reply -> replied\n  they replied on "),
        text);
    assertTrue(
        text.matches(
            "(?s).*\n\\{\"event\":\"state\",\"account\":\"farah@127\\.0\\.0\\.1:\\d+\",\"contact\":\"srossi@childrens-rehab"
                + "\\.example\\.edu\",\"name\":\"Dr\\. Sofia Rossi\",\"state\":\"REPLIED\",\"previous\":\"AWAITING_REPLY\",.*"),
        text);
    // Shown as if run in the demo's folder: no temporary paths, no colour codes when not asked.
    assertFalse(text.contains(System.getProperty("java.io.tmpdir") + "/rapport-demo-"), text);
    assertFalse(text.contains("\u001b["), "colour without a terminal");
    assertTrue(text.contains("\nDone in "), text);

    String html = Files.readString(page);
    assertTrue(html.startsWith("<!doctype html>"), html);
    // The page was drawn with the table: the same summary, so the same number of replies (the
    // watcher's reply came later), and it says so under its date.
    Document doc = Jsoup.parse(html);
    String summary = doc.selectFirst("header .summary").text();
    assertTrue(summary.startsWith("3 replies waiting for you, "), summary);
    assertTrue(text.contains("\n" + summary + "\n"), "the table's summary: " + summary);
    assertEquals(Demo.PAGE_NOTE, doc.selectFirst("header .as-of.note").text());
    assertEquals(
        "state-awaiting-reply",
        doc.select("article.contact").stream()
            .filter(a -> a.text().contains(DemoMailbox.ROSSI.email()))
            .findFirst()
            .orElseThrow()
            .className()
            .replaceAll(".*(state-\\S+).*", "$1"));
    for (String name :
        List.of(
            "Dr. Sofia Rossi",
            "Dr. Kenji Watanabe",
            "Dr. María José Castillo",
            "Olusegun Adeyemi",
            "Dr. Grace Mensah")) {
      assertTrue(html.contains(name), name + " missing from the page");
    }
    assertEquals(before, demoFolders(), "the demo left its temporary folder behind");
  }

  @Test
  void anUnknownArgumentIsAUsageError() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Demo.run(
            new String[] {"--bogus"},
            new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemDefaultZone(),
            false);
    assertEquals(2, code);
    assertEquals(
        "rapport-demo: unknown argument '--bogus' (try --help)",
        err.toString(StandardCharsets.UTF_8).strip());
  }

  @ParameterizedTest
  @ValueSource(strings = {"--html", "--html=", "--html --help"})
  void htmlWithoutAFileSaysWhatItNeeds(String args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        Demo.run(
            args.split(" "),
            new PrintStream(out),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            Clock.systemDefaultZone(),
            false);
    assertEquals(2, code);
    assertEquals(0, out.size(), "nothing of the demo ran");
    String said = err.toString(StandardCharsets.UTF_8).strip();
    assertEquals(
        "rapport-demo: --html needs a FILE to write the page to, e.g. --html outreach.html", said);
  }

  @Test
  void anUnwritablePageIsRefusedBeforeTheDemoRuns() {
    for (Path bad : new Path[] {tmp.resolve("no-such-folder/outreach.html"), tmp}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int code =
          Demo.run(
              new String[] {"--html", bad.toString()},
              new PrintStream(out),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              Clock.systemDefaultZone(),
              false);
      assertEquals(2, code);
      assertEquals(0, out.size(), "nothing of the demo ran");
      String said = err.toString(StandardCharsets.UTF_8).strip();
      assertTrue(said.startsWith("rapport-demo: cannot write " + bad + ": "), said);
      assertEquals(1, said.lines().count(), said);
    }
  }

  /**
   * The story is dated back from "now": on any day, at any hour, each person is in the state the
   * demo means them to be in.
   */
  @ParameterizedTest
  @ValueSource(strings = {"2026-03-01T00:05:00Z", "2026-07-15T23:55:00Z", "2027-01-01T12:00:00Z"})
  void theStoryPutsOnePersonInEveryStateOnAnyDay(String now) throws Exception {
    Clock clock = Clock.fixed(Instant.parse(now), ZoneId.systemDefault());
    try (DemoServer server = DemoServer.start(clock, tmp)) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code =
          Rapport.run(
              List.of(
                  "status",
                  "--config",
                  server.config().toString(),
                  "--imap",
                  server.url(),
                  "--now",
                  now,
                  "--format",
                  "json"),
              new PrintWriter(out),
              new PrintWriter(err),
              new ByteArrayInputStream(new byte[0]),
              server.env());
      assertEquals(0, code, err.toString());
      Map<String, String> states = new TreeMap<>();
      for (JsonNode n : new ObjectMapper().readTree(out.toString())) {
        states.put(n.get("contact").asText(), n.get("state").asText());
      }
      Map<String, String> expected = new TreeMap<>();
      expected.put(DemoMailbox.WATANABE.email(), "REPLIED");
      expected.put(DemoMailbox.CASTILLO.email(), "REPLIED"); // the reply is filed in Research
      expected.put(DemoMailbox.KOWALCZYK.email(), "REPLIED"); // the reply is in Trash
      expected.put(DemoMailbox.ADEYEMI.email(), "THANK_YOU_DUE");
      expected.put(DemoMailbox.RAMAN.email(), "FOLLOW_UP_DUE"); // her out-of-office is not a reply
      expected.put(DemoMailbox.MENSAH.email(), "BOUNCED");
      expected.put(DemoMailbox.THORNTON.email(), "UPDATE_DUE");
      expected.put(DemoMailbox.LINDQVIST.email(), "MOVE_ON");
      expected.put(DemoMailbox.ROSSI.email(), "AWAITING_REPLY");
      expected.put(DemoMailbox.AL_MASRI.email(), "IN_TOUCH");
      assertEquals(
          expected,
          states,
          "the newsletter is not a contact, and everyone else is where the story puts them");
    }
  }
}
