package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.ThreadContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Busy faculty answer in their own time; a reminder within two weeks reads as impatience. */
final class FollowUpTooSoon implements Rule {

  @Override
  public String id() {
    return "FOLLOW_UP_TOO_SOON";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "A follow-up to an unanswered message comes less than 14 days after the last one.";
  }

  @Override
  public List<RuleOption> options() {
    return List.of(RuleOption.integer("minDays", 14, 1, 90, "days to wait after an unanswered message before following up"));
  }

  @Override
  public List<RuleExample> examples() {
    String draft = "Dear Dr. Lim,\n\nI am following up on my message about a 15-minute call.\n\nBest,\nHa-eun";
    Instant now = Instant.now();
    return List.of(
        RuleExample.bad(draft).with(new ThreadContext(false, 1, now.minus(Duration.ofDays(5)), null)),
        RuleExample.good(draft).with(new ThreadContext(false, 1, now.minus(Duration.ofDays(16)), null)),
        // They answered: the next message is not a follow-up.
        RuleExample.good(draft).with(new ThreadContext(false, 0, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    ThreadContext t = context.thread().orElse(null);
    if (t == null || t.unansweredMessages() == 0 || t.lastSent() == null) {
      return;
    }
    int minDays = context.options().integer("minDays");
    Duration since = Duration.between(t.lastSent(), context.now());
    if (since.compareTo(Duration.ofDays(minDays)) < 0) {
      long days = Math.max(0, since.toDays());
      reporter.report(Situation.bodyStart(context),
          "Your last message went " + days + " day" + (days == 1 ? "" : "s") + " ago and is unanswered; " + minDays
              + " days is the usual wait.",
          "Save this draft and send it " + (minDays - days) + " days from now.",
          10);
    }
  }
}
