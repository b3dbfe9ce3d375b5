package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Span;
import java.util.List;

/**
 * "Any opportunity" makes the reader do the work of finding one; a named ask is easier to say yes
 * to.
 */
final class VagueAsk implements Rule {

  static final Phrase VAGUE =
      Phrase.of(
          String.join(
              "|",
              "\\bany\\s+(?:kind|sort|type|form)\\s+of\\s+(?:help|support|assistance|opportunit(?:y|ies)|positions?|guidance|work|role)\\b",
              "\\bany\\s+(?:possible\\s+|available\\s+)?(?:opportunit(?:y|ies)|openings?|vacanc(?:y|ies))\\b",
              "\\bany\\s+(?:help|assistance|support)\\s+(?:you\\s+can|that\\s+you\\s+can|possible|at\\s+all)\\b",
              "\\banything\\s+(?:you\\s+(?:have|can\\s+offer|might\\s+have)|available|that\\s+(?:is|might\\s+be)\\s+available)\\b",
              "\\bwhatever\\s+(?:you\\s+can|is\\s+available|opportunit(?:y|ies)|help|position)\\b",
              "\\bin\\s+any\\s+(?:possible\\s+)?(?:way|capacity|manner|form)\\b",
              "\\bany\\s+(?:possible\\s+)?way\\s+(?:you\\s+can|possible)\\b",
              // The choice handed back to the reader: "whatever is convenient for you", "anything
              // that you think is good for me", "maybe advice or maybe research".
              "\\bwhatever\\s+(?:is|would\\s+be|seems)\\s+(?:most\\s+)?(?:convenient|possible|suitable|best|good|easiest"
                  + "|appropriate)\\b",
              "\\bwhatever\\s+you\\s+(?:think|feel|decide|suggest|consider|prefer|find)\\b",
              "\\banything\\s+(?:that\\s+)?you\\s+(?:think|feel|consider|find|believe)\\b|\\banything\\s+at\\s+all\\b",
              "\\b(?:any|some)\\s+(?:kind\\s+of\\s+)?orientation\\b(?!\\s+(?:session|day|week|program))",
              "\\b(?:advice|guidance|help)\\s+or\\s+(?:maybe\\s+|perhaps\\s+|any\\s+)?(?:an?\\s+)?(?:research|opportunit(?:y|ies)"
                  + "|positions?|observerships?|work)\\b"));

  @Override
  public String id() {
    return "VAGUE_ASK";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "The request is vague: \"any opportunity\", \"anything you have\", \"any kind of help\".";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Cruz,\n\nI am looking for any opportunity in your department.\n\nBest,\nMaria"),
        RuleExample.bad(
            "Dear Dr. Cruz,\n\nI would be grateful for any kind of help.\n\nBest,\nMaria"),
        RuleExample.bad("Dear Dr. Cruz,\n\nI will accept anything you have.\n\nBest,\nMaria"),
        RuleExample.bad(
            "Dear Dr. Cruz,\n\nThank you for asking. Anything that you think is good for me will be fine, maybe advice or "
                + "maybe research, whatever is convenient for you.\n\nBest,\nMaria"),
        RuleExample.good(
            "Dear Dr. Cruz,\n\nIf your department has any formal or informal observership opportunities open to "
                + "international graduates, I would be grateful to learn about the eligibility.\n\nBest,\nMaria"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    int[] left = {2};
    Situation.scanBody(
        context,
        VAGUE,
        m -> {
          if (left[0]-- > 0) {
            reporter.report(
                Span.body(m.start(), m.end()),
                "\"" + m.group() + "\" is vague: the reader has to work out what you want.",
                "Name the one thing you ask for: a 15-minute call, advice on one question, or help with one project.",
                10);
          }
        });
  }
}
