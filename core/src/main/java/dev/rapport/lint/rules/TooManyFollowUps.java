package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.ThreadContext;
import java.util.List;

/** After a first message and two polite follow-ups go unanswered, a third one hurts more than it helps: move on. */
final class TooManyFollowUps implements Rule {

  @Override
  public String id() {
    return "TOO_MANY_FOLLOW_UPS";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "Three or more of your messages to this person are already unanswered: time to move on.";
  }

  @Override
  public List<RuleOption> options() {
    return List.of(RuleOption.integer("maxUnanswered", 3, 1, 20, "unanswered messages after which another follow-up is flagged"));
  }

  @Override
  public List<RuleExample> examples() {
    String draft = "Dear Dr. Lim,\n\nI am following up once more on my message about a 15-minute call.\n\nBest,\nHa-eun";
    return List.of(
        RuleExample.bad(draft).with(new ThreadContext(false, 3, null, null)),
        RuleExample.good(draft).with(new ThreadContext(false, 2, null, null)),
        RuleExample.good(draft));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    ThreadContext t = context.thread().orElse(null);
    int max = context.options().integer("maxUnanswered");
    if (t != null && t.unansweredMessages() >= max) {
      reporter.report(Situation.bodyStart(context),
          t.unansweredMessages() + " of your messages to this person are unanswered; another follow-up is unlikely to help.",
          "Move on to someone else, or ask a mutual contact; you can write again in a few months with real news.",
          10);
    }
  }
}
