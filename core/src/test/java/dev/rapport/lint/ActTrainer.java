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
 * sentences give the same model byte for byte. Thresholds are then chosen per act on the
 * development sentences (never on the test split) to maximise F1, with recall weighed a little
 * more for the acts a rule penalises, which must not slip past.
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

  public static final Settings DEFAULTS = new Settings(12, 1e-2, 0.1, 20261203L);

  private ActTrainer() {}

  /** Trains on {@code train} and chooses thresholds on {@code dev}. */
  public static ActModel train(List<Example> train, List<Example> dev, Settings s) {
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
      // Rare acts: weigh positives up (square root of the imbalance), so the model does not learn to say no.
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
    ActModel model = new ActModel(SentenceFeatures.BITS, bias, half, scale, idArray, weights);
    return model.withThresholds(thresholds(model, dev));
  }

  /** Acts whose findings cost points: a missed one lets a bad draft through, so recall counts double in choosing their threshold. */
  private static final Set<Act> PENALISED = EnumSet.of(Act.PRESSURE, Act.VISA_HEDGE, Act.BIG_REQUEST, Act.GENERIC_PRAISE);

  private static float[] thresholds(ActModel model, List<Example> dev) {
    int n = Act.values().length;
    float[][] p = new float[dev.size()][];
    for (int i = 0; i < p.length; i++) {
      p[i] = model.probabilities(SentenceFeatures.of(dev.get(i).text()));
    }
    float[] out = new float[n];
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
    }
    return out;
  }
}
