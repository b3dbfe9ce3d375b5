package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.testing.GreenMailServer;
import dev.rapport.testing.Mail;
import jakarta.mail.Flags;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rapport watch} in-process: {@code --once} (for cron), its output formats, hooks and
 * errors.
 */
class WatchCommandTest {

  private static final String USER = "asha@example.org";
  private static final String PASSWORD = "gm-pw-8";
  private static final String ME = "Asha Rao <asha@example.org>";
  private static final String NOW = "2026-03-01T12:00:00Z";
  private static final Instant T = Instant.parse(NOW);
  private static final ObjectMapper JSON = new ObjectMapper();

  @RegisterExtension final GreenMailServer greenMail = new GreenMailServer().user(USER, PASSWORD);

  @TempDir Path home;

  private Map<String, String> env;

  @BeforeEach
  void env() {
    env = new HashMap<>();
    env.put("RAPPORT_PASSWORD", PASSWORD);
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
  }

  private Cli watch(String... args) {
    List<String> all = new ArrayList<>(List.of("watch"));
    all.addAll(List.of(args));
    return Cli.run(new ByteArrayInputStream(new byte[0]), env, all.toArray(new String[0]));
  }

  private static Mail ask(String to, Duration ago) {
    return Mail.from(ME)
        .to(to)
        .subject("Observership in stroke rehab")
        .date(T.minus(ago))
        .body("Could we talk for 15 minutes?")
        .build();
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> l = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        l.add(JSON.readTree(line));
      }
    }
    return l;
  }

  @Test
  void onceAnnouncesEveryContactFirstThenOnlyWhatChanged() throws Exception {
    Mail kim = ask("Dr. Mina Kim <kim@uni.edu>", Duration.ofDays(20));
    greenMail.append(USER, "Sent", kim, new Flags(Flags.Flag.SEEN));
    greenMail.append(
        USER, "Sent", ask("lee@uni.edu", Duration.ofDays(3)), new Flags(Flags.Flag.SEEN));

    Cli first = watch("--imap", greenMail.url(USER), "--once", "--format", "jsonl", "--now", NOW);
    assertEquals(0, first.exit, first.toString());
    List<JsonNode> events = lines(first.out);
    assertEquals(2, events.size(), first.toString());
    JsonNode e = events.get(0);
    assertEquals("state", e.get("event").asText());
    assertEquals("kim@uni.edu", e.get("contact").asText());
    assertEquals("Dr. Mina Kim", e.get("name").asText());
    assertEquals("FOLLOW_UP_DUE", e.get("state").asText());
    assertTrue(e.get("previous").isNull());
    assertEquals(T.minus(Duration.ofDays(6)).toString(), e.get("due").asText());
    assertEquals(NOW, e.get("at").asText());
    assertTrue(e.get("reason").asText().contains("follow-up 1 of 2"), e.toString());
    assertEquals(
        List.of("event", "account", "contact", "name", "state", "previous", "due", "reason", "at"),
        iterable(e.fieldNames()));

    Cli again = watch("--imap", greenMail.url(USER), "--once", "--format", "jsonl", "--now", NOW);
    assertEquals(0, again.exit, again.toString());
    assertEquals("", again.out, "nothing changed");

    greenMail.append(
        USER,
        "INBOX",
        kim.reply("kim@uni.edu").date(T.minus(Duration.ofDays(1))).body("Happy to.").build(),
        new Flags());
    Cli after =
        watch(
            "--imap",
            greenMail.url(USER),
            "--once",
            "--format",
            "jsonl",
            "--now",
            "2026-03-02T08:00:00Z");
    List<JsonNode> changed = lines(after.out);
    assertEquals(1, changed.size(), after.toString());
    assertEquals("REPLIED", changed.get(0).get("state").asText());
    assertEquals("FOLLOW_UP_DUE", changed.get(0).get("previous").asText());
  }

  private static List<String> iterable(java.util.Iterator<String> it) {
    List<String> l = new ArrayList<>();
    it.forEachRemaining(l::add);
    return l;
  }

  @Test
  void textLinesSayWhenWhoWhatAndWhy() throws Exception {
    greenMail.append(
        USER,
        "Sent",
        ask("Dr. Mina Kim <kim@uni.edu>", Duration.ofDays(20)),
        new Flags(Flags.Flag.SEEN));
    Cli run = watch("--imap", greenMail.url(USER), "--once", "--now", NOW);
    assertEquals(0, run.exit, run.toString());
    String line = run.out.strip();
    assertTrue(
        line.matches(
            "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  follow-up due: Dr\\. Mina Kim <kim@uni\\.edu>: no reply to your message of .*"),
        line);
    assertFalse(line.contains("\n"));
  }

  @Test
  void onEventRunsTheCommandWithTheEventOnItsInput() throws Exception {
    greenMail.append(
        USER, "Sent", ask("kim@uni.edu", Duration.ofDays(20)), new Flags(Flags.Flag.SEEN));
    greenMail.append(
        USER, "Sent", ask("lee@uni.edu", Duration.ofDays(2)), new Flags(Flags.Flag.SEEN));
    Path got = home.resolve("events.jsonl");
    Path states = home.resolve("states.txt");
    Cli run =
        watch(
            "--imap",
            greenMail.url(USER),
            "--once",
            "--now",
            NOW,
            "--on-event",
            "cat >> '"
                + got
                + "'; echo \"$RAPPORT_EVENT_CONTACT $RAPPORT_EVENT_STATE\" >> '"
                + states
                + "'; echo said something");
    assertEquals(0, run.exit, run.toString());
    List<JsonNode> events = lines(Files.readString(got));
    assertEquals(List.of("lee@uni.edu", "kim@uni.edu").size(), events.size());
    assertEquals(
        List.of("kim@uni.edu FOLLOW_UP_DUE", "lee@uni.edu AWAITING_REPLY"),
        Files.readAllLines(states));
    assertTrue(run.err.contains("rapport: on-event: said something"), run.err);
    assertFalse(
        run.out.contains("said something"), "a command's output never reaches the event stream");
  }

  @Test
  void aFailingOnEventCommandIsReportedAndDoesNotStopTheRun() throws Exception {
    greenMail.append(
        USER, "Sent", ask("kim@uni.edu", Duration.ofDays(20)), new Flags(Flags.Flag.SEEN));
    Cli run =
        watch(
            "--imap",
            greenMail.url(USER),
            "--once",
            "--now",
            NOW,
            "--format",
            "jsonl",
            "--on-event",
            "exit 3");
    assertEquals(0, run.exit, run.toString());
    assertEquals(1, lines(run.out).size());
    assertTrue(run.err.contains("on-event: the command exited with 3 for kim@uni.edu"), run.err);
  }

  @Test
  void withoutAnAccountItIsAUsageError() {
    Cli run = watch("--once");
    assertEquals(2, run.exit);
    assertEquals(
        "rapport: no mail account: give --imap imap[s]://USER@HOST[:PORT] or add [[accounts]] to the config file\n",
        run.err);
  }

  @Test
  void anUnreachableServerAtTheStartIsExitTwoInOneLine() {
    Cli once = watch("--imap", "imap://asha@127.0.0.1:1", "--once");
    assertEquals(2, once.exit, once.toString());
    assertEquals(1, once.err.strip().lines().count(), once.err);
    assertTrue(once.err.contains("cannot connect to 127.0.0.1:1"), once.err);
    Cli daemon = watch("--imap", "imap://asha@127.0.0.1:1", "--timeout", "2s");
    assertEquals(2, daemon.exit, daemon.toString());
    assertTrue(daemon.err.contains("no account could be read; stopping"), daemon.err);
    assertFalse(daemon.err.contains("Exception"), daemon.err);
  }

  @Test
  void aWrongPasswordIsExitTwo() {
    env.put("RAPPORT_PASSWORD", "wrong");
    Cli run = watch("--imap", greenMail.url(USER), "--once");
    assertEquals(2, run.exit, run.toString());
    assertTrue(run.err.contains("wrong user name or password"), run.err);
  }

  @Test
  void noPasswordAnywhereIsExitTwo() {
    env.remove("RAPPORT_PASSWORD");
    Cli run = watch("--imap", greenMail.url(USER), "--once");
    assertEquals(2, run.exit, run.toString());
    assertTrue(run.err.contains("RAPPORT_PASSWORD"), run.err);
  }

  @Test
  void badOptionsAreUsageErrors() {
    for (String[] args :
        List.of(
            new String[] {"--imap", "imap://a@127.0.0.1", "--digest", "25:99", "--once"},
            new String[] {"--imap", "imap://a@127.0.0.1", "--format", "xml"},
            new String[] {"--imap", "imap://a@127.0.0.1", "--renew-idle", "30m"},
            new String[] {"--imap", "imap://a@127.0.0.1", "--renew-idle", "soon"},
            new String[] {"--imap", "imap://a@127.0.0.1", "--check-folders", "10ms"},
            new String[] {"--imap", "imap://a@127.0.0.1", "--check-folders", "soon"},
            new String[] {"--imap", "http://a@127.0.0.1", "--once"},
            new String[] {"--imap", "imap://a@127.0.0.1", "--now", "yesterday", "--once"})) {
      Cli run = watch(args);
      assertEquals(2, run.exit, String.join(" ", args) + "\n" + run);
      assertFalse(run.err.contains("Exception"), run.err);
      assertFalse(run.err.contains("\tat "), run.err);
    }
  }

  @Test
  void helpListsTheOptions() {
    Cli run = watch("--help");
    assertEquals(0, run.exit);
    for (String o :
        List.of("--imap", "--format", "--once", "--on-event", "--tag", "--digest", "--config")) {
      assertTrue(run.out.contains(o), o + " in\n" + run.out);
    }
  }
}
