package dev.rapport.lint.rules;

import dev.rapport.lint.Act;
import dev.rapport.lint.AskDetector;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import dev.rapport.lint.ThreadContext;
import java.util.List;

/**
 * Asking a stranger for an observership, a letter or a position in the first message asks them to
 * vouch for someone they do not know; ask for advice first and let the big ask come later.
 */
final class BigAskFirstContact implements Rule {

  /** Points off the overall score: a big ask of a stranger alone puts a draft under 60. */
  static final int DEDUCTION = 42;

  /** A demand, which makes a sentence naming a big thing an ask whatever the model reads in it. */
  private static final java.util.regex.Pattern DEMAND =
      java.util.regex.Pattern.compile(
          "\\byou\\s+(?:must|have\\s+to|need\\s+to)\\b|\\bi\\s+(?:need|have|want)\\s+to\\s+know\\b|\\b(?:tell|inform|let)\\s+me\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /** Points off for a sentence that only seems to ask for something big: worth another look. */
  static final int LIKELY = 20;

  @Override
  public String id() {
    return "BIG_ASK_FIRST_CONTACT";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "A first contact asks for something big: an observership, a letter of recommendation, a position, a research post.";
  }

  @Override
  public List<RuleExample> examples() {
    String ask =
        "Dear Dr. Novak,\n\nI am an IMG from Ukraine. Could I join your department for a four-week observership "
            + "in spring?\n\nBest,\nOksana";
    return List.of(
        RuleExample.bad(ask),
        RuleExample.bad(
            "Dear Dr. Novak,\n\nI am an IMG from Ukraine. Would you write me a letter of recommendation?\n\nBest,\nOksana"),
        RuleExample.good(
            "Dear Dr. Novak,\n\nI am an IMG from Ukraine. Could you advise me on how to find observerships in PM&R?"
                + "\n\nBest,\nOksana"),
        RuleExample.bad(
            "Dear Dr. Novak,\n\nI was hoping to shadow you in clinic for a month this spring, and later to ask for your"
                + " support with a reference letter.\n\nBest,\nOksana"),
        RuleExample.bad(
            "Dear Dr. Novak,\n\nYou must tell me today whether you will give me a research position.\n\nBest,\nOksana"),
        // The program's coordinator is the right person to ask about its observerships.
        RuleExample.good(
            "Dear Ms. Novak,\n\nI am an IMG from Ukraine. Does the department accept observers for four weeks in "
                + "spring, and how do I apply?\n\nBest,\nOksana"),
        // A sentence that asks whether the short call before it is possible asks for nothing
        // bigger.
        RuleExample.good(
            "Dear Dr. Novak,\n\nI am an intern in Lviv. I would be grateful for 15 minutes on a video call to ask"
                + " how you chose PM&R. Please let me know if this would be possible.\n\nBest,\nOksana"),
        RuleExample.good(
            "Respected Dr. Novak,\n\nI humbly request 15 minutes of your time on a video call to ask how you chose"
                + " PM&R. Kindly let me know if this is possible.\n\nThanking you,\nOksana"),
        // After a conversation, the same request is fair.
        RuleExample.good(ask).with(new ThreadContext(false, 0, null, null)));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    // A program's office is where observership and eligibility questions belong.
    if (!Situation.firstContact(context) || Situation.programOffice(context)) {
      return;
    }
    Found sure = find(context, true);
    Found likely = sure == null ? find(context, false) : null;
    if (sure != null) {
      reporter.report(
          sure.span(),
          "This asks a stranger for "
              + sure.what()
              + " in a first message: it asks them to vouch for someone they do not know.",
          "Ask for 10–15 minutes of advice first; ask for more once they know you.",
          DEDUCTION);
    } else if (likely != null) {
      reporter.report(
          likely.span(),
          "This seems to ask a stranger for "
              + likely.what()
              + " in a first message; if it is an ask, it asks them to vouch "
              + "for someone they do not know.",
          "If it is a question about the program, address it to the coordinator; otherwise ask for 10–15 minutes of advice "
              + "first.",
          LIKELY);
    }
  }

  /** A sentence that asks for something big, and what it asks for in words. */
  record Found(Span span, AskDetector.@org.jspecify.annotations.Nullable Kind kind, String what) {
    Found(Span span, AskDetector.@org.jspecify.annotations.Nullable Kind kind) {
      this(span, kind, BigAskFirstContact.what(kind));
    }
  }

  /**
   * Returns the first sentence that asks for something big, or null. Sure ({@code sure}): the ask
   * detector's request for a big thing, the model's sure reading, or a request or demand naming a
   * big thing ("You must tell me today whether you will give me a research position"). Otherwise
   * likely: the model's likelier-than-not reading, or a question naming one ("Do you take
   * observers?"), which may be a program question rather than an ask.
   */
  static @org.jspecify.annotations.Nullable Found find(LintContext context, boolean sure) {
    Found detected = detected(context);
    List<SentenceActs> sentences = context.sentences();
    for (int i = 0; i < sentences.size(); i++) {
      SentenceActs s = sentences.get(i);
      if (detected != null && s.span().start() >= detected.span().start()) {
        break;
      }
      String text = context.text(s.span());
      AskDetector.Kind named = bigKinds(context).get(i).orElse(null);
      // A sentence that only asks whether the small ask before it is possible takes that ask's
      // size, however sure the model is of it alone.
      boolean pointsBack = named == null && followsSmallAsk(context, i);
      boolean sureHere =
          (sureBig(context, s) && !pointsBack)
              || (named != null
                  && (s.isRequest() || s.has(Act.PRESSURE) || DEMAND.matcher(text).find()));
      boolean likelyHere =
          !sureHere
              && ((s.has(Act.BIG_REQUEST) && !pointsBack)
                  || (named != null && s.has(Act.QUESTION)));
      if (sure ? sureHere : likelyHere) {
        return new Found(s.span(), named);
      }
    }
    return sure ? detected : null;
  }

  /**
   * Whether the model is sure {@code s} asks for something big. A sentence that introduces the
   * writer and asks nothing ("I am MD from Sichuan University, now research volunteer at
   * Northbrook") is never a sure ask, however much it talks of research posts: at most a likely
   * one.
   */
  private static boolean sureBig(LintContext context, SentenceActs s) {
    return s.isSure(Act.BIG_REQUEST)
        && !(s.has(Act.SELF_INTRO)
            && !s.has(Act.SMALL_REQUEST)
            && !s.has(Act.MEETING_REQUEST)
            && !s.has(Act.QUESTION)
            && !Acts.isQuestion(context.text(s.span())));
  }

  /**
   * A sentence that only points back at the ask before it: "Kindly let me know if this is
   * possible."
   */
  private static final java.util.regex.Pattern POINTS_BACK =
      java.util.regex.Pattern.compile(
          "\\b(?:this|that|it)\\s+(?:is|would\\s+be|will\\s+be|might\\s+be|may\\s+be)\\s+(?:possible|convenient|"
              + "feasible|okay|ok|alright|all\\s+right|acceptable)\\b|\\bif\\s+(?:this|that|it)\\s+(?:works|suits)\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * Whether sentence {@code i} names nothing big and only asks whether the preceding small ask (a
   * short call, advice) is possible; it takes the size of the ask it points back to, whatever the
   * model's likelier-than-not reading of it alone.
   */
  private static boolean followsSmallAsk(LintContext context, int i) {
    if (i == 0 || !POINTS_BACK.matcher(context.text(context.sentences().get(i).span())).find()) {
      return false;
    }
    SentenceActs before = context.sentences().get(i - 1);
    return (before.has(Act.SMALL_REQUEST) || before.has(Act.MEETING_REQUEST))
        && !before.has(Act.BIG_REQUEST)
        && bigKinds(context).get(i - 1).isEmpty();
  }

  /** Returns the ask detector's first request for something big, or null. */
  private static @org.jspecify.annotations.Nullable Found detected(LintContext context) {
    for (AskDetector.Ask a : context.asks()) {
      if (a.isRequest() && a.big()) {
        return new Found(a.span(), a.kind());
      }
    }
    return null;
  }

  /**
   * Returns the first request for something big that the ask detector finds or the model is sure
   * of, or null.
   */
  static @org.jspecify.annotations.Nullable Found findPlain(LintContext context) {
    Found detected = detected(context);
    List<SentenceActs> sentences = context.sentences();
    for (int i = 0; i < sentences.size(); i++) {
      SentenceActs s = sentences.get(i);
      if (detected != null && s.span().start() >= detected.span().start()) {
        break;
      }
      AskDetector.Kind named = bigKinds(context).get(i).orElse(null);
      if (sureBig(context, s) && !(named == null && followsSmallAsk(context, i))) {
        return new Found(s.span(), named);
      }
    }
    return detected;
  }

  private static final Object BIG_KINDS = new Object();

  /** The big thing each sentence names, if any, by index in {@code sentences()}; once per draft. */
  private static List<java.util.Optional<AskDetector.Kind>> bigKinds(LintContext c) {
    return c.memo(
        BIG_KINDS,
        x -> {
          List<java.util.Optional<AskDetector.Kind>> out = new java.util.ArrayList<>();
          for (SentenceActs s : x.sentences()) {
            out.add(java.util.Optional.ofNullable(bigKind(x.text(s.span()))));
          }
          return List.copyOf(out);
        });
  }

  private static AskDetector.@org.jspecify.annotations.Nullable Kind bigKind(String sentence) {
    for (AskDetector.Kind k : AskDetector.kindsNamed(sentence)) {
      if (k.isBig()) {
        return k;
      }
    }
    return null;
  }

  private static String what(AskDetector.@org.jspecify.annotations.Nullable Kind kind) {
    if (kind == null) {
      return "something big (an observership, a letter, a position or a research post)";
    }
    return switch (kind) {
      case LETTER -> "a letter of recommendation";
      case POSITION -> "a position";
      case OBSERVERSHIP -> "an observership";
      case RESEARCH -> "a place in their research";
      default -> "something big (an observership, a letter, a position or a research post)";
    };
  }
}
