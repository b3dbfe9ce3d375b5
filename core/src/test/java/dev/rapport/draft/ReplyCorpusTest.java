package dev.rapport.draft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the reply-parsing fixture corpora (other projects' test suites, turned into cases by {@code
 * bench/replies/extract.py}, and Rapport's own) and asserts the share Rapport gets exactly right:
 * the writer's text equals the case's expected text after whitespace normalisation.
 *
 * <p>Each case says what is compared, as its suite defines the answer: {@code before-quote} is
 * everything but the quoted and forwarded parts (quotequail: the text above and below them); {@code
 * not-quoted} is everything but the quoted parts (talon strips quotations, keeps signatures, and
 * leaves a forwarded message in place); {@code without-signature} is the greeting and body (talon's
 * signature suite counts the sign-off as signature); {@code new-text} is greeting, body and
 * closing, what Rapport's rules score. Failures are written to {@code target/replies-<corpus>.txt},
 * each case's result to {@code target/replies-<corpus>.json}.
 */
class ReplyCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
  private static final double REQUIRED = 0.95;

  @ParameterizedTest
  @ValueSource(strings = {"talon", "quotequail", "rapport"})
  void corpusPassRate(String corpus) throws IOException {
    JsonNode cases;
    try (InputStream in =
        ReplyCorpusTest.class.getResourceAsStream("/replies/" + corpus + "/cases.json")) {
      cases = JSON.readTree(in);
    }
    List<String> failures = new ArrayList<>();
    java.util.Map<String, Boolean> passed = new java.util.LinkedHashMap<>();
    int total = 0;
    for (JsonNode c : cases) {
      total++;
      String got;
      try {
        got =
            writersText(
                c.get("format").asText(), c.get("input").asText(), c.get("compare").asText());
      } catch (RuntimeException e) {
        failures.add(c.get("id").asText() + ": threw " + e);
        passed.put(c.get("id").asText(), false);
        continue;
      }
      String mode = c.get("whitespace").asText();
      String expected = normalise(c.get("expected").asText(), mode);
      String actual = normalise(got, mode);
      passed.put(c.get("id").asText(), expected.equals(actual));
      if (!expected.equals(actual)) {
        failures.add(
            c.get("id").asText()
                + "\n  expected: "
                + expected
                + "\n  actual:   "
                + actual
                + "\n"
                + segments(c));
      }
    }
    Path report = Path.of("target", "replies-" + corpus + ".txt");
    Files.createDirectories(report.getParent());
    double rate = total == 0 ? 0 : (total - failures.size()) / (double) total;
    Files.writeString(
        report,
        String.format(
                Locale.ROOT,
                "%s: %d of %d cases pass (%.1f%%)%n%n",
                corpus,
                total - failures.size(),
                total,
                rate * 100)
            + String.join("\n\n", failures)
            + "\n");
    // For bench/replies/compare.mjs, which scores the npm reply parsers on the same cases.
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(Path.of("target", "replies-" + corpus + ".json").toFile(), passed);
    assertTrue(total > 0, "no cases in " + corpus);
    assertTrue(
        rate >= REQUIRED,
        String.format(
            Locale.ROOT,
            "%s: %d of %d cases pass (%.1f%%), need %.0f%%; see %s",
            corpus,
            total - failures.size(),
            total,
            rate * 100,
            REQUIRED * 100,
            report));
  }

  private static final Set<SegmentKind> BEFORE_QUOTE =
      EnumSet.of(
          SegmentKind.GREETING, SegmentKind.BODY, SegmentKind.CLOSING, SegmentKind.SIGNATURE);
  private static final Set<SegmentKind> NOT_QUOTED =
      EnumSet.of(
          SegmentKind.GREETING,
          SegmentKind.BODY,
          SegmentKind.CLOSING,
          SegmentKind.SIGNATURE,
          SegmentKind.FORWARD);
  private static final Set<SegmentKind> NEW_TEXT =
      EnumSet.of(SegmentKind.GREETING, SegmentKind.BODY, SegmentKind.CLOSING);
  private static final Set<SegmentKind> WITHOUT_SIGNATURE =
      EnumSet.of(SegmentKind.GREETING, SegmentKind.BODY);

  static String writersText(String format, String input, String compare) {
    Draft d;
    switch (format) {
      case "html":
        d = Drafts.parseHtml(input);
        break;
      case "eml":
        try {
          d =
              Drafts.parse(
                  input.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  "case.eml",
                  DraftFormat.EML);
        } catch (DraftException e) {
          throw new IllegalStateException(e);
        }
        break;
      default:
        d = Drafts.parseText(input);
    }
    Set<SegmentKind> kinds =
        switch (compare) {
          case "without-signature" -> WITHOUT_SIGNATURE;
          case "not-quoted" -> NOT_QUOTED;
          case "before-quote" -> BEFORE_QUOTE;
          case "new-text" -> NEW_TEXT;
          default -> throw new IllegalArgumentException("unknown comparison " + compare);
        };
    StringBuilder sb = new StringBuilder();
    for (Segment s : d.segments()) {
      if (kinds.contains(s.kind())) {
        sb.append(d.text(), s.start(), s.end()).append('\n');
      }
    }
    return sb.toString();
  }

  private static String segments(JsonNode c) {
    String format = c.get("format").asText();
    String input = c.get("input").asText();
    Draft d = format.equals("html") ? Drafts.parseHtml(input) : Drafts.parseText(input);
    StringBuilder sb = new StringBuilder();
    for (Segment s : d.segments()) {
      if (s.kind() != SegmentKind.BLANK) {
        String t = d.text().substring(s.start(), s.end()).replace("\n", "\n" + " ".repeat(14));
        sb.append(
            String.format(
                Locale.ROOT,
                "    %-9s %s%n",
                s.kind(),
                t.length() > 600 ? t.substring(0, 600) + " …" : t));
      }
    }
    return sb.toString();
  }

  static String normalise(String s, String mode) {
    String t = SPACE.matcher(s).replaceAll(mode.equals("remove") ? "" : " ").strip();
    return t;
  }
}
