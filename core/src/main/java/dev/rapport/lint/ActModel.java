package dev.rapport.lint;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A trained model of what a sentence does: one logistic regression per {@link Act} over {@link
 * SentenceFeatures}, with two probability thresholds per act chosen on writers the model was not
 * trained on (cross-validated by writer session): above the first the model says the sentence does
 * the act; above the second it is sure (right at least nine times in ten there). The built-in model
 * ships in the jar ({@code acts.model}, a few hundred KB), is trained from the judgement corpus by
 * {@code ActTrainer} in the test tree, and is read the first time a draft is linted.
 *
 * <p>Weights are stored as signed bytes with one scale per act; features that the training data
 * never saw, or whose weights round to zero, are not stored. Immutable and thread-safe.
 */
final class ActModel {
  private static final int MAGIC = 0x52414332; // "RAC2"
  private static final String RESOURCE = "acts.model";

  private final int bits;
  private final float[] bias;
  private final float[] threshold;
  private final float[] sure;
  private final float[] scale;

  /** Open-addressed table: feature id + 1 (0 = empty) to row. */
  private final int[] keys;

  private final int[] rows;
  private final byte[] weights; // rows × acts
  private final int mask;

  ActModel(
      int bits,
      float[] bias,
      float[] threshold,
      float[] sure,
      float[] scale,
      int[] ids,
      byte[] weights) {
    int n = Act.values().length;
    if (bias.length != n
        || threshold.length != n
        || sure.length != n
        || scale.length != n
        || weights.length != ids.length * n) {
      throw new IllegalArgumentException("model shape does not match " + n + " acts");
    }
    this.bits = bits;
    this.bias = bias.clone();
    this.threshold = threshold.clone();
    this.sure = sure.clone();
    this.scale = scale.clone();
    this.weights = weights.clone();
    int size = Integer.highestOneBit(Math.max(16, ids.length * 2)) << 1;
    this.mask = size - 1;
    this.keys = new int[size];
    this.rows = new int[size];
    for (int r = 0; r < ids.length; r++) {
      int slot = slot(ids[r]);
      while (keys[slot] != 0) {
        slot = (slot + 1) & mask;
      }
      keys[slot] = ids[r] + 1;
      rows[slot] = r;
    }
  }

  private int slot(int id) {
    int h = id * 0x9E3779B1;
    return (h ^ (h >>> 15)) & mask;
  }

