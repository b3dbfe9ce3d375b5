package dev.rapport.lint;

import dev.rapport.judgement.JudgementCorpus;
import dev.rapport.judgement.JudgementCorpus.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Writes the built-in model's per-act table on the train and dev splits to {@code target/acts-dev.md} (test is left to ActModelTest). */
class ActDevReportTest {
  @Test
  void report() throws Exception {
    JudgementCorpus c = JudgementCorpus.get();
    String out = "## train\n\n" + ActEvaluation.of(ActModel.builtIn(), c.examples(Split.TRAIN)).markdown()
        + "\n## dev\n\n" + ActEvaluation.of(ActModel.builtIn(), c.examples(Split.DEV)).markdown();
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/acts-dev.md"), out);
    // The test split is measured here, never tuned on: this writes the figures floors.properties records.
    ActEvaluation test = ActEvaluation.of(ActModel.builtIn(), c.examples(Split.TEST));
    StringBuilder floors = new StringBuilder();
    for (Act a : Act.values()) {
      floors.append(a.label()).append(".recall=").append(floor(test.get(a).recall())).append('\n');
      floors.append(a.label()).append(".precision=").append(floor(test.get(a).precision())).append('\n');
    }
    Files.writeString(Path.of("target/acts-test.md"), test.markdown());
    Files.writeString(Path.of("target/floors-acts.properties"), floors.toString());
    StringBuilder errors = new StringBuilder();
    for (var e : c.examples(Split.DEV)) {
      var got = ActModel.builtIn().read(e.text(), Span.at(0));
      for (Act a : Act.values()) {
        if (got.has(a) != e.acts().contains(a)) {
          errors.append(got.has(a) ? "FP " : "FN ").append(a.label()).append(String.format(" %.2f ", got.probability(a)))
              .append(e.text()).append('\n');
        }
      }
    }
    Files.writeString(Path.of("target/acts-dev-errors.txt"), errors.toString());
  }

  private static String floor(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", Math.floor(v * 100) / 100);
  }

  /** Settings tried on dev before the defaults were chosen: {@code -Drapport.sweep=true}. */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "rapport.sweep", matches = "true")
  void sweep() throws Exception {
    JudgementCorpus c = JudgementCorpus.get();
    var train = c.examples(Split.TRAIN);
    var dev = c.examples(Split.DEV);
    StringBuilder sb = new StringBuilder("| epochs | l2 | rate | dev macro F1 |\n|---:|---:|---:|---:|\n");
    for (int epochs : new int[] {8, 16}) {
      for (double l2 : new double[] {1e-3, 3e-3, 1e-2}) {
        for (double rate : new double[] {0.03, 0.1}) {
          ActModel m = ActTrainer.train(train, dev, new ActTrainer.Settings(epochs, l2, rate, ActTrainer.DEFAULTS.seed()));
          sb.append(String.format(java.util.Locale.ROOT, "| %d | %.0e | %.1f | %.3f |%n", epochs, l2, rate,
              ActEvaluation.of(m, dev).macroF1()));
        }
      }
    }
    Files.writeString(Path.of("target/acts-sweep.md"), sb.toString());
  }
}
