package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.judgement.JudgementCorpus;
import dev.rapport.judgement.JudgementCorpus.Split;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.doccat.NGramFeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The candidates the act model was chosen from, measured on the test split after each chose its
 * thresholds on dev: the built-in logistic regression (AdaGrad) over {@link SentenceFeatures};
 * Apache OpenNLP's maxent document categoriser (GIS) over the same features; and OpenNLP's
 * categoriser with its own bag-of-words and word-bigram features. Slow (a minute), so it runs only
 * when asked: {@code mvn -pl core test -Dtest=ActCandidatesTest -Drapport.candidates=true}; it
 * writes {@code target/act-candidates.md}.
 */
@EnabledIfSystemProperty(named = "rapport.candidates", matches = "true")
class ActCandidatesTest {

  @Test
  void compareCandidatesOnTheTestSplit() throws IOException {
    JudgementCorpus c = JudgementCorpus.get();
    List<ActTrainer.Example> train = c.examples(Split.TRAIN);
    List<ActTrainer.Example> dev = c.examples(Split.DEV);
    List<ActTrainer.Example> test = c.examples(Split.TEST);
    StringBuilder sb = new StringBuilder("# Act model candidates on the test split\n\n");
    long t0 = System.nanoTime();
    ActModel lr = ActTrainer.train(train, dev, ActTrainer.DEFAULTS);
    sb.append(
        section(
            "Logistic regression (AdaGrad) over SentenceFeatures: the built-in model",
            t0,
            ActEvaluation.of(lr, test)));
    t0 = System.nanoTime();
    Function<String, String[]> hashed =
        s -> {
          int[] f = SentenceFeatures.of(s);
          String[] out = new String[f.length];
          for (int i = 0; i < f.length; i++) {
            out[i] = Integer.toString(f[i], 36);
          }
          return out;
        };
    sb.append(
        section(
            "OpenNLP maxent (GIS, 100 iterations) over the same features",
            t0,
            openNlp(
                train,
                dev,
                test,
                hashed,
                new FeatureGenerator[] {new BagOfWordsFeatureGenerator()})));
    t0 = System.nanoTime();
    Function<String, String[]> words = s -> SentenceFeatures.tokens(s);
    sb.append(
        section(
            "OpenNLP maxent over its own bag of words and word bigrams",
            t0,
            openNlp(
                train,
                dev,
                test,
                words,
                new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), ngrams()})));
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/act-candidates.md"), sb.toString(), StandardCharsets.UTF_8);
    assertTrue(sb.length() > 0);
  }

  private static FeatureGenerator ngrams() {
    try {
      return new NGramFeatureGenerator(2, 2);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String section(String title, long t0, ActEvaluation e) {
    return String.format(
        Locale.ROOT,
        "## %s (trained in %.1f s)%n%n%s%n",
        title,
        (System.nanoTime() - t0) / 1e9,
        e.markdown());
  }

  /**
   * One binary OpenNLP categoriser per act; thresholds chosen on dev as the built-in trainer
   * chooses them (best F1).
   */
  private static ActEvaluation openNlp(
      List<ActTrainer.Example> train,
      List<ActTrainer.Example> dev,
      List<ActTrainer.Example> test,
      Function<String, String[]> tokens,
      FeatureGenerator[] generators)
      throws IOException {
    List<DocumentCategorizerME> models = new ArrayList<>();
    float[] thresholds = new float[Act.values().length];
    for (Act a : Act.values()) {
      List<DocumentSample> samples = new ArrayList<>();
      for (ActTrainer.Example e : train) {
        samples.add(
            new DocumentSample(e.acts().contains(a) ? "yes" : "no", tokens.apply(e.text())));
      }
      TrainingParameters p = TrainingParameters.defaultParams();
      p.put(TrainingParameters.ITERATIONS_PARAM, 100);
      p.put(TrainingParameters.CUTOFF_PARAM, 1);
      DoccatModel m =
          DocumentCategorizerME.train(
              "en",
              ObjectStreamUtils.createObjectStream(samples),
              p,
              new DoccatFactory(generators));
      DocumentCategorizerME cat = new DocumentCategorizerME(m);
      models.add(cat);
      double best = -1;
      for (int step = 10; step <= 90; step += 2) {
        float t = step / 100f;
        int tp = 0, fp = 0, fn = 0;
        for (ActTrainer.Example e : dev) {
          boolean y = e.acts().contains(a);
          boolean h = yes(cat, tokens.apply(e.text())) >= t;
          tp += y && h ? 1 : 0;
          fp += !y && h ? 1 : 0;
          fn += y && !h ? 1 : 0;
        }
        double f = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fn + fp);
        if (f > best + 1e-9) {
          best = f;
          thresholds[a.ordinal()] = t;
        }
      }
    }
    return ActEvaluation.of(
        test,
        text -> {
          Set<Act> out = EnumSet.noneOf(Act.class);
          String[] t = tokens.apply(text);
          for (Act a : Act.values()) {
            if (yes(models.get(a.ordinal()), t) >= thresholds[a.ordinal()]) {
              out.add(a);
            }
          }
          return out;
        });
  }

  private static double yes(DocumentCategorizerME cat, String[] tokens) {
    double[] p = cat.categorize(tokens);
    int i = cat.getIndex("yes");
    return i < 0 ? 0 : p[i];
  }
}
