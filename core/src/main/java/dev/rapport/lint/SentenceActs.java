package dev.rapport.lint;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One sentence of what the writer wrote now, and what the built-in act model reads in it: a
 * probability per {@link Act} and the acts whose probability reached the model's threshold.
 * Immutable.
 */
public final class SentenceActs {
  private final Span span;
  private final float[] probabilities;
  private final Set<Act> acts;
  private final Set<Act> sure;

  SentenceActs(Span span, float[] probabilities, float[] thresholds, float[] sureThresholds) {
    this.span = Objects.requireNonNull(span, "span");
    this.probabilities = probabilities.clone();
    EnumSet<Act> on = EnumSet.noneOf(Act.class);
    EnumSet<Act> certain = EnumSet.noneOf(Act.class);
    for (Act a : Act.values()) {
      float p = probabilities[a.ordinal()];
      if (p >= thresholds[a.ordinal()]) {
        on.add(a);
        if (p >= sureThresholds[a.ordinal()]) {
          certain.add(a);
        }
      }
    }
    this.acts = Collections.unmodifiableSet(on);
    this.sure = Collections.unmodifiableSet(certain);
  }

  /** Returns where the sentence stands in the draft's text. */
  public Span span() {
    return span;
  }

  /** Returns the model's probability that the sentence does {@code act}. */
  public double probability(Act act) {
    return probabilities[act.ordinal()];
  }

  /** Returns whether the sentence does {@code act}, by the model's threshold for it. */
  public boolean has(Act act) {
    return acts.contains(act);
  }

  /**
   * Returns whether the model is sure the sentence does {@code act}: its probability reached the
   * level at which, on writers it was not trained on, the model was right at least nine times in
   * ten. A rule may weigh a sure reading fully and a merely likely one less.
   */
  public boolean isSure(Act act) {
    return sure.contains(act);
  }

  /** Returns the acts the sentence does. */
  public Set<Act> acts() {
    return acts;
  }

  /** Returns whether the sentence asks for something: a small or big request, or a meeting. */
  public boolean isRequest() {
    for (Act a : acts) {
      if (a.isRequest()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return span + " " + acts;
  }
}
