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

  /** A demand, which makes a sentence naming a big thing an ask whatever the model reads in it. */
  private static final java.util.regex.Pattern DEMAND =
      java.util.regex.Pattern.compile(
          "\\byou\\s+(?:must|have\\s+to|need\\s+to)\\b|\\bi\\s+(?:need|have|want)\\s+to\\s+know\\b|\\b(?:tell|inform|let)\\s+me\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /** Points off for a sentence that only seems to ask for something big: worth another look. */
  static final int LIKELY = 20;

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
    // The first sure reading wins; failing one, the first likely one. Sure: the ask detector's request for a
    // big thing, the model's sure reading, or a request or demand naming a big thing ("You must tell me today
    // whether you will give me a research position"). Likely: the model's likelier-than-not reading, or a
    // question naming one ("Do you take observers?"), which may be a program question rather than an ask.
    Span sure = null;
    String sureWhat = null;
    for (AskDetector.Ask a : context.asks()) {
      if (a.isRequest() && a.big()) {
        sure = a.span();
        sureWhat = what(a.kind());
        break;
      }
    }
    Span likely = null;
    String likelyWhat = null;
    for (SentenceActs s : context.sentences()) {
      if (sure != null && s.span().start() >= sure.start()) {
        break;
      }
      String text = context.text(s.span());
      AskDetector.Kind named = bigKind(text);
      if (s.isSure(Act.BIG_REQUEST)
          || (named != null && (s.isRequest() || s.has(Act.PRESSURE) || DEMAND.matcher(text).find()))) {
        sure = s.span();
        sureWhat = what(named);
        break;
      }
      if (likely == null && (s.has(Act.BIG_REQUEST) || (named != null && s.has(Act.QUESTION)))) {
        likely = s.span();
        likelyWhat = what(named);
      }
    }
    if (sure != null) {
      reporter.report(sure,
          "This asks a stranger for " + sureWhat + " in a first message: it asks them to vouch for someone they do not know.",
          "Ask for 10–15 minutes of advice first; ask for more once they know you.",
          DEDUCTION);
    } else if (likely != null) {
      reporter.report(likely,
          "This seems to ask a stranger for " + likelyWhat + " in a first message; if it is an ask, it asks them to vouch "
              + "for someone they do not know.",
          "If it is a question about the program, address it to the coordinator; otherwise ask for 10–15 minutes of advice "
              + "first.",
          LIKELY);
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
