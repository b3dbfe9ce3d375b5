package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.Span;
import dev.rapport.lint.ThreadContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Busy faculty answer in their own time; a reminder within two weeks reads as impatience. The
 * mailbox says when the last unanswered message went, when the caller looked; without it, the draft
 * often says so itself: its own quoted message's date, or "two days ago", "my email of 30th
 * November" (see {@link EarlierMessage}).
 */
final class FollowUpTooSoon implements Rule {

  /**
   * A nudge days after the first message lands a draft under 60 on its own, like the other worst
   * mistakes.
   */
  static final int DEDUCTION = 42;

  /**
   * Points off a nudge in the second half of the wait (10 days of 14): a little early, worth
   * another look. Graders read it so: on the corpus's train split, follow-ups sent within 6 days
   * have a mean grade of 1.3, those sent after 7 to 13 days 2.8, and those after 14 days or more
   * 4.5.
   */
  static final int A_LITTLE_EARLY = 20;

  /**
   * The opening thanks them for a contact that happened (a call, their reply): the draft answers,
   * it does not nudge.
   */
  private static final Pattern THANKED_FOR_CONTACT =
      Pattern.compile(
          "\\bthank(?:s|ful|\\s+you)\\b[^.!?]{0,80}?\\b(?:call|meeting|reply|replying|answer|answering|response|responding|chat"
              + "|conversation|speaking|talking|zoom|getting\\s+back|writing\\s+back|feedback|comments)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * The deduction for a nudge {@code days} after the last message, of a wait of {@code minDays}.
   */
  static int deduction(long days, int minDays) {
    return days * 2 < minDays ? DEDUCTION : A_LITTLE_EARLY;
  }

  private static boolean thankedForContact(LintContext context) {
    List<Span> sentences = context.prose().sentences();
    String text = context.draft().text();
    for (int i = 0; i < Math.min(2, sentences.size()); i++) {
      Span s = sentences.get(i);
      if (s.length() <= 2_000
          && THANKED_FOR_CONTACT.matcher(text.substring(s.start(), s.end())).find()) {
        return true;
      }
    }
    return false;
  }

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
    return List.of(
        RuleOption.integer(
            "minDays", 14, 1, 90, "days to wait after an unanswered message before following up"));
  }

  @Override
  public List<RuleExample> examples() {
    String draft =
        "Dear Dr. Lim,\n\nI am following up on my message about a 15-minute call.\n\nBest,\nHa-eun";
    Instant now = Instant.now();
    return List.of(
        RuleExample.bad(draft)
            .with(new ThreadContext(false, 1, now.minus(Duration.ofDays(5)), null)),
        RuleExample.good(draft)
            .with(new ThreadContext(false, 1, now.minus(Duration.ofDays(16)), null)),
        // They answered: the next message is not a follow-up.
        RuleExample.good(draft)
            .with(
                new ThreadContext(
                    false, 0, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)))),
        // Without a mailbox, the draft dates its own earlier message.
        RuleExample.bad(
            "Dear Dr. Lim,\n\nIt has been two days since my last email and I have not heard back. Could you tell me "
                + "whether you had a chance to read it?\n\nBest,\nHa-eun"),
        RuleExample.bad(
            "Dear Dr. Lim,\n\nI am writing again about the email I sent you yesterday regarding a short call.\n\nBest,\nHa-eun"),
        RuleExample.good(
            "Dear Dr. Lim,\n\nI am writing again about the email I sent you three weeks ago regarding a short call."
                + "\n\nBest,\nHa-eun"),
        // Ten days of fourteen: a little early, worth another look (a smaller deduction).
        RuleExample.bad(
            "Dear Dr. Lim,\n\nI am writing again about the email I sent you ten days ago regarding a short call."
                + "\n\nBest,\nHa-eun"),
        // A thank-you after a call that followed the first email is no nudge.
        RuleExample.good(
            "Dear Dr. Lim,\n\nThank you for the call on Thursday, and for answering my first email so quickly two "
                + "days before it. I will write the one-page plan you suggested.\n\nBest,\nHa-eun"),
        // Their reply came yesterday: answering it is not a follow-up.
        RuleExample.good(
            "Dear Dr. Lim,\n\nThank you for your reply yesterday. I will send the abstract on Monday.\n\nBest,\nHa-eun"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    int minDays = context.options().integer("minDays");
    ThreadContext t = context.thread().orElse(null);
    if (t == null) {
      if (thankedForContact(context)) {
        return;
      }
      EarlierMessage.find(context)
          .filter(e -> e.days() < minDays)
          .ifPresent(
              e -> {
                long days = Math.max(0, e.days());
                reporter.report(
                    e.span(),
                    "This follows up "
                        + days
                        + " day"
                        + (days == 1 ? "" : "s")
                        + " after your earlier message ("
                        + e.evidence()
                        + "); "
                        + minDays
                        + " days is the usual wait, and a sooner nudge reads as impatience.",
                    "Save this draft and send it "
                        + (minDays - days)
                        + " days from now, if no answer has come.",
                    deduction(days, minDays));
              });
      return;
    }
    if (t.unansweredMessages() == 0 || t.lastSent() == null) {
      return;
    }
    Duration since = Duration.between(t.lastSent(), context.now());
    if (since.compareTo(Duration.ofDays(minDays)) < 0) {
      long days = Math.max(0, since.toDays());
      reporter.report(
          Situation.bodyStart(context),
          "Your last message went "
              + days
              + " day"
              + (days == 1 ? "" : "s")
              + " ago and is unanswered; "
              + minDays
              + " days is the usual wait.",
          "Save this draft and send it " + (minDays - days) + " days from now.",
          deduction(days, minDays));
    }
  }
}
