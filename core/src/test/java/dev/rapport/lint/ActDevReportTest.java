package dev.rapport.lint;

import dev.rapport.judgement.JudgementCorpus;
import dev.rapport.judgement.JudgementCorpus.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Writes the act model's per-act tables: on the train and dev sessions as cross-validated (each
 * session read by the model trained without it) to {@code target/acts-dev.md}, and on the test
 * split, which nothing is tuned on, to {@code target/acts-test.md} with the floors it supports.
 */
class ActDevReportTest {
  @Test
  void report() throws Exception {
    JudgementCorpus c = JudgementCorpus.get();
    java.util.Map<String, java.util.List<ActTrainer.Example>> sessions = c.fitSessions();
    java.util.List<ActTrainer.Example> all = new java.util.ArrayList<>();
    java.util.Map<String, java.util.Set<Act>> read = new java.util.HashMap<>();
    StringBuilder errors = new StringBuilder();
    for (var s : sessions.entrySet()) {
      ActModel unseen = ActModelTest.unseen(s.getKey());
      for (var e : s.getValue()) {
        all.add(e);
        var got = unseen.read(e.text(), Span.at(0));
        read.put(e.text(), got.acts());
        for (Act a : Act.values()) {
          if (got.has(a) != e.acts().contains(a)) {
            errors
                .append(s.getKey())
                .append(got.has(a) ? " FP " : " FN ")
                .append(a.label())
                .append(String.format(" %.2f ", got.probability(a)))
                .append(e.text())
                .append('\n');
          }
        }
      }
    }
    ActModel m = ActModelTest.crossValidated().model();
    StringBuilder thresholds =
        new StringBuilder("| act | threshold | sure at |\n|---|---:|---:|\n");
    for (Act a : Act.values()) {
      thresholds.append(
          String.format(
              java.util.Locale.ROOT,
              "| %s | %.2f | %s |%n",
              a.label(),
              m.threshold(a),
              m.sureThreshold(a) > 1
                  ? "never"
                  : String.format(java.util.Locale.ROOT, "%.2f", m.sureThreshold(a))));
    }
    String out =
        "## train and dev, cross-validated by writer session ("
            + sessions.keySet()
            + ")\n\n"
            + ActEvaluation.of(all, text -> read.get(text)).markdown()
            + "\n## thresholds\n\n"
            + thresholds;
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/acts-dev.md"), out);
    Files.writeString(Path.of("target/acts-dev-errors.txt"), errors.toString());
    // The test split is measured here, never tuned on: this writes the figures floors.properties
    // records.
    ActEvaluation test = ActEvaluation.of(ActModel.builtIn(), c.examples(Split.TEST));
    StringBuilder floors = new StringBuilder();
    for (Act a : Act.values()) {
      floors.append(a.label()).append(".recall=").append(floor(test.get(a).recall())).append('\n');
      floors
          .append(a.label())
          .append(".precision=")
          .append(floor(test.get(a).precision()))
          .append('\n');
    }
    Files.writeString(Path.of("target/acts-test.md"), test.markdown());
    Files.writeString(Path.of("target/floors-acts.properties"), floors.toString());
  }

  private static String floor(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", Math.floor(v * 100) / 100);
  }

  /** Settings tried on dev before the defaults were chosen: {@code -Drapport.sweep=true}. */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(
      named = "rapport.sweep",
      matches = "true")
  void sweep() throws Exception {
    JudgementCorpus c = JudgementCorpus.get();
    var train = c.examples(Split.TRAIN);
    var dev = c.examples(Split.DEV);
    StringBuilder sb =
        new StringBuilder("| epochs | l2 | rate | dev macro F1 |\n|---:|---:|---:|---:|\n");
    for (int epochs : new int[] {8, 16}) {
      for (double l2 : new double[] {1e-3, 3e-3, 1e-2}) {
        for (double rate : new double[] {0.03, 0.1}) {
          ActModel m =
              ActTrainer.train(
                  train,
                  dev,
                  new ActTrainer.Settings(epochs, l2, rate, ActTrainer.DEFAULTS.seed()));
          sb.append(
              String.format(
                  java.util.Locale.ROOT,
                  "| %d | %.0e | %.1f | %.3f |%n",
                  epochs,
                  l2,
                  rate,
                  ActEvaluation.of(m, dev).macroF1()));
        }
      }
    }
    Files.writeString(Path.of("target/acts-sweep.md"), sb.toString());
  }
}
