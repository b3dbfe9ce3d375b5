package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Span;
import java.util.List;

/**
 * Demands ("ASAP", "you must", "I expect your reply") turn a favour into an obligation the reader
 * never agreed to. Polite formulae of Indian, Nigerian or Filipino English ("kindly", "at your
 * earliest convenience", "do the needful", "I humbly request") are courtesy, not pressure, and are
 * never flagged.
 */
final class PressureLanguage implements Rule {

  static final Phrase PRESSURE =
      Phrase.of(
          String.join(
              "|",
              "\\bASAP\\b|\\bA\\.S\\.A\\.P\\.?",
              "\\burgent(?:ly)?\\b(?!\\s+care\\b)",
              "\\b(?:reply|respond|answer|get\\s+back(?:\\s+to\\s+me)?|write\\s+back|revert|confirm|let\\s+me\\s+know|send)\\s+"
                  + "(?:\\p{L}{1,10}\\s+){0,3}?(?:immediately|right\\s+away|at\\s+once|without\\s+(?:any\\s+)?delay)\\b",
              "\\b(?:immediately|right\\s+away|at\\s+once)\\s+(?:reply|respond|answer|get\\s+back|send|let\\s+me\\s+know)\\b",
              "\\byou\\s+(?:must|have\\s+to|need\\s+to)\\s+(?:reply|respond|answer|help|consider|give|provide|send|accept|let|get"
                  + "|write|review|read|call|meet|sign|do|take|offer|grant|allow|find)\\b",
              "\\bi\\s+(?:expect|demand|insist\\s+on)\\s+(?:your|a|an|to\\s+(?:hear|receive|get))\\b",
              "\\bi\\s+(?:demand|insist)\\b",
              "\\b(?:reply|respond|answer|get\\s+back\\s+to\\s+me)\\s+(?:by|before|within|no\\s+later\\s+than)\\s+(?:\\d|the\\s+end|tomorrow"
                  + "|tonight|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
              "\\b(?:final|last)\\s+reminder\\b|\\bstill\\s+waiting\\s+for\\s+(?:your|a)\\b",
              "\\byou\\s+(?:did\\s+not|didn['’]t|have\\s+not|haven['’]t|never)\\s+(?:yet\\s+)?(?:reply|replied|respond|responded"
                  + "|answer|answered|get\\s+back|got\\s+back|gotten\\s+back)\\b",
              "\\bwhy\\s+(?:have|haven['’]t|did|didn['’]t)\\s+you\\s+(?:not\\s+)?(?:reply|replied|respond|responded|answer|answered)\\b",
              "\\bi\\s+need\\s+(?:your|an?)\\s+(?:answer|reply|response|decision)\\b"));

  @Override
  public String id() {
    return "PRESSURE_LANGUAGE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "Demanding or pressuring language: \"ASAP\", \"urgent\", \"you must\", \"I expect your reply\", \"immediately\".";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad("Dear Dr. Rao,\n\nPlease reply ASAP about the observership.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nYou must reply by Friday.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nI expect your reply within the week. This is urgent.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nYou did not reply to my last two emails.\n\nRegards,\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nI humbly request your guidance. Kindly reply at your earliest convenience, and please do the "
                + "needful.\n\nRegards,\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nI know you must be very busy. I worked in an urgent care clinic for a year.\n\nRegards,\nVikram"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    int[] left = {3};
    Situation.scan(context, PRESSURE, m -> {
      if (left[0]-- > 0) {
        reporter.report(Span.body(m.start(), m.end()),
            "\"" + m.group() + "\" puts pressure on someone who owes you nothing.",
            "Leave the timing to them; \"at your convenience\" or nothing at all works better.",
            5);
      }
    });
  }
}
