package dev.rapport.lint.rules;

import dev.rapport.lint.Rule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The rules Rapport ships with. Internal: the linter reads this list; users configure rules by id.
 */
public final class BuiltInRules {
  private BuiltInRules() {}

  /**
   * How much each built-in rule's deductions count, fitted on the graded drafts of the judgement
   * corpus (train and dev) by {@code ScoreCalibrationTest} so that the overall score reads as a
   * band; rules not listed count at face value. Read once.
   */
  private static final Map<String, Double> FITTED = fitted();

  private static Map<String, Double> fitted() {
    Properties p = new Properties();
    try (InputStream in = BuiltInRules.class.getResourceAsStream("deductions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the built-in rules' fitted deductions", e);
    }
    Map<String, Double> out = new HashMap<>();
    p.forEach((k, v) -> out.put(k.toString(), Double.parseDouble(v.toString())));
    return Map.copyOf(out);
  }

  /**
   * Returns a built-in rule's deduction as it counts: the rule's own figure times its fitted
   * weight, rounded.
   */
  public static int fitted(String ruleId, int deduction) {
    Double k = FITTED.get(ruleId);
    return k == null ? deduction : (int) Math.round(deduction * k);
  }

  /** Returns a new list of every built-in rule, in the order their findings are reported. */
  public static List<Rule> all() {
    return List.of(
        // Brevity
        new BodyLength(),
        new TerseFirstContact(),
        new SubjectMissing(),
        new SubjectVague(),
        new SubjectLength(),
        new LongSentence(),
        new LongParagraph(),
        new Readability(),
        // Specificity
        new NoClearAsk(),
        new MultipleAsks(),
        new UnboundedAsk(),
        new QuestionCount(),
        new VagueAsk(),
        new NoInterestArea(),
        new BigAskFirstContact(),
        new BigAskTooEarly(),
        // Personalization
        new GreetingNameMismatch(),
        new GenericGreeting(),
        new NoGreeting(),
        new GreetingTitle(),
        new NoRecipientWork(),
        new GenericPraise(),
        new KnownWorkUnmentioned(),
        new MeetingUnmentioned(),
        // Visa-status transparency
        new CitizenshipNotStated(),
        new VisaNotStated(),
        new VisaProfileConflict(),
        new VisaHedge(),
        // Hygiene
        new UnfilledPlaceholder(),
        new UnrequestedCv(),
        new PressureLanguage(),
        new PushesPastNo(),
        new ThankYouLate(),
        new FollowUpTooSoon(),
        new TooManyFollowUps(),
        new CasualTone());
  }
}
