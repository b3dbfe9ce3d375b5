package dev.rapport.lint;

import dev.rapport.draft.SourcePosition;
import java.util.Objects;

/**
 * One thing a rule found in a draft: where, what, and what to do about it.
 *
 * @param rule the id of the rule that found it, such as {@code BODY_LENGTH}
 * @param severity how much it matters, after configuration
 * @param dimension what it counts against
 * @param span where it is, in the draft's text or subject
 * @param position the line and column of {@code span}'s start in the original input
 * @param message what is wrong, in one sentence
 * @param suggestion what to do instead, in one sentence; may be empty
 * @param deduction the points it takes off its dimension's score (or, for hygiene, the overall)
 */
public record Finding(
    String rule,
    Severity severity,
    Dimension dimension,
    Span span,
    SourcePosition position,
    String message,
    String suggestion,
    int deduction) {

  /** Validates the components. */
  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(span, "span");
    Objects.requireNonNull(position, "position");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(suggestion, "suggestion");
    if (deduction < 0 || deduction > 100) {
      throw new IllegalArgumentException("deduction must be 0..100: " + deduction);
    }
  }
}
