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
  }

  /** Settings tried on dev before the defaults were chosen: {@code -Drapport.sweep=true}. */
  @Test
  @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "rapport.sweep", matches = "true")
  void sweep() throws Exception {
    JudgementCorpus c = JudgementCorpus.get();
    var train = c.examples(Split.TRAIN);
    var dev = c.examples(Split.DEV);
    StringBuilder sb = new StringBuilder("| epochs | l2 | rate | dev macro F1 |\n|---:|---:|---:|---:|\n");
    for (int epochs : new int[] {6, 12, 20}) {
      for (double l2 : new double[] {1e-6, 1e-5, 1e-4, 1e-3}) {
        for (double rate : new double[] {0.1, 0.4}) {
          ActModel m = ActTrainer.train(train, dev, new ActTrainer.Settings(epochs, l2, rate, ActTrainer.DEFAULTS.seed()));
          sb.append(String.format(java.util.Locale.ROOT, "| %d | %.0e | %.1f | %.3f |%n", epochs, l2, rate,
              ActEvaluation.of(m, dev).macroF1()));
        }
      }
    }
    Files.writeString(Path.of("target/acts-sweep.md"), sb.toString());
  }
}
