package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.judgement.JudgementCorpus;
import dev.rapport.judgement.JudgementCorpus.Split;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The act model: the one in the jar is what the judgement corpus trains (so the committed model and
 * its corpus cannot drift apart), and on the test split, which nothing is tuned on, each act keeps
 * at least the precision and recall reported in {@code judgement/floors.properties}.
 *
 * <p>To retrain after changing the corpus or the features: {@code mvn -pl core test
 * -Dtest=ActModelTest -Drapport.acts.write=true}, which writes {@code
 * src/main/resources/dev/rapport/lint/acts.model}; then run the whole suite.
 */
class ActModelTest {

  private static final Path MODEL = Path.of("src/main/resources/dev/rapport/lint/acts.model");

  private static volatile ActTrainer.@org.jspecify.annotations.Nullable CrossValidated
      crossValidated;

  /**
   * Returns the corpus's cross-validated models (the built-in one and one per session without it),
   * trained once per JVM.
   */
  static synchronized ActTrainer.CrossValidated crossValidated() {
    ActTrainer.CrossValidated cv = crossValidated;
    if (cv == null) {
      cv = ActTrainer.crossValidate(JudgementCorpus.get().fitSessions(), ActTrainer.DEFAULTS);
      crossValidated = cv;
    }
    return cv;
  }

  /**
   * Returns the model that reads {@code session} as an unseen writer: trained without it, or the
   * built-in one for test sessions.
   */
  static ActModel unseen(String session) {
    ActModel m = crossValidated().withoutSession().get(session);
    return m == null ? ActModel.builtIn() : m;
  }

  static byte[] trained() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    crossValidated().model().write(out);
    return out.toByteArray();
  }

  @Test
  void theModelInTheJarIsWhatTheCorpusTrains() throws IOException {
    byte[] fresh = trained();
    if (Boolean.getBoolean("rapport.acts.write")) {
      Files.write(MODEL, fresh);
      Files.write(Path.of("target/classes/dev/rapport/lint/acts.model"), fresh);
    }
    byte[] shipped;
    try (InputStream in = ActModel.class.getResourceAsStream("acts.model")) {
      shipped = in.readAllBytes();
    }
    assertArrayEquals(
        fresh,
        shipped,
        "acts.model is stale: retrain with -Drapport.acts.write=true (see this class's javadoc)");
    assertTrue(
        shipped.length < 4 << 20, "the model stays a few MB at most: " + shipped.length + " bytes");
  }

  @Test
  void everyActKeepsItsReportedPrecisionAndRecallOnTheTestSplit() throws IOException {
    ActEvaluation test =
        ActEvaluation.of(ActModel.builtIn(), JudgementCorpus.get().examples(Split.TEST));
    Properties floors = new Properties();
    try (InputStream in =
        Files.newInputStream(JudgementCorpus.folder().resolve("floors.properties"))) {
      floors.load(in);
    }
    List<String> below = new ArrayList<>();
    for (Act a : Act.values()) {
      ActEvaluation.Counts c = test.get(a);
      check(below, floors, a.label() + ".recall", c.recall());
      check(below, floors, a.label() + ".precision", c.precision());
    }
    assertTrue(
        below.isEmpty(),
        "below the reported figures on the test split:\n"
            + String.join("\n", below)
            + "\n"
            + test.markdown());
  }

  private static void check(List<String> below, Properties floors, String key, double value) {
    String floor = floors.getProperty(key);
    if (floor == null) {
      below.add(
          key
              + ": no floor in floors.properties (measured "
              + String.format(Locale.ROOT, "%.3f", value)
              + ")");
    } else if (value + 1e-9 < Double.parseDouble(floor)) {
      below.add(key + String.format(Locale.ROOT, ": %.3f < %s", value, floor));
    }
  }
}
