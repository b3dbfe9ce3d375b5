package dev.rapport.lint.rules;

import dev.rapport.lint.AskDetector;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import java.util.List;

/**
 * Faculty who can offer an observership or a position need to know at once whether the writer is an
 * international graduate; saying so plainly lets them answer, or refer the writer elsewhere. Only
 * requests about training positions are judged; other messages lose nothing here.
 */
final class CitizenshipNotStated implements Rule {

  @Override
  public String id() {
    return "CITIZENSHIP_NOT_STATED";
  }

  @Override
  public Dimension dimension() {
    return Dimension.VISA_TRANSPARENCY;
  }

  @Override
  public String description() {
    return "A request about a training position does not state citizenship or IMG status.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Reyes,\n\nI graduated from the University of Santo Tomas. Does your department offer observerships "
                + "in spinal cord injury rehabilitation?\n\nBest,\nJoy"),
        RuleExample.good(
            "Dear Dr. Reyes,\n\nI am a Filipino citizen and an international medical graduate, and I would need a J-1 visa. "
                + "Does your department offer observerships in spinal cord injury rehabilitation?\n\nBest,\nJoy"),
        // Advice is not a training position: nothing to state.
        RuleExample.good(
            "Dear Dr. Reyes,\n\nI graduated from the University of Santo Tomas. Would you have 15 minutes to share how "
                + "you chose spinal cord injury medicine?\n\nBest,\nJoy"));
  }

  @Override
  public boolean appliesTo(LintContext context) {
    return VisaStatements.trainingAsk(context) != null;
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    AskDetector.Ask training = VisaStatements.trainingAsk(context);
    if (training == null
        || VisaStatements.states(context, VisaStatements.STATUS)
        || VisaStatements.states(context, VisaStatements.VISA)) {
      return;
    }
    reporter.report(
        training.span(),
        "The message asks about a training position but does not say whether you are a US citizen or an international graduate.",
        "Say it plainly in one line: \"I am a non-US citizen IMG from Nigeria and will need J-1 sponsorship.\"",
        25);
  }
}
