package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scorecard explains every point: dimension = 100 − its deductions; overall = 100 − every
 * deduction, scaled by weight.
 */
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
    Scorecard card =
        Linter.builder()
            .withoutBuiltIns()
            .rule(new Fixed("RULE_A", Dimension.BREVITY, 10, 5))
            .rule(new Fixed("RULE_B", Dimension.SPECIFICITY, 30))
            .rule(new Fixed("RULE_C", Dimension.PERSONALIZATION, 70, 70))
            .rule(new Fixed("RULE_D", Dimension.VISA_TRANSPARENCY))
            .build()
            .lint(DRAFT);
    assertEquals(85, card.score(Dimension.BREVITY));
    assertEquals(70, card.score(Dimension.SPECIFICITY));
    assertEquals(0, card.score(Dimension.PERSONALIZATION), "clamped at 0");
    assertEquals(100, card.score(Dimension.VISA_TRANSPARENCY));
    // 100 - (10 + 5 + 30 + 70 + 70), clamped at 0
    assertEquals(0, card.overall());
    Scorecard light =
        Linter.builder()
            .withoutBuiltIns()
            .rule(new Fixed("RULE_A", Dimension.BREVITY, 10, 5))
            .rule(new Fixed("RULE_B", Dimension.SPECIFICITY, 30))
            .build()
            .lint(DRAFT);
    assertEquals(55, light.overall(), "100 - 10 - 5 - 30");
    assertEquals(Scorecard.Band.POOR, light.band());
  }

  @Test
  void theOverallScoreReadsAsABand() {
    assertEquals(Scorecard.Band.GOOD, Scorecard.Band.of(85));
    assertEquals(Scorecard.Band.REVIEW, Scorecard.Band.of(84));
    assertEquals(Scorecard.Band.REVIEW, Scorecard.Band.of(60));
    assertEquals(Scorecard.Band.POOR, Scorecard.Band.of(59));
    assertEquals("good to send", Scorecard.Band.GOOD.words());
  }

  @Test
  void hygieneComesOffTheOverall() {
    Scorecard card =
        Linter.builder()
            .withoutBuiltIns()
            .rule(new Fixed("RULE_H", Dimension.HYGIENE, 30))
            .build()
            .lint(DRAFT);
    assertEquals(70, card.overall());
  }

  @Test
  void weightsScaleADimensionsDeductionsAgainstTheDefault() {
    Linter.Builder b =
        Linter.builder()
            .withoutBuiltIns()
            .rule(new Fixed("RULE_A", Dimension.BREVITY, 20))
            .rule(new Fixed("RULE_B", Dimension.SPECIFICITY, 30));
    Scorecard card =
        b.weight(Dimension.BREVITY, 50).weight(Dimension.SPECIFICITY, 0).build().lint(DRAFT);
    // brevity's default weight is 25: at 50 its 20 points count 40; specificity at 0 counts nothing
    assertEquals(60, card.overall());
    assertEquals(80, card.score(Dimension.BREVITY), "a dimension's own score is not scaled");
  }

  @Test
  void aBuilderSettingIsSetOnce() {
    Linter.Builder b = Linter.builder().weight(Dimension.BREVITY, 10);
    assertThrows(IllegalStateException.class, () -> b.weight(Dimension.BREVITY, 20));
    b.severity("BODY_LENGTH", Severity.INFO);
    assertThrows(IllegalStateException.class, () -> b.severity("body_length", Severity.ERROR));
    b.option("BODY_LENGTH", "idealMax", 150);
    assertThrows(IllegalStateException.class, () -> b.option("BODY_LENGTH", "idealMax", 160));
  }

  @Test
  void visaTransparencyCountsOnlyWhenATrainingPositionOrVisaComesUp() {
    Linter linter = Linter.standard();
    Scorecard advice =
        linter.lint(
            Drafts.parseText(
                "Dear Dr. Lee,\n\nI am a medical student in Cairo interested in stroke rehabilitation. Your 2024 paper on "
                    + "constraint-induced movement therapy taught me a lot. Would you have 15 minutes for a video call "
                    + "next month to share advice on research?\n\nThank you,\nOmar\n"));
    assertFalse(advice.applies(Dimension.VISA_TRANSPARENCY), advice.findings().toString());
    assertEquals(100, advice.score(Dimension.VISA_TRANSPARENCY));

    Scorecard observership =
        linter.lint(
            Drafts.parseText(
                "Dear Dr. Lee,\n\nI am a medical graduate from Cairo interested in stroke rehabilitation. Your 2024 paper on "
                    + "constraint-induced movement therapy taught me a lot. Does your department offer observerships for "
                    + "international graduates?\n\nThank you,\nOmar\n"));
    assertTrue(observership.applies(Dimension.VISA_TRANSPARENCY));
    assertTrue(
        observership.score(Dimension.VISA_TRANSPARENCY) < 100, observership.findings().toString());
  }
}
