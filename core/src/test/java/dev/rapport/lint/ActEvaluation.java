package dev.rapport.lint;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Per-act precision and recall of a sentence classifier on labelled sentences. */
final class ActEvaluation {

  /** Counts for one act. */
  record Counts(int truePositives, int falsePositives, int falseNegatives) {
    double precision() {
      return truePositives + falsePositives == 0
          ? 1
          : (double) truePositives / (truePositives + falsePositives);
    }

    double recall() {
      return truePositives + falseNegatives == 0
          ? 1
          : (double) truePositives / (truePositives + falseNegatives);
    }

    double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    int support() {
      return truePositives + falseNegatives;
    }
  }

  private final Map<Act, Counts> counts;
  private final int sentences;

  private ActEvaluation(Map<Act, Counts> counts, int sentences) {
    this.counts = counts;
    this.sentences = sentences;
  }

  static ActEvaluation of(
      List<ActTrainer.Example> examples, Function<String, java.util.Set<Act>> classifier) {
    int[][] c = new int[Act.values().length][3];
    for (ActTrainer.Example e : examples) {
      java.util.Set<Act> got = classifier.apply(e.text());
      for (Act a : Act.values()) {
        boolean y = e.acts().contains(a);
        boolean h = got.contains(a);
        if (y && h) {
          c[a.ordinal()][0]++;
        } else if (h) {
          c[a.ordinal()][1]++;
        } else if (y) {
          c[a.ordinal()][2]++;
        }
      }
    }
    Map<Act, Counts> out = new EnumMap<>(Act.class);
    for (Act a : Act.values()) {
      out.put(a, new Counts(c[a.ordinal()][0], c[a.ordinal()][1], c[a.ordinal()][2]));
    }
    return new ActEvaluation(out, examples.size());
  }

  static ActEvaluation of(ActModel model, List<ActTrainer.Example> examples) {
    return of(examples, text -> model.read(text, Span.at(0)).acts());
  }

  Counts get(Act a) {
    return counts.get(a);
  }

  double macroF1() {
    return counts.values().stream().mapToDouble(Counts::f1).average().orElse(0);
  }

  /** Returns the table as Markdown. */
  String markdown() {
    StringBuilder sb = new StringBuilder();
    sb.append("| act | support | precision | recall | F1 |\n|---|---:|---:|---:|---:|\n");
    for (Act a : Act.values()) {
      Counts k = counts.get(a);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.2f | %.2f | %.2f |%n",
              a.label(),
              k.support(),
              k.precision(),
              k.recall(),
              k.f1()));
    }
    sb.append(
        String.format(
            Locale.ROOT, "| macro F1 (%d sentences) | | | | %.2f |%n", sentences, macroF1()));
    return sb.toString();
  }
}
