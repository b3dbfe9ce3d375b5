package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Act;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Pressure turns a favour into an obligation the reader never agreed to: a deadline ("by this
 * Friday itself"), a demand ("you must tell me today"), reproach ("I have not heard back"), guilt
 * or begging ("you are my only hope"). Found by the act model in any phrasing, and by a few exact
 * tokens ("ASAP"). Polite formulae of Indian, Nigerian or Filipino English ("kindly revert",
 * "at your earliest convenience", "do the needful", "I humbly request") are courtesy, not
 * pressure, and are never flagged.
 */
final class PressureLanguage implements Rule {

  /** Points off the overall score for the first sentence that pressures; a second costs {@link #AGAIN}. */
  static final int DEDUCTION = 45;

  static final int AGAIN = 10;
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
    return "A sentence pressures the reader: a deadline, a demand, reproach for not answering, guilt or begging.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad("Dear Dr. Rao,\n\nPlease reply ASAP about the observership.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nYou must reply by Friday.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nI expect your reply within the week. This is urgent.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nYou did not reply to my last two emails.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nYou must tell me today whether you will give me a research position.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nKindly revert by this Friday itself, as I cannot keep waiting indefinitely.\n\nRegards,"
            + "\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nI humbly request your guidance. Kindly reply at your earliest convenience, and please do the "
                + "needful.\n\nRegards,\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nI know you must be very busy. I worked in an urgent care clinic for a year.\n\nRegards,\nVikram"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    List<Span> flagged = new ArrayList<>();
    for (SentenceActs s : Acts.doing(context, Act.PRESSURE)) {
      flagged.add(s.span());
    }
    Situation.scan(context, PRESSURE, m -> {
      SentenceActs s = Acts.at(context, m.start());
      Span span = s != null ? s.span() : Span.body(m.start(), m.end());
      if (!flagged.contains(span)) {
        flagged.add(span);
      }
    });
    flagged.sort(java.util.Comparator.comparingInt(Span::start));
    for (int i = 0; i < Math.min(2, flagged.size()); i++) {
      Span span = flagged.get(i);
      reporter.report(span,
          "\"" + Acts.quote(context, span, 90) + "\" puts pressure on someone who owes you nothing (a deadline, a demand "
              + "or a reproach); a busy reader stops there.",
          "Leave the timing to them: drop the deadline or the complaint, or say why a date matters and that you will "
              + "understand if it cannot work.",
          i == 0 ? DEDUCTION : AGAIN);
    }
  }
}