  private int row(int id) {
    int slot = slot(id);
    while (true) {
      int k = keys[slot];
      if (k == 0) {
        return -1;
      }
      if (k == id + 1) {
        return rows[slot];
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Returns the model that ships in the jar, reading it on first use. */
  static ActModel builtIn() {
    return BuiltIn.MODEL;
  }

  private static final class BuiltIn {
    static final ActModel MODEL = load();

    private static ActModel load() {
      try (InputStream in = ActModel.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the act model " + RESOURCE + " is missing from the jar");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the act model " + RESOURCE, e);
      }
    }
  }

  /** Reads what a sentence does; {@code span} is where it stands in the draft. */
  SentenceActs read(String sentence, Span span) {
    Objects.requireNonNull(sentence, "sentence");
    return new SentenceActs(span, probabilities(SentenceFeatures.of(sentence)), threshold, sure);
  }

  /** Returns the probability of each act (by ordinal) for a sentence's features. */
  float[] probabilities(int[] features) {
    int n = bias.length;
    float[] z = new float[n];
    for (int id : features) {
      int r = row(id);
      if (r < 0) {
        continue;
      }
      int base = r * n;
      for (int a = 0; a < n; a++) {
        z[a] += weights[base + a];
      }
    }
    for (int a = 0; a < n; a++) {
      z[a] = (float) (1 / (1 + Math.exp(-(z[a] * scale[a] + bias[a]))));
    }
    return z;
  }

  /** Returns the threshold above which the model says a sentence does {@code act}. */
  double threshold(Act act) {
    return threshold[act.ordinal()];
  }

  /** Returns the number of stored features. */
  int size() {
    return weights.length / bias.length;
  }

  /**
   * Returns the threshold above which the model is sure a sentence does {@code act} (above 1:
   * never).
   */
  double sureThreshold(Act act) {
    return sure[act.ordinal()];
  }

  /** Returns a copy of this model with other thresholds (by act ordinal). */
  ActModel withThresholds(float[] thresholds, float[] sureThresholds) {
    return new ActModel(bits, bias, thresholds, sureThresholds, scale, ids(), weights);
  }

  private int[] ids() {
    int[] ids = new int[size()];
    for (int s = 0; s < keys.length; s++) {
      if (keys[s] != 0) {
        ids[rows[s]] = keys[s] - 1;
      }
    }
    return ids;
  }

  /**
   * Writes the model in the format {@link #read} reads: gzip, then a magic number, shape, and
   * delta-coded feature ids.
   */
  void write(OutputStream out) throws IOException {
    GZIPOutputStream gz = new GZIPOutputStream(out);
    // A fixed header time keeps the file byte-for-byte the same for the same model.
    DataOutputStream d = new DataOutputStream(gz);
    d.writeInt(MAGIC);
    d.writeInt(bits);
    Act[] acts = Act.values();
    d.writeInt(acts.length);
    for (Act a : acts) {
      d.writeUTF(a.label());
      d.writeFloat(bias[a.ordinal()]);
      d.writeFloat(threshold[a.ordinal()]);
      d.writeFloat(sure[a.ordinal()]);
      d.writeFloat(scale[a.ordinal()]);
    }
    int[] ids = ids();
    int[] order = sortedOrder(ids);
    d.writeInt(ids.length);
    int last = 0;
    for (int r : order) {
      writeVarInt(d, ids[r] - last);
      last = ids[r];
    }
    for (int r : order) {
      d.write(weights, r * acts.length, acts.length);
    }
    d.flush();
    gz.finish();
  }

  private static int[] sortedOrder(int[] ids) {
    Integer[] boxed = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (x, y) -> Integer.compare(ids[x], ids[y]));
    int[] order = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  /** Reads a model written by {@link #write}. */
  static ActModel read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(new BufferedInputStream(new GZIPInputStream(in)));
    if (d.readInt() != MAGIC) {
      throw new IOException("not an act model");
    }
    int bits = d.readInt();
    if (bits != SentenceFeatures.BITS) {
      throw new IOException(
          "act model hashes into 2^"
              + bits
              + " features; this version reads 2^"
              + SentenceFeatures.BITS);
    }
    int n = d.readInt();
    Act[] acts = Act.values();
    if (n != acts.length) {
      throw new IOException("act model has " + n + " acts; this version knows " + acts.length);
    }
    float[] bias = new float[n];
    float[] threshold = new float[n];
    float[] sure = new float[n];
    float[] scale = new float[n];
    for (int a = 0; a < n; a++) {
      String label = d.readUTF();
      if (!label.equals(acts[a].label())) {
        throw new IOException(
            "act model's act " + a + " is " + label + ", expected " + acts[a].label());
      }
      bias[a] = d.readFloat();
      threshold[a] = d.readFloat();
      sure[a] = d.readFloat();
      scale[a] = d.readFloat();
    }
    int rows = d.readInt();
    if (rows < 0 || rows > 1 << SentenceFeatures.BITS) {
      throw new IOException("act model has " + rows + " features");
    }
    int[] ids = new int[rows];
    int last = 0;
    for (int r = 0; r < rows; r++) {
      last += readVarInt(d);
      ids[r] = last;
    }
    byte[] weights = new byte[rows * n];
    d.readFully(weights);
    return new ActModel(bits, bias, threshold, sure, scale, ids, weights);
  }

  private static void writeVarInt(DataOutputStream d, int v) throws IOException {
    while ((v & ~0x7f) != 0) {
      d.writeByte((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    d.writeByte(v);
  }

  private static int readVarInt(DataInputStream d) throws IOException {
    int v = 0;
    for (int shift = 0; shift < 32; shift += 7) {
      int b = d.readUnsignedByte();
      v |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("bad varint in act model");
  }
}
