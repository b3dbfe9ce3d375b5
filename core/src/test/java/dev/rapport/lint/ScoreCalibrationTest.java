package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.judgement.JudgementCorpus;
import dev.rapport.judgement.JudgementCorpus.Split;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Fits the rules' deductions on the graded train and dev drafts (never test): one multiplier per
 * rule, found by coordinate descent on the squared distance between the overall score and the score
 * each mean grade stands for (1 → 25, 2 → 48, 3 → 70, 4 → 82, 5 → 95, linear between), so the bands
 * mean what they say. The rules whose single finding must land a draft under 60 (a big ask to a
 * stranger, pressure, a visa hedge, a one-line first contact, a nudge days after the first message)
 * are held at that floor. Writes the fitted multipliers to {@code target/score-calibration.md}; a
 * person carries them into the rules' constants, so every deduction stays readable where the rule
 * is. Runs only when asked: {@code mvn -pl core test -Dtest=ScoreCalibrationTest
 * -Drapport.calibrate=true}.
 */
@EnabledIfSystemProperty(named = "rapport.calibrate", matches = "true")
class ScoreCalibrationTest {

  static double target(double grade) {
    double[] g = {1, 2, 3, 4, 5};
    double[] t = {25, 48, 70, 82, 95};
    if (grade <= 1) {
      return t[0];
    }
    for (int i = 1; i < g.length; i++) {
      if (grade <= g[i]) {
        return t[i - 1] + (t[i] - t[i - 1]) * (grade - g[i - 1]) / (g[i] - g[i - 1]);
      }
    }
    return t[t.length - 1];
  }

