package dev.rapport.lint.rules;

import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.lint.AskDetector;
import dev.rapport.lint.AskDetector.Kind;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two requests in one message: the reader answers the easier one, or neither. Requests are counted
 * as the distinct things asked for, across sentences and across the clauses of one sentence ("a
 * short call, and also your feedback on my abstract, and the name of a colleague" asks three). A
 * call and the advice it is for are one request; so are a research post and a position.
 */
final class MultipleAsks implements Rule {

  /** Points off the overall score for a second request, and for each one after it. */
  static final int SECOND = 15;

  static final int EACH_MORE = 20;

  /** Where a sentence's clauses part: each may name its own request. */
  private static final Pattern CLAUSE =
      Pattern.compile(
          "\\s*(?:;|,\\s*(?:and|or|but|plus)?\\s*(?:also|then|later|perhaps|maybe|possibly)?|\\band\\s+(?:also|then|later"
              + "|perhaps|maybe|possibly|if\\s+possible)|\\bas\\s+well\\s+as|\\balong\\s+with|\\bin\\s+addition(?:\\s+to)?)\\s+",
          Pattern.CASE_INSENSITIVE);

  @Override
  public String id() {
    return "MULTIPLE_ASKS";
  }

  @Override
  public Dimension dimension() {
    return Dimension.SPECIFICITY;
  }

  @Override
  public String description() {
    return "The message asks for more than one thing (a call and a letter, an observership and a research post…).";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Kim,\n\nWould you have 15 minutes for a call about your amputee clinic? I would also be grateful "
                + "if you could write me a letter of recommendation.\n\nBest,\nAnh"),
        RuleExample.bad(
            "Dear Dr. Kim,\n\nIs there an observership or a research position available in your department?\n\nBest,\nAnh"),
        RuleExample.bad(
            "Dear Dr. Kim,\n\nI would be grateful for a short call, and also your feedback on my abstract, and the name "
                + "of a colleague who works on prosthetic training.\n\nBest,\nAnh"),
        RuleExample.bad(
            "Dear Dr. Kim,\n\nI have two requests. First, could we have a short call about your amputee clinic? "
                + "Second, could you read my case report and tell me what is missing?\n\nBest,\nAnh"),
        RuleExample.bad(
            "Dear Dr. Kim,\n\nCould we have a 15-minute call about your amputee clinic? Also, could you tell me "
                + "whether a colleague of yours runs the gait lab?\n\nBest,\nAnh"),
        // A smaller alternative to the same request is no second request.
        RuleExample.good(
            "Dear Dr. Kim,\n\nWould you have 15 minutes by video in March, or simply the name of a colleague who advises "
                + "international applicants?\n\nBest,\nAnh"),
        // Two questions to a program's office are one errand.
        RuleExample.good(
            "To: Program Coordinator <pmr.residency@example.edu>\nSubject: J-1 and the 2027 cycle\n\nDear Program "
                + "Coordinator,\n\nFirst, does the program accept applicants who graduated in 2022? Second, does it "
                + "sponsor J-1 visas for PGY-1 positions?\n\nBest,\nAnh"),
        // A call and the advice it is for are one request.
        RuleExample.good(
            "Dear Dr. Kim,\n\nWould you have 15 minutes for a call? I would like to ask how you built your amputee clinic. "
                + "Please let me know which day suits you.\n\nBest,\nAnh"));
  }

  /**
   * The request a kind belongs to: a call and the advice it is for are one request, and so are a
   * research post and a position.
   */
  private static Kind family(Kind k) {
    return k == Kind.ADVICE ? Kind.MEETING : k == Kind.RESEARCH ? Kind.POSITION : k;
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    Map<Kind, Span> asked = new LinkedHashMap<>();
    Set<Span> detected = new HashSet<>();
    for (AskDetector.Ask a : context.asks()) {
      if (a.isRequest()) {
        detected.add(a.span());
      }
    }
    for (SentenceActs s : context.sentences()) {
      if (!s.isRequest() && !detected.contains(s.span())) {
        continue;
      }
      String sentence = context.text(s.span());
      if (ALTERNATIVE_SENTENCE.matcher(sentence).find()) {
        continue; // "If you prefer, a short reply by email would be just as good."
      }
      Set<Kind> named = EnumSet.noneOf(Kind.class);
      for (String clause : CLAUSE.split(ALTERNATIVE_CLAUSE.matcher(sentence).replaceAll(" "))) {
        Set<Kind> kinds = AskDetector.kindsNamed(clause);
        boolean big = false;
        for (Kind k : kinds) {
          if (k.isBig()) {
            named.add(k);
            big = true;
          }
        }
        if (!big && !kinds.isEmpty()) {
          named.add(kinds.iterator().next());
        }
      }
      if (named.size() > 1) {
        // Advice about something else asked in the same sentence is part of that ask ("I would be
        // glad to learn
        // about the eligibility for an observership").
        named.remove(Kind.ADVICE);
      }
      for (Kind k : named) {
        asked.putIfAbsent(family(k), s.span());
      }
    }
    if (asked.size() < 2) {
      reportAdded(context, reporter, detected);
      return;
    }
    List<Span> spans = new ArrayList<>(asked.values());
    Span second = spans.get(1);
    int n = asked.size();
    reporter.report(
        second,
        "The message makes "
            + n
            + " different requests ("
            + describe(asked.keySet())
            + "); a busy reader answers the easiest, "
            + "or none.",
        "Keep the one that matters most now and save the others for a later message.",
        Math.min(60, SECOND + EACH_MORE * (n - 2)));
  }

  /** The writer counts their requests: "I have two requests", "a couple of favours to ask". */
  private static final Pattern COUNTED =
      Pattern.compile(
          "\\b(two|three|four|five|several|a\\s+few|a\\s+couple\\s+of)\\s+(?:small\\s+|short\\s+|quick\\s+|little\\s+"
              + "|brief\\s+|related\\s+|more\\s+|different\\s+)?(?:requests|favou?rs|asks|things\\s+to\\s+ask)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A request that says it is another one: "Also, could you…", "Second, …", "I would also be
   * grateful…".
   */
  private static final Pattern ANOTHER =
      Pattern.compile(
          "^\\W*(?:also|additionally|in\\s+addition|second(?:ly)?|third(?:ly)?|finally|lastly|one\\s+more\\s+thing"
              + "|another\\s+(?:request|favou?r|thing))\\b|\\bi\\s+(?:would|['’]d)\\s+also\\s+(?:like|love|be\\s+(?:grateful|glad|happy|thankful))"
              + "|\\b(?:could|would|can|will)\\s+you\\s+also\\b|\\bi\\s+(?:also\\s+)?wanted\\s+to\\s+ask\\s+(?:you\\s+)?also\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A sentence that offers the reader an easier way to answer the same request, not another one:
   * "If you prefer, a short reply by email would be just as good", "Alternatively, …", "If not, …".
   */
  private static final Pattern ALTERNATIVE_SENTENCE =
      Pattern.compile(
          "^\\W*(?:alternatively|or(?:\\s+else)?|otherwise|instead|if\\s+(?:you\\s+prefer|(?:that|it)\\s+is\\s+easier|that\\s+is\\s+not"
              + "\\s+possible|this\\s+is\\s+not\\s+possible|not)|failing\\s+that)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * A clause that offers a smaller alternative to the ask before it: "15 minutes by video, or
   * simply the name of a colleague".
   */
  private static final Pattern ALTERNATIVE_CLAUSE =
      Pattern.compile(
          ",?\\s*\\bor\\s+(?:simply|just|even|perhaps|maybe|alternatively|instead|else|if\\s+(?:you\\s+prefer|easier))\\b[^.;?!]*",
          Pattern.CASE_INSENSITIVE);

  /**
   * Whether a request only asks to know something ("Second, does the program sponsor J-1 visas?",
   * "Second, is there one question bank you would recommend?"): two such questions to a program's
   * office, or to someone the writer already knows, are one errand, which raters did not mark down.
   */
  private static boolean onlyAsksToKnow(String sentence) {
    if (!sentence.strip().endsWith("?")) {
      return false;
    }
    for (Kind k : AskDetector.kindsNamed(sentence)) {
      if (k == Kind.MEETING || k == Kind.REVIEW || k == Kind.INTRODUCTION || k == Kind.LETTER) {
        return false;
      }
    }
    return true;
  }

  private static final Pattern COUNT_WORD =
      Pattern.compile("three|four|five", Pattern.CASE_INSENSITIVE);

  /**
   * Requests the kinds did not tell apart (two calls, a call and a favour the phrase lists do not
   * name): the writer counts them, or a later request says it is another one.
   */
  private static void reportAdded(LintContext context, Reporter reporter, Set<Span> detected) {
    Span first = null;
    Span second = null;
    for (SentenceActs s : context.sentences()) {
      boolean request = s.isRequest() || detected.contains(s.span());
      if (!request) {
        continue;
      }
      String text = context.text(s.span());
      if (first == null) {
        first = s.span();
      } else if (ANOTHER.matcher(text).find()
          && !ALTERNATIVE_SENTENCE.matcher(text).find()
          && !(onlyAsksToKnow(text)
              && (Situation.programOffice(context) || !Situation.firstContact(context)))) {
        second = s.span();
        break;
      }
    }
    Matcher counted = null;
    for (Segment seg : context.draft().segments(SegmentKind.BODY)) {
      Matcher m = COUNTED.matcher(context.draft().text()).region(seg.start(), seg.end());
      if (m.find()) {
        counted = m;
        break;
      }
    }
    if (second == null && (counted == null || first == null)) {
      return;
    }
    int n = counted != null && COUNT_WORD.matcher(counted.group(1)).matches() ? 3 : 2;
    Span at = second != null ? second : first;
    reporter.report(
        at,
        "The message makes "
            + (n == 2 ? "two" : "three or more")
            + " requests; a busy reader answers the easiest, or none.",
        "Keep the one that matters most now and save the others for a later message.",
        Math.min(60, SECOND + EACH_MORE * (n - 2)));
  }

  private static String describe(Set<Kind> kinds) {
    List<String> out = new ArrayList<>();
    for (Kind k : kinds) {
      out.add(
          switch (k) {
            case LETTER -> "a letter";
            case POSITION -> "a position";
            case OBSERVERSHIP -> "an observership";
            case INTRODUCTION -> "an introduction";
            case REVIEW -> "a review";
            case MEETING -> "a meeting";
            default -> "something else";
          });
    }
    return String.join(", ", out);
  }
}
