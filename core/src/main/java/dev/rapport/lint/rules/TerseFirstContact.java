package dev.rapport.lint.rules;

import dev.rapport.draft.SegmentKind;
import dev.rapport.lint.Act;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Prose;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import dev.rapport.lint.ThreadContext;
import java.util.List;

/**
 * A first contact of a line or two ("Can we talk?") tells a stranger neither who writes nor what
 * they want, and goes unanswered: alone it puts a draft under 60.
 */
final class TerseFirstContact implements Rule {

  /** Points off the overall score. */
  static final int DEDUCTION = 42;

  /** Fewer body words than this, in a first contact, is a line or two. */
  static final int WORDS = 20;

  @Override
  public String id() {
    return "TERSE_FIRST_CONTACT";
  }

  @Override
  public Dimension dimension() {
    return Dimension.BREVITY;
  }

  @Override
  public String description() {
    return "A first contact of a line or two (\"Can we talk?\"): a stranger cannot tell who you are or what you ask.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad("Hey Laura,\n\nCan we talk?\n\nAma"),
        RuleExample.bad("Dear Dr. Lee,\n\nPlease guide me for residency.\n\nRavi"),
        // A nudge on an unanswered first message is still written to a stranger.
        RuleExample.bad(
            "Subject: Re: Research opportunity\n\nDear Dr. Lee,\n\nCan we talk?\n\nRavi"),
        // A short thank-you after a conversation is no first contact.
        RuleExample.good(
            "Dear Dr. Lee,\n\nThank you for speaking with me today; your advice helps a lot.\n\nSincerely,\nRavi"));
  }

  static boolean terse(LintContext c) {
    List<Prose.Word> body = c.prose().bodyWords();
    return !body.isEmpty()
        && body.size() < WORDS
        && (Situation.firstContact(c) || unansweredNudge(c))
        && !Situation.thanksOrUpdate(c);
  }

  /**
   * A nudge on the writer's own unanswered message ("Re: Research opportunity", "Can we talk?"):
   * they have never answered, so they still do not know the writer. A short reply to a message of
   * theirs is not one.
   */
  private static boolean unansweredNudge(LintContext c) {
    ThreadContext t = c.thread().orElse(null);
    if (t != null) {
      return t.lastReceived() == null && t.unansweredMessages() > 0;
    }
    // A nudge that quotes or dates the first message carries its introduction with it.
    if (Situation.referencesEarlier(c)
        || EarlierMessage.find(c).isPresent()
        || !c.draft().segments(SegmentKind.QUOTE).isEmpty()) {
      return false;
    }
    for (SentenceActs s : c.sentences()) {
      if (s.isRequest() || s.has(Act.QUESTION)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    if (!terse(context)) {
      return;
    }
    List<Prose.Word> body = context.prose().bodyWords();
    reporter.report(
        Span.body(body.get(0).start(), body.get(body.size() - 1).end()),
        "The message is "
            + body.size()
            + " words: a stranger cannot tell who you are, why you write to them or what you ask.",
        "Write three sentences: who you are, why them (one thing of theirs you read or heard), and one small ask.",
        DEDUCTION);
  }
}
