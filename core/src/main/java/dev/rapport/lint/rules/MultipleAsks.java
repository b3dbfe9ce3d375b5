package dev.rapport.lint.rules;

import dev.rapport.lint.AskDetector;
import dev.rapport.lint.AskDetector.Kind;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Two requests in one message: the reader answers the easier one, or neither. */
final class MultipleAsks implements Rule {

  @Override
  public String id() {
    return "MULTIPLE_ASKS";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "The message asks for more than one thing (a call and a letter, an observership and a research post…).";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Kim,\n\nWould you have 15 minutes for a call about your amputee clinic? I would also be grateful "
                + "if you could write me a letter of recommendation.\n\nBest,\nAnh"),
        RuleExample.bad(
            "Dear Dr. Kim,\n\nIs there an observership or a research position available in your department?\n\nBest,\nAnh"),
        // A call and the advice it is for are one request.
        RuleExample.good(
            "Dear Dr. Kim,\n\nWould you have 15 minutes for a call? I would like to ask how you built your amputee clinic. "
                + "Please let me know which day suits you.\n\nBest,\nAnh"));
  }

  /**
   * The request a kind belongs to: a call and the advice it is for are one request, and so are a
   * research post and a position.
   */
  private static Kind family(Kind k) {
    return k == Kind.ADVICE ? Kind.MEETING : k == Kind.RESEARCH ? Kind.POSITION : k;
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    Set<Kind> seen = EnumSet.noneOf(Kind.class);
    int extra = 0;
    AskDetector.Ask firstExtra = null;
    for (AskDetector.Ask a : context.asks()) {
      if (!a.isRequest()) {
        continue;
      }
      boolean added = false;
      for (Kind k : a.kinds()) {
        // A sentence asks for its main kind; other kinds it names count only when they are big
        // ("an observership or a research post"), not when they describe it ("learn about the process").
        if (k == Kind.INFORMATION || k == Kind.OTHER || k == Kind.OFFER || (k != a.kind() && !k.isBig())) {
          continue;
        }
        if (seen.add(family(k)) && seen.size() > 1) {
          added = true;
        }
      }
      if (added) {
        extra = seen.size() - 1;
        if (firstExtra == null) {
          firstExtra = a;
        }
      }
    }
    if (firstExtra != null) {
      reporter.report(firstExtra.span(),
          "The message makes " + (extra + 1) + " different requests; a busy reader answers one, or none.",
          "Keep the one that matters most now and save the others for a later message.",
          Math.min(20, 10 * extra));
    }
  }
}
