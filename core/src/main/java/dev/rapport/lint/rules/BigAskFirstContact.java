package dev.rapport.lint.rules;

import dev.rapport.lint.AskDetector;
import dev.rapport.lint.Act;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import dev.rapport.lint.ThreadContext;
import java.util.List;

/**
 * Asking a stranger for an observership, a letter or a position in the first message asks them to
 * vouch for someone they do not know; ask for advice first and let the big ask come later.
 */
final class BigAskFirstContact implements Rule {

  /** Points off the overall score: a big ask of a stranger alone puts a draft under 60. */
  static final int DEDUCTION = 42;

  @Override
  public String id() {
    return "BIG_ASK_FIRST_CONTACT";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "A first contact asks for something big: an observership, a letter of recommendation, a position, a research post.";
  }

  @Override
  public List<RuleExample> examples() {
    String ask = "Dear Dr. Novak,\n\nI am an IMG from Ukraine. Could I join your department for a four-week observership "
        + "in spring?\n\nBest,\nOksana";
    return List.of(
        RuleExample.bad(ask),
        RuleExample.bad(
            "Dear Dr. Novak,\n\nI am an IMG from Ukraine. Would you write me a letter of recommendation?\n\nBest,\nOksana"),
        RuleExample.good(
            "Dear Dr. Novak,\n\nI am an IMG from Ukraine. Could you advise me on how to find observerships in PM&R?"
                + "\n\nBest,\nOksana"),
        RuleExample.bad("Dear Dr. Novak,\n\nI was hoping to shadow you in clinic for a month this spring, and later to ask for your"
            + " support with a reference letter.\n\nBest,\nOksana"),
        RuleExample.bad("Dear Dr. Novak,\n\nYou must tell me today whether you will give me a research position.\n\nBest,\nOksana"),
        // After a conversation, the same request is fair.
        RuleExample.good(ask).with(new ThreadContext(false, 0, null, null)));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (!Situation.firstContact(context)) {
      return;
    }
    Span span = null;
    String what = "something big (an observership, a letter, a position or a research post)";
    for (AskDetector.Ask a : context.asks()) {
      if (a.isRequest() && a.big()) {
        span = a.span();
        what = what(a.kind());
        break;
      }
    }
    for (SentenceActs s : context.sentences()) {
      if (span != null && s.span().start() >= span.start()) {
        break;
      }
      // A big request in the model's reading, or a demand or question that names a big thing
      // ("You must tell me today whether you will give me a research position").
      AskDetector.Kind named = bigKind(context.text(s.span()));
      if (s.has(Act.BIG_REQUEST) || (named != null && (s.isRequest() || s.has(Act.PRESSURE) || s.has(Act.QUESTION)))) {
        span = s.span();
        what = what(named);
        break;
      }
    }
    if (span != null) {
      reporter.report(span,
          "This asks a stranger for " + what + " in a first message: it asks them to vouch for someone they do not know.",
          "Ask for 10–15 minutes of advice first; ask for more once they know you.",
          DEDUCTION);
    }
  }

  private static AskDetector.@org.jspecify.annotations.Nullable Kind bigKind(String sentence) {
    for (AskDetector.Kind k : AskDetector.kindsNamed(sentence)) {
      if (k.isBig()) {
        return k;
      }
    }
    return null;
  }

  private static String what(AskDetector.@org.jspecify.annotations.Nullable Kind kind) {
    if (kind == null) {
      return "something big (an observership, a letter, a position or a research post)";
    }
    return switch (kind) {
      case LETTER -> "a letter of recommendation";
      case POSITION -> "a position";
      case OBSERVERSHIP -> "an observership";
      case RESEARCH -> "a place in their research";
      default -> "something big (an observership, a letter, a position or a research post)";
    };
  }
}
