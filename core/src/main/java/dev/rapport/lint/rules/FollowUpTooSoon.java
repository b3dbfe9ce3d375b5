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

/**
 * Busy faculty answer in their own time; a reminder within two weeks reads as impatience. The
 * mailbox says when the last unanswered message went, when the caller looked; without it, the draft
 * often says so itself: its own quoted message's date, or "two days ago", "my email of 30th
 * November" (see {@link EarlierMessage}).
 */
final class FollowUpTooSoon implements Rule {

  /** A nudge days after the first message lands a draft under 60 on its own, like the other worst mistakes. */
  static final int DEDUCTION = 42;

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
    return "A follow-up to an unanswered message comes less than 14 days after the last one (from the mailbox, or from the"
        + " dates the draft itself gives).";
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
        RuleExample.good(draft).with(new ThreadContext(false, 0, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))),
        // Without a mailbox, the draft dates its own earlier message.
        RuleExample.bad("Dear Dr. Lim,\n\nIt has been two days since my last email and I have not heard back. Could you tell me "
            + "whether you had a chance to read it?\n\nBest,\nHa-eun"),
        RuleExample.bad("Dear Dr. Lim,\n\nI am writing again about the email I sent you yesterday regarding a short call.\n\nBest,\nHa-eun"),
        RuleExample.good("Dear Dr. Lim,\n\nI am writing again about the email I sent you three weeks ago regarding a short call."
            + "\n\nBest,\nHa-eun"),
        // Their reply came yesterday: answering it is not a follow-up.
        RuleExample.good("Dear Dr. Lim,\n\nThank you for your reply yesterday. I will send the abstract on Monday.\n\nBest,\nHa-eun"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    int minDays = context.options().integer("minDays");
    ThreadContext t = context.thread().orElse(null);
    if (t == null) {
      EarlierMessage.find(context).filter(e -> e.days() < minDays).ifPresent(e -> {
        long days = Math.max(0, e.days());
        reporter.report(e.span(),
            "This follows up " + days + " day" + (days == 1 ? "" : "s") + " after your earlier message (" + e.evidence()
                + "); " + minDays + " days is the usual wait, and a sooner nudge reads as impatience.",
            "Save this draft and send it " + (minDays - days) + " days from now, if no answer has come.",
            DEDUCTION);
      });
      return;
    }
    if (t.unansweredMessages() == 0 || t.lastSent() == null) {
      return;
    }
    Duration since = Duration.between(t.lastSent(), context.now());
    if (since.compareTo(Duration.ofDays(minDays)) < 0) {
      long days = Math.max(0, since.toDays());
      reporter.report(Situation.bodyStart(context),
          "Your last message went " + days + " day" + (days == 1 ? "" : "s") + " ago and is unanswered; " + minDays
              + " days is the usual wait.",
          "Save this draft and send it " + (minDays - days) + " days from now.",
          DEDUCTION);
    }
  }
}
