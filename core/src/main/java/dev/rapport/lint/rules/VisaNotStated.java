package dev.rapport.lint.rules;

import dev.rapport.lint.AskDetector;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.VisaNeed;
import java.util.List;

/**
 * Whether a program can take someone often turns on the visa (J-1 or H-1B): name it, so the reader
 * can answer or refer you to someone who can. Only requests about training positions are judged; a
 * writer whose profile needs no visa is not asked to name one.
 */
final class VisaNotStated implements Rule {

  @Override
  public String id() {
    return "VISA_NOT_STATED";
  }

  @Override
  public Dimension dimension() {
    return Dimension.VISA_TRANSPARENCY;
  }

  @Override
  public String description() {
    return "A request about a training position does not name the visa needed (J-1, H-1B) or say that none is.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Reyes,\n\nI am an IMG from the Philippines. Does your department offer observerships in spinal cord "
                + "injury rehabilitation?\n\nBest,\nJoy"),
        RuleExample.bad(
            "Dear Dr. Reyes,\n\nI am an IMG from the Philippines and would need visa sponsorship. Does your department "
                + "offer observerships in spinal cord injury rehabilitation?\n\nBest,\nJoy"),
        RuleExample.good(
            "Dear Dr. Reyes,\n\nI am an IMG from the Philippines and would need a J-1 visa. Does your department offer "
                + "observerships in spinal cord injury rehabilitation?\n\nBest,\nJoy"),
        RuleExample.good(
                "Dear Dr. Reyes,\n\nI am an IMG and a US permanent resident. Does your department offer observerships in "
                    + "spinal cord injury rehabilitation?\n\nBest,\nJoy")
            .with(new SenderProfile("Joy Santos", null, "Philippines", "Filipino", VisaNeed.NONE)));
  }

  @Override
  public boolean appliesTo(LintContext context) {
    return VisaStatements.trainingAsk(context) != null;
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    AskDetector.Ask training = VisaStatements.trainingAsk(context);
    if (training == null
        || context.profile().visa() == VisaNeed.NONE
        || VisaStatements.states(context, VisaStatements.VISA)) {
      return;
    }
    boolean vague = VisaStatements.states(context, VisaStatements.SPONSORSHIP);
    VisaNeed need = context.profile().visa();
    String example = need == VisaNeed.H1B ? "H-1B" : "J-1";
    reporter.report(
        training.span(),
        vague
            ? "The message mentions a visa but not which one; programs sponsor J-1, H-1B or both."
            : "The message asks about a training position but does not say which visa you would need.",
        "Name it plainly: \"I will need " + example + " sponsorship.\"",
        vague ? 15 : 25);
  }
}
