package dev.rapport.lint;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * Trains the {@link ActModel}: for each act, an L2-regularised logistic regression over {@link
 * SentenceFeatures}, fitted by AdaGrad on the training sentences in a seeded order, so the same
 * sentences give the same model byte for byte. Thresholds are chosen per act on sentences the model
 * did not see: {@link #crossValidate} trains one model per writer session on the others and reads
 * that session with it, so every threshold is set on writers the model never met, as the test split
 * and real users will be (never on the test split itself). The first threshold maximises F1; the
 * second, "sure", is the lowest at which nine readings in ten were right.
 */
public final class ActTrainer {

  /** One labelled sentence. */
  public record Example(String text, Set<Act> acts) {
    public Example {
      Objects.requireNonNull(text, "text");
      acts = acts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(acts));
    }
  }

  /** Training settings; {@link #DEFAULTS} are what the built-in model uses. */
  public record Settings(int epochs, double l2, double rate, long seed) {}

  public static final Settings DEFAULTS = new Settings(12, 1.0, 0.05, 20261203L);

  private ActTrainer() {}

  /**
   * A model trained on every session, with thresholds chosen on out-of-fold readings, and for each
   * session the model trained without it (with the same thresholds), to read that session as an
   * unseen writer would be read.
   */
  public record CrossValidated(ActModel model, java.util.Map<String, ActModel> withoutSession) {}

  /**
   * Trains on every session's examples; thresholds come from reading each session with a model
   * trained on the others.
   */
  public static CrossValidated crossValidate(
      java.util.Map<String, List<Example>> bySession, Settings s) {
    java.util.TreeMap<String, List<Example>> sessions = new java.util.TreeMap<>(bySession);
    List<Example> all = new ArrayList<>();
    sessions.values().forEach(all::addAll);
    java.util.Map<String, ActModel> folds = new java.util.TreeMap<>();
    List<Example> heldOut = new ArrayList<>();
    List<float[]> p = new ArrayList<>();
    for (var e : sessions.entrySet()) {
      List<Example> rest = new ArrayList<>();
      sessions.forEach(
          (k, v) -> {
            if (!k.equals(e.getKey())) {
              rest.addAll(v);
            }
          });
      ActModel fold = fit(rest, s);
      folds.put(e.getKey(), fold);
      for (Example x : e.getValue()) {
        heldOut.add(x);
        p.add(fold.probabilities(SentenceFeatures.of(x.text())));
      }
    }
    float[][] t = thresholds(p.toArray(new float[0][]), heldOut);
    java.util.Map<String, ActModel> withThresholds = new java.util.TreeMap<>();
    folds.forEach((k, m) -> withThresholds.put(k, m.withThresholds(t[0], t[1])));
    return new CrossValidated(
        fit(all, s).withThresholds(t[0], t[1]),
        java.util.Collections.unmodifiableMap(withThresholds));
  }

  /** Trains on {@code train} and chooses thresholds on {@code dev}. */
  public static ActModel train(List<Example> train, List<Example> dev, Settings s) {
    ActModel model = fit(train, s);
    float[][] p = new float[dev.size()][];
    for (int i = 0; i < p.length; i++) {
      p[i] = model.probabilities(SentenceFeatures.of(dev.get(i).text()));
    }
    float[][] t = thresholds(p, dev);
    return model.withThresholds(t[0], t[1]);
  }

  /** Fits the weights on {@code train}; every threshold is 0.5 and the model is never sure. */
  static ActModel fit(List<Example> train, Settings s) {
    int n = Act.values().length;
    int dim = 1 << SentenceFeatures.BITS;
    int[][] x = new int[train.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = SentenceFeatures.of(train.get(i).text());
    }
    float[][] w = new float[n][];
    float[] bias = new float[n];
    for (Act act : Act.values()) {
      int a = act.ordinal();
      w[a] = new float[dim];
      float[] g2 = new float[dim];
      double b = 0;
      double gb2 = 1e-8;
      int pos = 0;
      for (Example e : train) {
        pos += e.acts().contains(act) ? 1 : 0;
      }
      // Rare acts: weigh positives up (square root of the imbalance), so the model does not learn
      // to say no.
      double posWeight = pos == 0 ? 1 : Math.min(8, Math.sqrt((double) (train.size() - pos) / pos));
      Random random = new Random(s.seed() + a);
      int[] order = new int[x.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      for (int epoch = 0; epoch < s.epochs(); epoch++) {
        for (int i = order.length - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          int t = order[i];
          order[i] = order[j];
          order[j] = t;
        }
        for (int i : order) {
          int[] f = x[i];
          boolean y = train.get(i).acts().contains(act);
          double z = b;
          for (int id : f) {
            z += w[a][id];
          }
          double p = 1 / (1 + Math.exp(-z));
          double g = (p - (y ? 1 : 0)) * (y ? posWeight : 1);
          for (int id : f) {
            double gi = g + s.l2() * w[a][id];
            g2[id] += (float) (gi * gi);
            w[a][id] -= (float) (s.rate() * gi / Math.sqrt(g2[id] + 1e-8));
          }
          gb2 += g * g;
          b -= s.rate() * g / Math.sqrt(gb2);
        }
      }
      bias[a] = (float) b;
    }
    // Quantise: one scale per act; keep the features with any non-zero byte.
    float[] scale = new float[n];
    for (int a = 0; a < n; a++) {
      float max = 1e-6f;
      for (float v : w[a]) {
        max = Math.max(max, Math.abs(v));
      }
      scale[a] = max / 127f;
    }
    List<Integer> ids = new ArrayList<>();
    List<byte[]> rows = new ArrayList<>();
    for (int id = 0; id < dim; id++) {
      byte[] row = new byte[n];
      boolean any = false;
      for (int a = 0; a < n; a++) {
        int q = Math.round(w[a][id] / scale[a]);
        row[a] = (byte) Math.max(-127, Math.min(127, q));
        any |= row[a] != 0;
      }
      if (any) {
        ids.add(id);
        rows.add(row);
      }
    }
    int[] idArray = new int[ids.size()];
    byte[] weights = new byte[ids.size() * n];
    for (int r = 0; r < idArray.length; r++) {
      idArray[r] = ids.get(r);
      System.arraycopy(rows.get(r), 0, weights, r * n, n);
    }
    float[] half = new float[n];
    java.util.Arrays.fill(half, 0.5f);
    float[] never = new float[n];
    java.util.Arrays.fill(never, 2f);
    return new ActModel(SentenceFeatures.BITS, bias, half, never, scale, idArray, weights);
  }

  /**
   * How often a sure reading must have been right on unseen writers, and on how many sentences at
   * least.
   */
  static final double SURE_PRECISION = 0.9;

  static final int SURE_MIN_HITS = 5;

  /**
   * Returns {F1 thresholds, sure thresholds} by act ordinal, chosen on probabilities {@code p} of
   * the labelled {@code dev}.
   */
  private static float[][] thresholds(float[][] p, List<Example> dev) {
    int n = Act.values().length;
    float[] out = new float[n];
    float[] sure = new float[n];
    for (Act act : Act.values()) {
      int a = act.ordinal();
      double beta = 1.0;
      double best = -1;
      float bestT = 0.5f;
      for (int step = 10; step <= 90; step += 2) {
        float t = step / 100f;
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < p.length; i++) {
          boolean y = dev.get(i).acts().contains(act);
          boolean h = p[i][a] >= t;
          tp += y && h ? 1 : 0;
          fp += !y && h ? 1 : 0;
          fn += y && !h ? 1 : 0;
        }
        double b2 = beta * beta;
        double f = tp == 0 ? 0 : (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp);
        if (f > best + 1e-9) {
          best = f;
          bestT = t;
        }
      }
      out[a] = bestT;
      sure[a] = 2f;
      for (int step = Math.round(bestT * 100); step <= 98; step += 2) {
        float t = step / 100f;
        int tp = 0, fp = 0;
        for (int i = 0; i < p.length; i++) {
          if (p[i][a] >= t) {
            if (dev.get(i).acts().contains(act)) {
              tp++;
            } else {
              fp++;
            }
          }
        }
        if (tp >= SURE_MIN_HITS && tp >= SURE_PRECISION * (tp + fp)) {
          sure[a] = t;
          break;
        }
      }
    }
    return new float[][] {out, sure};
  }
}
