package dev.rapport.judgement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.lint.Act;
import dev.rapport.lint.ActTrainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The judgement corpus ({@code src/test/resources/judgement}, see its README): drafts written blind
 * by independent writers, every sentence labelled with its acts, every draft graded by two raters,
 * split into train, dev and test by writer session. Read once per JVM. Immutable.
 */
public final class JudgementCorpus {

  /** Which part of the corpus an entry belongs to. */
  public enum Split {
    TRAIN,
    DEV,
    TEST
  }

  /** One labelled sentence of a draft. */
  public record Sentence(String text, Set<Act> acts) {}

  /** One draft. */
  public record Entry(
      String id,
      String session,
      String writer,
      Split split,
      String kind,
      String format,
      boolean recipientKnown,
      String from,
      String to,
      String date,
      String subject,
      String body,
      @Nullable String quoted,
      @Nullable String previousSent,
      @Nullable Double daysSincePrevious,
      List<Sentence> sentences,
      int intendedGrade,
      List<Integer> grades) {

    /**
     * Returns the mean of the raters' grades, or the writer's intended grade if no rater graded it.
     */
    public double grade() {
      return grades.isEmpty()
          ? intendedGrade
          : grades.stream().mapToInt(Integer::intValue).average().orElseThrow();
    }

    /** Returns the draft as the .eml file a mail client would hand the linter. */
    public byte[] eml() {
      return EmlRenderer.render(this).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static final String ROOT = "/judgement/";
  private static volatile @Nullable JudgementCorpus loaded;

  private final List<Entry> entries;

  private JudgementCorpus(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Returns the corpus, reading it on first use. */
  public static JudgementCorpus get() {
    JudgementCorpus c = loaded;
    if (c == null) {
      c = read();
      loaded = c;
    }
    return c;
  }

  /** Returns every entry. */
  public List<Entry> entries() {
    return entries;
  }

  /** Returns the entries of one split. */
  public List<Entry> entries(Split split) {
    return entries.stream().filter(e -> e.split() == split).toList();
  }

  /** Returns the labelled sentences of one split, as the trainer takes them. */
  public List<ActTrainer.Example> examples(Split split) {
    List<ActTrainer.Example> out = new ArrayList<>();
    for (Entry e : entries(split)) {
      for (Sentence s : e.sentences()) {
        out.add(new ActTrainer.Example(s.text(), s.acts()));
      }
    }
    return out;
  }

  /**
   * Returns the labelled sentences of the train and dev splits by writer session: what the act
   * model is trained and cross-validated on. Never the test split.
   */
  public Map<String, List<ActTrainer.Example>> fitSessions() {
    Map<String, List<ActTrainer.Example>> out = new java.util.TreeMap<>();
    for (Entry e : entries) {
      if (e.split() == Split.TEST) {
        continue;
      }
      List<ActTrainer.Example> list = out.computeIfAbsent(e.session(), k -> new ArrayList<>());
      for (Sentence s : e.sentences()) {
        list.add(new ActTrainer.Example(s.text(), s.acts()));
      }
    }
    return out;
  }

  /** Returns the folder the corpus is read from. */
  public static Path folder() {
    URL url = JudgementCorpus.class.getResource(ROOT + "splits.properties");
    Objects.requireNonNull(url, "the judgement corpus is missing from the test classpath");
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JudgementCorpus read() {
    ObjectMapper json = new ObjectMapper();
    Path dir = folder();
    try {
      Properties splits = new Properties();
      try (InputStream in = Files.newInputStream(dir.resolve("splits.properties"))) {
        splits.load(in);
      }
      Map<String, List<Integer>> grades = new HashMap<>();
      Path ratings = dir.resolve("ratings");
      if (Files.isDirectory(ratings)) {
        try (Stream<Path> files = Files.list(ratings)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
              if (!line.isBlank()) {
                JsonNode r = json.readTree(line);
                grades
                    .computeIfAbsent(r.get("id").asText(), k -> new ArrayList<>())
                    .add(r.get("grade").asInt());
              }
            }
          }
        }
      }
      List<Entry> out = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir.resolve("drafts"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
          String session = f.getFileName().toString().replace(".jsonl", "");
          String split = splits.getProperty(session);
          if (split == null) {
            throw new IllegalStateException(
                "splits.properties gives no split for writer session " + session);
          }
          try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
              if (!line.isBlank()) {
                out.add(
                    entry(
                        json.readTree(line),
                        session,
                        Split.valueOf(split.trim().toUpperCase(Locale.ROOT)),
                        grades));
              }
            }
          }
        }
      }
      return new JudgementCorpus(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Entry entry(
      JsonNode d, String session, Split split, Map<String, List<Integer>> grades) {
    List<Sentence> sentences = new ArrayList<>();
    for (JsonNode s : d.get("sentences")) {
      EnumSet<Act> acts = EnumSet.noneOf(Act.class);
      for (JsonNode a : s.get("acts")) {
        if (!a.asText().equals("other")) {
          acts.add(Act.ofLabel(a.asText()));
        }
      }
      sentences.add(new Sentence(s.get("text").asText(), acts));
    }
    String id = d.get("id").asText();
    return new Entry(
        id,
        session,
        d.get("writer").asText(),
        split,
        d.get("kind").asText(),
        d.get("format").asText(),
        d.get("recipient_known").asBoolean(),
        d.get("from").asText(),
        d.get("to").asText(),
        d.get("date").asText(),
        d.get("subject").asText(),
        d.get("body").asText(),
        text(d, "quoted"),
        text(d, "previous_sent"),
        d.path("days_since_previous").isNumber() ? d.get("days_since_previous").asDouble() : null,
        sentences,
        d.get("intended_grade").asInt(),
        List.copyOf(grades.getOrDefault(id, List.of())));
  }

  private static @Nullable String text(JsonNode d, String field) {
    JsonNode n = d.get(field);
    return n == null || n.isNull() ? null : n.asText();
  }
}
