package dev.rapport.lint.rules;

import dev.rapport.lint.AskDetector;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import java.util.ArrayList;
import java.util.List;

/**
 * One to three questions get answered; a list of five gets postponed. (A message with no question
 * at all is {@code NO_CLEAR_ASK}'s business.)
 */
final class QuestionCount implements Rule {

  @Override
  public String id() {
    return "QUESTION_COUNT";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "The message asks more than 3 questions.";
  }

  @Override
  public List<RuleOption> options() {
    return List.of(
        RuleOption.integer(
            "maxQuestions", 3, 1, 20, "more questions than this is too many for one message"));
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Park,\n\nHow did you choose PM&R? Which journals do you read? Do you take international students? "
                + "What should I do to match? Could you review my CV?\n\nBest,\nReza"),
        RuleExample.good(
            "Dear Dr. Park,\n\nHow did you choose PM&R? Would you have 15 minutes to tell me more?\n\nBest,\nReza"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    List<AskDetector.Ask> questions = new ArrayList<>();
    for (AskDetector.Ask a : context.asks()) {
      if (a.isRequest()) {
        questions.add(a);
      }
    }
    int max = context.options().integer("maxQuestions");
    if (questions.size() > max) {
      int extra = questions.size() - max;
      reporter.report(
          questions.get(max).span(),
          "The message asks "
              + questions.size()
              + " questions; more than "
              + max
              + " is a lot to answer in one reply.",
          "Keep the "
              + max
              + " that matter most; the rest can wait for the conversation they lead to.",
          Math.min(12, 4 + 2 * extra));
    }
  }
}
