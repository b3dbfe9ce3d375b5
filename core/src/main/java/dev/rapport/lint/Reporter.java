package dev.rapport.lint;

/**
 * Receives a rule's findings; the linter adds the rule id, severity, dimension and position. Not
 * thread-safe.
 */
@FunctionalInterface
public interface Reporter {

  /**
   * Reports a finding.
   *
   * @param span where it is
   * @param message what is wrong, in one sentence
   * @param suggestion what to do instead, in one sentence
   * @param deduction the points it costs, 0 to 100
   */
  void report(Span span, String message, String suggestion, int deduction);
}
