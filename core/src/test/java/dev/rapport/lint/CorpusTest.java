package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.rapport.draft.Draft;
import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import dev.rapport.track.Contact;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Lints every draft of the fairness corpus (see {@code corpus/manifest.toml}) and checks what it
 * must and must not trigger.
 */
class CorpusTest {

  static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  /**
   * Rules whose findings a late learner's plain English must never draw, besides the brevity
   * dimension.
   */
  private static final Set<String> UNFAIR_TO_LATE_LEARNERS =
      Set.of("READABILITY", "PRESSURE_LANGUAGE", "LONG_SENTENCE");

  private static Path corpus() throws URISyntaxException {
    return Path.of(CorpusTest.class.getResource("/corpus/manifest.toml").toURI()).getParent();
  }

  private static List<JsonNode> entries() throws IOException, URISyntaxException {
    try (InputStream in = Files.newInputStream(corpus().resolve("manifest.toml"))) {
      JsonNode root = new TomlMapper().readTree(in);
      return StreamSupport.stream(root.get("draft").spliterator(), false).toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyCorpusDraftTriggersWhatItMustAndNothingItMustNot() throws Exception {
    Path dir = corpus();
    return entries().stream()
        .map(e -> DynamicTest.dynamicTest(e.get("file").asText(), () -> check(dir, e)));
  }

  @Test
  void theCorpusIsBigVariedAndFullyListed() throws Exception {
    List<JsonNode> entries = entries();
    assertTrue(entries.size() >= 30, "at least 30 drafts, found " + entries.size());
    Set<String> listed =
        entries.stream()
            .map(e -> e.get("file").asText())
            .collect(Collectors.toCollection(TreeSet::new));
    Set<String> present;
    try (Stream<Path> files = Files.list(corpus())) {
      present =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.equals("manifest.toml"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(present, listed, "every corpus file has a manifest entry and every entry a file");
    Set<DraftFormat> formats = new TreeSet<>();
    for (String f : present) {
      formats.add(Drafts.parse(corpus().resolve(f)).format());
    }
    assertEquals(Set.of(DraftFormat.EML, DraftFormat.HTML, DraftFormat.TEXT), formats);
    long lateLearners =
        entries.stream().filter(e -> e.path("lateLearner").asBoolean(false)).count();
    assertTrue(
        lateLearners >= 3,
        "at least 3 drafts of plain English learned late, found " + lateLearners);
    long bad = entries.stream().filter(e -> e.has("must")).count();
    long good = entries.stream().filter(e -> e.path("clean").asBoolean(false)).count();
    assertTrue(
        bad >= 10 && good >= 10,
        "good and bad drafts: " + good + " clean, " + bad + " with required findings");
  }

  private static void check(Path dir, JsonNode e) throws Exception {
    String file = e.get("file").asText();
    Draft draft = Drafts.parse(dir.resolve(file));
    Linter.Builder b = Linter.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC));
    if (e.has("profile")) {
      JsonNode p = e.get("profile");
      b.profile(
          new SenderProfile(
              text(p, "name"),
              text(p, "school"),
              text(p, "country"),
              text(p, "citizenship"),
              VisaNeed.of(p.path("visa").asText("unknown"))));
    }
    if (e.has("contacts")) {
      List<Contact> contacts = new ArrayList<>();
      for (JsonNode c : e.get("contacts")) {
        List<String> work = new ArrayList<>();
        c.path("work").forEach(w -> work.add(w.asText()));
        String metOn = text(c, "metOn");
        contacts.add(
            new Contact(
                c.get("email").asText(),
                text(c, "name"),
                text(c, "title"),
                text(c, "metAt"),
                metOn == null ? null : LocalDate.parse(metOn),
                work));
      }
      b.contacts(contacts);
    }
    ThreadContext thread = null;
    if (e.has("thread")) {
      JsonNode t = e.get("thread");
      thread =
          new ThreadContext(
              t.path("firstContact").asBoolean(false),
              t.path("unanswered").asInt(0),
              daysAgo(t, "lastSentDaysAgo"),
              daysAgo(t, "lastReceivedDaysAgo"));
    }
    Scorecard card = b.build().lint(draft, thread);
    String report = report(card);
    Set<String> found = card.findings().stream().map(Finding::rule).collect(Collectors.toSet());
    List<String> problems = new ArrayList<>();
    for (JsonNode id : e.path("must")) {
      if (!found.contains(id.asText())) {
        problems.add("must trigger " + id.asText());
      }
    }
    for (JsonNode id : e.path("mustNot")) {
      if (found.contains(id.asText())) {
        problems.add("must not trigger " + id.asText());
      }
    }
    if (e.path("clean").asBoolean(false)) {
      for (Finding f : card.findings()) {
        if (f.severity() != Severity.INFO && !contains(e.path("must"), f.rule())) {
          problems.add("must be clean but has " + f.severity().id() + " " + f.rule());
        }
      }
    }
    if (e.path("lateLearner").asBoolean(false)) {
      for (Finding f : card.findings()) {
        if (f.dimension() == Dimension.BREVITY || UNFAIR_TO_LATE_LEARNERS.contains(f.rule())) {
          problems.add("plain English learned late drew " + f.rule());
        }
      }
      if (card.overall() < 80) {
        problems.add("plain English learned late scored " + card.overall() + " (< 80)");
      }
    }
    if (e.has("overall")) {
      int min = e.get("overall").get(0).asInt();
      int max = e.get("overall").get(1).asInt();
      if (card.overall() < min || card.overall() > max) {
        problems.add("overall " + card.overall() + " not in [" + min + ", " + max + "]");
      }
    }
    if (e.has("asks")) {
      boolean asks =
          dev.rapport.lint.AskDetector.asksSomething(bodyAsWritten(dir.resolve(file), draft));
      if (asks != e.get("asks").asBoolean()) {
        problems.add("asksSomething is " + asks + ", expected " + e.get("asks").asBoolean());
      }
    }
    assertTrue(problems.isEmpty(), file + ": " + String.join("; ", problems) + "\n" + report);
  }

  /**
   * The body as the tracker would pass it: HTML as it is, plain text and .eml bodies as decoded
   * text.
   */
  private static String bodyAsWritten(Path file, Draft draft) throws IOException {
    return draft.format() == DraftFormat.HTML && !file.toString().endsWith(".eml")
        ? Files.readString(file)
        : draft.text();
  }

  private static boolean contains(JsonNode array, String id) {
    for (JsonNode n : array) {
      if (n.asText().equals(id)) {
        return true;
      }
    }
    return false;
  }

  private static @Nullable Instant daysAgo(JsonNode t, String field) {
    return t.has(field) ? NOW.minus(Duration.ofDays(t.get(field).asLong())) : null;
  }

  private static @Nullable String text(JsonNode n, String field) {
    return n.has(field) ? n.get(field).asText() : null;
  }

  private static String report(Scorecard card) {
    StringBuilder sb =
        new StringBuilder("  overall " + card.overall() + " " + card.scores() + "\n");
    for (Finding f : card.findings()) {
      sb.append("  ")
          .append(f.severity().id())
          .append(' ')
          .append(f.rule())
          .append(" -")
          .append(f.deduction())
          .append(' ')
          .append(f.message())
          .append('\n');
    }
    return sb.toString();
  }
}
