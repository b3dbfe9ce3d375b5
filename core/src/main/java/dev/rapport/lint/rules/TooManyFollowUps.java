package dev.rapport.lint.rules;

import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.Span;
import dev.rapport.lint.ThreadContext;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * After a first message and two polite follow-ups go unanswered, a third one hurts more than it
 * helps: move on.
 */
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
    return List.of(
        RuleOption.integer(
            "maxUnanswered",
            3,
            1,
            20,
            "unanswered messages after which another follow-up is flagged"));
  }

  @Override
  public List<RuleExample> examples() {
    String draft =
        "Dear Dr. Lim,\n\nI am following up once more on my message about a 15-minute call.\n\nBest,\nHa-eun";
    return List.of(
        RuleExample.bad(draft).with(new ThreadContext(false, 3, null, null)),
        RuleExample.good(draft).with(new ThreadContext(false, 2, null, null)),
        RuleExample.good(draft),
        // Without a mailbox, the draft's own count.
        RuleExample.bad(
            "Dear Dr. Lim,\n\nThis is my fourth email about the observership. Could you tell me whether it is "
                + "possible?\n\nBest,\nHa-eun"),
        RuleExample.bad(
            "Dear Dr. Lim,\n\nKindly respond to my three previous emails.\n\nBest,\nHa-eun"),
        RuleExample.good(
            "Dear Dr. Lim,\n\nThis is my second note about a 15-minute call; I will not write again on it."
                + "\n\nBest,\nHa-eun"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    ThreadContext t = context.thread().orElse(null);
    int max = context.options().integer("maxUnanswered");
    if (t != null && t.unansweredMessages() >= max) {
      reporter.report(
          Situation.bodyStart(context),
          t.unansweredMessages()
              + " of your messages to this person are unanswered; another follow-up is unlikely to help.",
          "Move on to someone else, or ask a mutual contact; you can write again in a few months with real news.",
          10);
      return;
    }
    if (t != null) {
      return; // the mailbox knows better than the draft
    }
    // Without a mailbox, the draft may count them itself: "this is my fourth email", "my three
    // previous emails".
    for (Segment seg : context.draft().segments(SegmentKind.BODY)) {
      Matcher m = COUNTED.matcher(context.draft().text()).region(seg.start(), seg.end());
      if (m.find()) {
        int unanswered =
            m.group(1) != null
                ? ORDINALS.indexOf(m.group(1).toLowerCase(java.util.Locale.ROOT)) + 1
                : ORDINALS.indexOf(cardinalAsOrdinal(m.group(2).toLowerCase(java.util.Locale.ROOT)))
                    + 2;
        if (unanswered >= max) {
          reporter.report(
              Span.body(m.start(), m.end()),
              "By your own count "
                  + unanswered
                  + " of your messages to this person are unanswered; another follow-up is "
                  + "unlikely to help.",
              "Move on to someone else, or ask a mutual contact; you can write again in a few months with real news.",
              10);
        }
        return;
      }
    }
  }

  /** Ordinals from "second" (one earlier message) on, by index. */
  private static final List<String> ORDINALS =
      List.of("second", "third", "fourth", "fifth", "sixth", "seventh");

  private static String cardinalAsOrdinal(String n) {
    return switch (n) {
      case "two" -> "second";
      case "three" -> "third";
      case "four" -> "fourth";
      case "five" -> "fifth";
      default -> "sixth";
    };
  }

  private static final Pattern COUNTED =
      Pattern.compile(
          "\\b(?:this\\s+is\\s+(?:my|the)|my)\\s+(second|third|fourth|fifth|sixth|seventh)\\s+(?:e-?mail|mail|message|reminder|note"
              + "|follow-?up|time\\s+(?:i|writing))\\b"
              + "|\\b(?:my|the)\\s+(two|three|four|five|several)\\s+(?:previous|earlier|last|prior|unanswered)\\s+(?:e-?mails|mails|messages"
              + "|notes|reminders)\\b",
          Pattern.CASE_INSENSITIVE);
}
