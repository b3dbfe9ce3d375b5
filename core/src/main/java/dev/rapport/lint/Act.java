package dev.rapport.lint;

import java.util.Locale;

/**
 * What a sentence of a draft does, as the built-in act model recognises it ({@link
 * LintContext#sentences()}). A sentence may do several things at once ("Could we speak for ten
 * minutes?" is a meeting request, a small request and a question). The labels are the ones the
 * judgement corpus is annotated with.
 */
public enum Act {
  /**
   * Asks for something small and bounded: a few minutes of advice, feedback on one abstract, a
   * name.
   */
  SMALL_REQUEST("asks for something small"),
  /**
   * Asks for something big: an observership, a rotation, a letter, a position, a research post,
   * sponsorship.
   */
  BIG_REQUEST("asks for something big"),
  /** Asks for a call, a meeting, a chat or time at a conference. */
  MEETING_REQUEST("asks for a meeting"),
  /** Asks a question that expects an answer. */
  QUESTION("asks a question"),
  /** Pressure, a demand, a deadline, reproach, guilt or begging. */
  PRESSURE("puts pressure on the reader"),
  /** States citizenship, IMG status or the visa needed, plainly. */
  VISA_STATEMENT("states citizenship or visa plainly"),
  /** Hedges or minimises visa or status. */
  VISA_HEDGE("hedges about visa or status"),
  /** Praise that could be sent to anyone. */
  GENERIC_PRAISE("praises in general terms"),
  /** Refers to something specific the recipient did, with a detail. */
  SPECIFIC_REFERENCE("refers to the recipient's own work"),
  /** Refers to an earlier message or meeting, or when it happened. */
  PRIOR_REFERENCE("refers to an earlier message or meeting"),
  /** Thanks the reader. */
  THANKS("thanks the reader"),
  /** Gives news of the writer's progress. */
  UPDATE("gives an update"),
  /** Says who the writer is. */
  SELF_INTRO("introduces the writer");

  private final String description;

  Act(String description) {
    this.description = description;
  }

  /** Returns the corpus label: the name in lower case ({@code small_request}). */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns what a sentence with this act does, in a few plain words ("puts pressure on the
   * reader").
   */
  public String description() {
    return description;
  }

  /** Returns the act with this corpus label, or throws. */
  public static Act ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }

  /**
   * Returns whether this act asks the reader for something (a small or big request, or a meeting).
   */
  public boolean isRequest() {
    return this == SMALL_REQUEST || this == BIG_REQUEST || this == MEETING_REQUEST;
  }
}
