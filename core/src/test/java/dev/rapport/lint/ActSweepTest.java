package dev.rapport.lint;

import dev.rapport.judgement.JudgementCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The training settings compared on writers the model never saw: for each setting, every train and
 * dev session is read by the model trained without it, and the out-of-session macro F1 (and the F1
 * of the acts the score leans on most) is reported in {@code target/acts-sweep.md}. Opt-in ({@code
 * -Drapport.acts.sweep=true}); the test split takes no part.
 */
@EnabledIfSystemProperty(named = "rapport.acts.sweep", matches = "true")
class ActSweepTest {

  @Test
  void sweep() throws IOException {
    Map<String, List<ActTrainer.Example>> sessions = JudgementCorpus.get().fitSessions();
    List<ActTrainer.Settings> grid = new ArrayList<>();
    String spec =
        System.getProperty(
            "rapport.acts.sweep.grid",
            "12:0.01:0.1,12:0.03:0.1,12:0.1:0.1,12:0.03:0.2,20:0.03:0.1");
    for (String s : spec.split(",")) {
      String[] p = s.split(":");
      grid.add(
          new ActTrainer.Settings(
              Integer.parseInt(p[0]),
              Double.parseDouble(p[1]),
              Double.parseDouble(p[2]),
              ActTrainer.DEFAULTS.seed()));
    }
    StringBuilder sb =
        new StringBuilder(
            "| epochs | l2 | rate | macro F1 | pressure | big_request | visa_hedge | prior_reference |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (ActTrainer.Settings s : grid) {
      ActTrainer.CrossValidated cv = ActTrainer.crossValidate(sessions, s);
      List<ActTrainer.Example> all = new ArrayList<>();
      List<java.util.Set<Act>> got = new ArrayList<>();
      sessions.forEach(
          (k, v) -> {
            ActModel m = cv.withoutSession().get(k);
            for (ActTrainer.Example e : v) {
              all.add(e);
              got.add(m.read(e.text(), Span.at(0)).acts());
            }
          });
      int[] i = {0};
      ActEvaluation ev = ActEvaluation.of(all, text -> got.get(i[0]++));
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d | %.0e | %.2f | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
              s.epochs(),
              s.l2(),
              s.rate(),
              ev.macroF1(),
              ev.get(Act.PRESSURE).f1(),
              ev.get(Act.BIG_REQUEST).f1(),
              ev.get(Act.VISA_HEDGE).f1(),
              ev.get(Act.PRIOR_REFERENCE).f1()));
      System.out.println(sb);
    }
    Files.writeString(Path.of("target/acts-sweep.md"), sb.toString());
  }
}
