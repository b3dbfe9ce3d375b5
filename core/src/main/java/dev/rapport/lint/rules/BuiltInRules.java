package dev.rapport.lint.rules;

import dev.rapport.lint.Rule;
import java.util.List;

/** The rules Rapport ships with. Internal: the linter reads this list; users configure rules by id. */
public final class BuiltInRules {
  private BuiltInRules() {}

  /** Returns a new list of every built-in rule, in the order their findings are reported. */
  public static List<Rule> all() {
    return List.of(
        // Brevity
        new BodyLength(),
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
        new FollowUpTooSoon(),
        new TooManyFollowUps());
  }
}
