package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scorecard explains every point: dimension = 100 − its deductions; overall = weighted mean of what applies − hygiene. */
class ScoringTest {

  /** A rule that reports fixed deductions, to check the arithmetic. */
  private record Fixed(String id, Dimension dimension, int... deductions) implements Rule {
    @Override
    public String description() {
      return "test";
    }

    @Override
    public List<RuleExample> examples() {
      return List.of();
    }

    @Override
    public void check(LintContext context, Reporter reporter) {
      for (int d : deductions) {
        reporter.report(Span.at(0), "m", "s", d);
      }
    }
  }

  private static final Draft DRAFT = Drafts.parseText("Dear Dr. Lee,\n\nHello.\n");

  @Test
  void everyPointLostIsAFindingsDeduction() {
    Scorecard card = Linter.builder().withoutBuiltIns()
        .rule(new Fixed("RULE_A", Dimension.BREVITY, 10, 5))
        .rule(new Fixed("RULE_B", Dimension.SPECIFICITY, 30))
        .rule(new Fixed("RULE_C", Dimension.PERSONALIZATION, 70, 70))
        .rule(new Fixed("RULE_D", Dimension.VISA_TRANSPARENCY))
        .build().lint(DRAFT);
    assertEquals(85, card.score(Dimension.BREVITY));
    assertEquals(70, card.score(Dimension.SPECIFICITY));
    assertEquals(0, card.score(Dimension.PERSONALIZATION), "clamped at 0");
    assertEquals(100, card.score(Dimension.VISA_TRANSPARENCY));
    // (85*25 + 70*30 + 0*25 + 100*20) / 100 = 62.25
    assertEquals(62, card.overall());
  }

  @Test
  void hygieneComesOffTheOverall() {
    Scorecard card = Linter.builder().withoutBuiltIns()
        .rule(new Fixed("RULE_H", Dimension.HYGIENE, 30))
        .build().lint(DRAFT);
    assertEquals(70, card.overall());
  }

  @Test
  void weightsAreConfigurable() {
    Scorecard card = Linter.builder().withoutBuiltIns()
        .rule(new Fixed("RULE_A", Dimension.BREVITY, 50))
        .weight(Dimension.SPECIFICITY, 0).weight(Dimension.PERSONALIZATION, 0).weight(Dimension.VISA_TRANSPARENCY, 0)
        .build().lint(DRAFT);
    assertEquals(50, card.overall());
  }

  @Test
  void visaTransparencyCountsOnlyWhenTrainingIsAsked() {
    Linter linter = Linter.standard();
    Scorecard advice = linter.lint(Drafts.parseText(
        "Dear Dr. Lee,\n\nI am a medical student in Cairo interested in stroke rehabilitation. Your 2024 paper on "
            + "constraint-induced movement therapy taught me a lot. Would you have 15 minutes for a video call "
            + "next month to share advice on research?\n\nThank you,\nOmar\n"));
    assertFalse(advice.applies(Dimension.VISA_TRANSPARENCY), advice.findings().toString());
    assertEquals(100, advice.score(Dimension.VISA_TRANSPARENCY));

    Scorecard observership = linter.lint(Drafts.parseText(
        "Dear Dr. Lee,\n\nI am a medical graduate from Cairo interested in stroke rehabilitation. Your 2024 paper on "
            + "constraint-induced movement therapy taught me a lot. Does your department offer observerships for "
            + "international graduates?\n\nThank you,\nOmar\n"));
    assertTrue(observership.applies(Dimension.VISA_TRANSPARENCY));
    assertTrue(observership.score(Dimension.VISA_TRANSPARENCY) < 100, observership.findings().toString());
  }
}