  @Test
  void fit() throws Exception {
    JudgementCorpus c = JudgementCorpus.get();
    // -Drapport.calibrate.holdout=true fits on train alone and reports dev, to choose ALPHA on dev.
    boolean holdout = Boolean.getBoolean("rapport.calibrate.holdout");
    List<JudgementScoresTest.Scored> scored =
        new ArrayList<>(JudgementScoresTest.lint(c.entries(Split.TRAIN), true));
    List<JudgementScoresTest.Scored> dev = JudgementScoresTest.lint(c.entries(Split.DEV), true);
    if (!holdout) {
      scored.addAll(dev);
    }
    List<String> rules = new ArrayList<>();
    for (var s : scored) {
      for (Finding f : s.card().findings()) {
        if (!rules.contains(f.rule())) {
          rules.add(f.rule());
        }
      }
    }
    rules.sort(null);
    int n = scored.size();
    // The findings carry the rules' own deductions; the fit starts from the current weights and
    // replaces them.
    Path table = Path.of("src/main/resources/dev/rapport/lint/rules/deductions.properties");
    java.util.Properties old = new java.util.Properties();
    if (Files.exists(table)) {
      try (var in = Files.newInputStream(table)) {
        old.load(in);
      }
    }
    double[][] d = new double[n][rules.size()];
    double[] maxOne = new double[rules.size()];
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = target(scored.get(i).entry().grade());
      for (Finding f : scored.get(i).card().findings()) {
        int r = rules.indexOf(f.rule());
        double raw = f.deduction();
        d[i][r] += raw;
        maxOne[r] = Math.max(maxOne[r], raw);
      }
    }
    GRADES = scored.stream().mapToDouble(x -> x.entry().grade()).toArray();
    SCORES = new double[GRADES.length];
    double[] k = new double[rules.size()];
    java.util.Arrays.fill(k, 1);
    List<String> held =
        List.of(
            "BIG_ASK_FIRST_CONTACT",
            "PRESSURE_LANGUAGE",
            "VISA_HEDGE",
            "UNFILLED_PLACEHOLDER",
            "GREETING_NAME_MISMATCH",
            "TERSE_FIRST_CONTACT",
            "FOLLOW_UP_TOO_SOON",
            "PUSHES_PAST_NO");
    for (int r = 0; r < k.length; r++) {
      k[r] = Double.parseDouble(old.getProperty(rules.get(r), "1"));
      if (!held.contains(rules.get(r)) && maxOne[r] > 0) {
        k[r] = Math.min(k[r], maxOne(rules.get(r)) / maxOne[r]);
      }
    }
    double before = loss(d, t, k);
    double[] before0 = k.clone();
    for (int round = 0; round < 8; round++) {
      for (int r = 0; r < k.length; r++) {
        if (held.contains(rules.get(r))) {
          continue;
        }
        double best = loss(d, t, k);
        double bestK = k[r];
        // A rule that is not held is a matter of polish: one finding of it costs at most MAX_MINOR
        // points.
        for (double v = 0.1;
            v <= 5.0001 && v * maxOne[r] <= maxOne(rules.get(r)) + 1e-9;
            v += 0.05) {
          double was = k[r];
          k[r] = v;
          double l = loss(d, t, k);
          if (l < best - 1e-9) {
            best = l;
            bestK = v;
          }
          k[r] = was;
        }
        k[r] = bestK;
      }
    }
    if (holdout) {
      double[] ds = new double[dev.size()];
      double[] dg = new double[dev.size()];
      for (int i = 0; i < dev.size(); i++) {
        double lost = 0;
        for (Finding f : dev.get(i).card().findings()) {
          int r = rules.indexOf(f.rule());
          lost += r < 0 ? f.deduction() : k[r] * f.deduction();
        }
        ds[i] = Math.max(0, Math.min(100, 100 - lost));
        dg[i] = dev.get(i).entry().grade();
      }
      System.out.printf(
          Locale.ROOT,
          "HOLDOUT alpha=%.2f train Spearman %.3f dev Spearman %.3f%n",
          ALPHA,
          JudgementScoresTest.spearman(fitted(d, k), GRADES),
          JudgementScoresTest.spearman(ds, dg));
      return;
    }
    StringBuilder sb =
        new StringBuilder("# Fitted deduction multipliers (train + dev, " + n + " drafts)\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "RMS distance to the grade's score: %.1f before, %.1f after%n%n",
            Math.sqrt(bandLoss(d, t, before0) / n),
            Math.sqrt(bandLoss(d, t, k) / n)));
    sb.append("| rule | drafts | multiplier |\n|---|---:|---:|\n");
    Map<String, Integer> count = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      for (int r = 0; r < k.length; r++) {
        if (d[i][r] > 0) {
          count.merge(rules.get(r), 1, Integer::sum);
        }
      }
    }
    for (int r = 0; r < k.length; r++) {
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.1f%s |%n",
              rules.get(r),
              count.getOrDefault(rules.get(r), 0),
              k[r],
              held.contains(rules.get(r)) ? " (held)" : ""));
    }
    Files.createDirectories(Path.of("target"));
    Files.writeString(
        Path.of("target/score-calibration.md"), sb.toString(), StandardCharsets.UTF_8);
    StringBuilder props =
        new StringBuilder(
            "# How much each built-in rule's deductions count in the score, fitted on the judgement\n"
                + "# corpus's train and dev drafts by ScoreCalibrationTest (-Drapport.calibrate.write=true). Rules not listed: 1.\n");
    for (int r = 0; r < k.length; r++) {
      if (held.contains(rules.get(r))) {
        continue;
      }
      double w = k[r];
      props
          .append(rules.get(r))
          .append('=')
          .append(String.format(Locale.ROOT, "%.2f", w))
          .append('\n');
    }
    Files.writeString(Path.of("target/deductions.properties"), props.toString());
    if (Boolean.getBoolean("rapport.calibrate.write")) {
      Files.createDirectories(table.getParent());
      Files.writeString(table, props.toString());
    }
    assertTrue(n > 0);
  }

  /**
   * The band a mean grade belongs in: 1–2 poor, 5 good, between them worth another look (with some
   * slack at the edges).
   */
  static double[] band(double grade) {
    if (grade <= 2) {
      return new double[] {0, 59};
    }
    if (grade <= 3) {
      return new double[] {45, 84};
    }
    if (grade < 4.5) {
      return new double[] {60, 90};
    }
    if (grade < 5) {
      return new double[] {78, 100};
    }
    return new double[] {85, 100};
  }

  /**
   * Squared distance outside each draft's band, plus a small pull towards the grade's score (so
   * ranks within a band follow).
   */
  private static double loss(double[][] d, double[] t, double[] k) {
    double l = 0;
    for (int i = 0; i < d.length; i++) {
      double lost = 0;
      for (int r = 0; r < k.length; r++) {
        lost += k[r] * d[i][r];
      }
      double s = Math.max(0, Math.min(100, 100 - lost));
      SCORES[i] = s;
      double[] b = band(GRADES[i]);
      double out = s < b[0] ? b[0] - s : s > b[1] ? s - b[1] : 0;
      l += out * out + 0.05 * (s - t[i]) * (s - t[i]);
    }
    return ALPHA == 0 ? l : l - ALPHA * d.length * JudgementScoresTest.spearman(SCORES, GRADES);
  }

  private static double[] GRADES = new double[0];
  private static double[] SCORES = new double[0];

  /**
   * How much the rank correlation with the grades counts in the fit, beside the bands: the loss is
   * the squared distance outside each draft's band (plus a small pull to its grade's score), minus
   * ALPHA × drafts × Spearman. Chosen on dev with {@code -Drapport.calibrate.holdout=true}.
   */
  static final double ALPHA =
      Double.parseDouble(System.getProperty("rapport.calibrate.alpha", "200"));

  /** The band part of {@link #loss}, without the rank term. */
  private static double bandLoss(double[][] d, double[] t, double[] k) {
    double l = 0;
    double[] s = fitted(d, k);
    for (int i = 0; i < d.length; i++) {
      double[] b = band(GRADES[i]);
      double out = s[i] < b[0] ? b[0] - s[i] : s[i] > b[1] ? s[i] - b[1] : 0;
      l += out * out + 0.05 * (s[i] - t[i]) * (s[i] - t[i]);
    }
    return l;
  }

  private static double[] fitted(double[][] d, double[] k) {
    double[] out = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      double lost = 0;
      for (int r = 0; r < k.length; r++) {
        lost += k[r] * d[i][r];
      }
      out[i] = Math.max(0, Math.min(100, 100 - lost));
    }
    return out;
  }

  /** The most one finding of a rule that is not held may cost. */
  static final double MAX_MINOR = 15;

  /**
   * The most one finding of {@code rule} may cost: {@link #MAX_MINOR}, except for a big ask of
   * someone just met and a thank-you sent weeks late, which the guidance counts among the worst
   * mistakes, and a text-message register (every such draft on train was graded 1 or 2): the fit
   * may weigh these as heavily as a held rule.
   */
  static double maxOne(String rule) {
    return rule.equals("BIG_ASK_TOO_EARLY")
            || rule.equals("THANK_YOU_LATE")
            || rule.equals("CASUAL_TONE")
        ? 45
        : MAX_MINOR;
  }
}
