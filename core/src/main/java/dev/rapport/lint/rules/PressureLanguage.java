package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Act;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Pressure turns a favour into an obligation the reader never agreed to: a deadline ("by this
 * Friday itself"), a demand ("you must tell me today"), reproach ("I have not heard back"), guilt
 * or begging ("you are my only hope"). Found by the act model in any phrasing, and by a few exact
 * tokens ("ASAP"). Polite formulae of Indian, Nigerian or Filipino English ("kindly revert", "at
 * your earliest convenience", "do the needful", "I humbly request") are courtesy, not pressure, and
 * are never flagged.
 */
final class PressureLanguage implements Rule {

  /**
   * Points off the overall score for the first sentence that pressures; a second costs {@link
   * #AGAIN}.
   */
  static final int DEDUCTION = 42;

  static final int AGAIN = 10;

  /**
   * Points off for a sentence only the model reads as pressure, with no demand, deadline or
   * reproach in its words: on writers it never saw, such readings are right about two times in
   * three, so the draft is worth another look rather than a sure failure.
   */
  static final int LIKELY = 20;

  /** Polite formulae of many Englishes, which the model's reading of pressure must not rest on. */
  private static final java.util.regex.Pattern COURTESY =
      java.util.regex.Pattern.compile(
          "\\bkindly\\b|\\bat\\s+(?:your\\s+)?(?:earliest|convenience|earliest\\s+convenience)\\b|\\bdo\\s+the\\s+needful\\b|\\bhumbl[ey]"
              + "|\\b(?:shall|will|would)\\s+be\\s+(?:highly\\s+|very\\s+|most\\s+)?(?:obliged|grateful|thankful)\\b|\\bthanking\\s+you\\b"
              + "|\\bmust\\s+be\\s+(?:very\\s+|so\\s+|extremely\\s+|quite\\s+)?(?:busy|occupied)\\b|\\bwhenever\\b|\\bif\\s+time\\s+permits\\b"
              + "|\\b(?:waiting|look(?:ing)?\\s+forward)\\s+(?:for|to)\\s+(?:hear(?:ing)?\\s+from\\s+you|your\\s+(?:kind\\s+|positive\\s+|valuable\\s+)?"
              + "(?:reply|response|answer|guidance))\\b|\\bplease\\b|\\brequest\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * Words that look like pressure and are not: "urgent care", and the "must" of a guess about the
   * reader rather than a demand on them ("you must be busy", "your inbox must be full", "you must
   * get many such emails").
   */
  private static final java.util.regex.Pattern NEUTRAL =
      java.util.regex.Pattern.compile(
          "\\burgent\\s+care\\b|\\bmust\\s+(?:be|have\\s+been)\\s+(?:very\\s+|so\\s+|extremely\\s+|quite\\s+|really\\s+)?"
              + "(?:busy|occupied|full|flooded|overflowing|swamped|overwhelmed|hectic|tired|exhausted|packed)\\b"
              + "|\\bmust\\s+(?:get|receive|have|see)\\s+(?:so\\s+many|many|a\\s+lot\\s+of|lots\\s+of|hundreds\\s+of|dozens\\s+of|countless|plenty\\s+of)\\b"
              // a way out offered to the reader: "If it is not possible, no reply is needed."
              + "|\\bno\\s+(?:reply|answer|response)\\s+(?:is\\s+)?(?:needed|necessary|required|expected)\\b"
              + "|\\b(?:no|without\\s+any)\\s+(?:need|obligation)\\s+to\\s+(?:reply|answer|respond|write\\s+back)\\b"
              + "|\\b(?:feel\\s+free|do\\s+not\\s+feel\\s+obliged|don['’]t\\s+feel\\s+obliged)\\s+to\\s+(?:ignore|decline|say\\s+no)\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * A question about a program's or a meeting's own deadline ("Could you tell me the deadline for
   * the November period?").
   */
  private static final java.util.regex.Pattern ASKS_ABOUT_DEADLINE =
      java.util.regex.Pattern.compile(
          "\\b(?:the|any|a|an|its|their|your\\s+program['’]?s?)\\s+(?:\\p{L}+\\s+){0,2}deadlines?\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * What makes a sentence pressure whatever courtesy surrounds it: a demand, a deadline, reproach,
   * guilt.
   */
  private static final java.util.regex.Pattern STRONG =
      java.util.regex.Pattern.compile(
          "\\bmust\\b|\\bhave\\s+to\\b|\\bneed(?:ed)?\\s+to\\s+know\\b|\\bimmediately\\b|\\burgent|\\basap\\b|\\bdeadline\\b"
              + "|\\b(?:by|before|until|till|within)\\s+(?:(?:this|next|the)\\s+)?(?:\\d|tomorrow|tonight|today|end|monday|tuesday|wednesday"
              + "|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november"
              + "|december|week)|\\b(?:only|last)\\s+hope\\b|\\bdisappoint|\\bindefinitely\\b|\\bstill\\s+(?:not|no|waiting|haven)"
              + "|\\bnot\\s+(?:heard|received)\\b|\\bno\\s+(?:reply|response|answer)\\b|\\bignor|\\bagain\\s+and\\s+again\\b"
              + "|\\b(?:second|third|fourth|final|last)\\s+(?:reminder|e-?mail|time|message)\\b|\\bi\\s+(?:demand|insist)\\b"
              + "|\\bi\\s+expect\\s+(?:you\\b|your\\b|an?\\s+(?:answer|reply|response|decision))"
              + "|\\bwhy\\s+(?:have|haven|did|didn)|\\bbeen\\s+waiting\\b|\\bwaiting\\s+(?:for\\s+)?(?:weeks|months|so\\s+long|a\\s+long)"
              + "|\\bheard\\s+back\\b|\\bneed\\s+(?:an?\\s+|your\\s+)?(?:answer|reply|response|decision)\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /**
   * Dates that press no one: the writer's own commitment ("I will send you the table by 15 June"),
   * an offer left to the reader ("if you have five minutes before September 24"), or someone else's
   * deadline ("a 1 September submission deadline"). Taken out before {@link #STRONG} is looked for.
   */
  private static final java.util.regex.Pattern NOT_PRESSING =
      java.util.regex.Pattern.compile(
          "\\b(?:i|we)\\s+(?:will|['’]ll|shall|plan\\s+to|intend\\s+to|hope\\s+to|aim\\s+to|expect\\s+to|am\\s+going\\s+to"
              + "|can|could|would\\s+like\\s+to)\\b[^.;?!]{0,80}?\\b(?:by|before|until|till|within)\\b[^,.;?!]{0,30}"
              + "|\\bif\\s+you\\s+(?:have|had|get|find|could\\s+spare)\\b[^.;?!]{0,60}?\\b(?:by|before|until|within)\\b[^,.;?!]{0,30}"
              // the writer's own constraint: "an observership is difficult for me to arrange before
              // September"
              + "|\\b(?:difficult|hard|impossible|not\\s+possible|easier)\\s+for\\s+me\\s+to\\b[^.;?!]{0,60}?\\b(?:by|before|until"
              + "|within)\\b[^,.;?!]{0,30}"
              + "|\\b(?:submission|abstract|application|printing|conference|meeting|registration|eras|poster|journal|grant|\\d{1,2}\\s+\\p{L}+"
              + "|\\p{L}+\\s+\\d{1,2})\\s+deadlines?\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  static final Phrase PRESSURE =
      Phrase.of(
          String.join(
              "|",
              "\\bASAP\\b|\\bA\\.S\\.A\\.P\\.?",
              "\\burgent(?:ly)?\\b(?!\\s+care\\b)",
              "\\b(?:reply|respond|answer|get\\s+back(?:\\s+to\\s+me)?|write\\s+back|revert|confirm|let\\s+me\\s+know|send)\\s+"
                  + "(?:\\p{L}{1,10}\\s+){0,3}?(?:immediately|right\\s+away|at\\s+once|without\\s+(?:any\\s+)?delay)\\b",
              "\\b(?:immediately|right\\s+away|at\\s+once)\\s+(?:reply|respond|answer|get\\s+back|send|let\\s+me\\s+know)\\b",
              "\\byou\\s+(?:must|have\\s+to|need\\s+to)\\s+(?:reply|respond|answer|help|consider|give|provide|send|accept|let|get"
                  + "|write|review|read|call|meet|sign|do|take|offer|grant|allow|find|tell|inform|decide|confirm|reconsider)\\b",
              "\\b(?:cannot|can['’]t|can\\s+not)\\s+(?:keep\\s+)?wait(?:ing)?\\b|\\bwait(?:ing)?\\s+(?:indefinitely|forever|any\\s+longer)\\b",
              "\\b(?:will|would)\\s+not\\s+disappoint\\s+me\\b|\\b(?:you\\s+are|you['’]re)\\s+my\\s+(?:only|last)\\s+hope\\b",
              "\\b(?:reply|respond|revert|answer|confirm|let\\s+me\\s+know|tell\\s+me|inform\\s+me|decide|know)\\s+(?:\\p{L}{1,10}\\s+){0,3}?"
                  + "(?:by|before|until|till|within)\\s+(?:(?:this|next|the)\\s+)?(?:\\d|tomorrow|tonight|today|end|monday|tuesday"
                  + "|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september"
                  + "|october|november|december|week|weekend)",
              "\\bi\\s+(?:expect|demand|insist\\s+on)\\s+(?:your|a|an|to\\s+(?:hear|receive|get))\\b",
              // A task set with a date: "you just need to sign it and send it back by Wednesday";
              // and their yes taken for granted: "I know you will do this for me".
              "\\b(?:send|return|sign|submit|forward|e-?mail)\\s+(?:it|this|them|that|the\\s+\\p{L}+)\\s+(?:back\\s+)?(?:to\\s+me\\s+)?"
                  + "(?:by|before|until|no\\s+later\\s+than)\\s+(?:(?:this|next|the)\\s+)?(?:\\d|tomorrow|tonight|today|end|monday|tuesday"
                  + "|wednesday|thursday|friday|saturday|sunday)",
              "\\bi\\s+(?:know|am\\s+sure|trust)\\s+(?:that\\s+)?you\\s+will\\s+(?:do\\s+(?:this|it|that)|help\\s+me|not\\s+(?:refuse"
                  + "|say\\s+no|let\\s+me\\s+down))\\b",
              "\\bi\\s+(?:demand|insist)\\b",
              "\\b(?:reply|respond|answer|get\\s+back\\s+to\\s+me)\\s+(?:by|before|within|no\\s+later\\s+than)\\s+(?:\\d|the\\s+end|tomorrow"
                  + "|tonight|today|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
              "\\b(?:final|last)\\s+reminder\\b|\\bstill\\s+waiting\\s+for\\s+(?:your|a)\\b",
              "\\byou\\s+(?:did\\s+not|didn['’]t|have\\s+not|haven['’]t|never)\\s+(?:yet\\s+)?(?:reply|replied|respond|responded"
                  + "|answer|answered|get\\s+back|got\\s+back|gotten\\s+back)\\b",
              "\\bwhy\\s+(?:have|haven['’]t|did|didn['’]t)\\s+you\\s+(?:not\\s+)?(?:reply|replied|respond|responded|answer|answered)\\b",
              "\\bi\\s+need\\s+(?:your|an?)\\s+(?:answer|reply|response|decision)\\b",
              // Impatience and reproach in other words: "I cannot continue waiting", "I am waiting
              // your reply for 5 days",
              // "not sure why I haven't heard anything", "I don't receive nothing".
              "\\b(?:cannot|can['’]t|can\\s+not)\\s+(?:continue|go\\s+on|afford\\s+to\\s+keep)\\s+(?:on\\s+)?wait(?:ing)?\\b",
              "\\b(?:am|have\\s+been|i['’]ve\\s+been|was)\\s+wait(?:ing)?\\s+(?:for\\s+)?(?:your\\s+)?(?:reply|response|answer)?\\s*(?:for\\s+|since\\s+)"
                  + "(?:\\d+|two|three|four|five|six|seven|eight|nine|ten|several|many|so\\s+many)\\s+(?:days|weeks|months)\\b",
              "\\b(?:why|wonder(?:ing)?\\s+why)\\s+(?:i\\s+)?(?:have\\s+not|haven['’]t|did\\s+not|didn['’]t|do\\s+not|don['’]t)\\s+(?:yet\\s+)?"
                  + "(?:heard|hear|received?|got(?:ten)?)\\b",
              "\\b(?:have\\s+not|haven['’]t|did\\s+not|didn['’]t|do\\s+not|don['’]t)\\s+(?:yet\\s+)?(?:heard|hear|receive|received|got|get)\\s+"
                  + "(?:anything|nothing|any\\s+(?:reply|response|answer|news))\\b",
              // "I still have no answer", "kindly respond to my two previous mails", "a short reply
              // does not take much time".
              "\\bstill\\s+(?:have|had|got|get)\\s+(?:no|not\\s+(?:had|got|received|heard))\\b",
              "\\b(?:respond|reply|answer|revert)\\s+to\\s+my\\s+(?:\\p{L}+\\s+){0,2}?(?:previous|earlier|last|prior|unanswered|two|three|several)"
                  + "\\s+(?:\\p{L}+\\s+)?(?:e-?mails?|mails?|messages?|letters?|notes?)\\b",
              "\\b(?:reply|answer|response|e-?mail)\\s+(?:does\\s+not|doesn['’]t|would\\s+not|wouldn['’]t|will\\s+not|won['’]t)\\s+take"
                  + "\\s+(?:too\\s+|very\\s+|so\\s+)?(?:much|long|more\\s+than)\\b",
              // Reproach for the silence in other words: "I hope this time you will find a moment",
              // "and still no answer", "I wrote to you twice in July", "I noticed it was opened".
              "\\bi\\s+hope\\s+(?:that\\s+)?(?:at\\s+least\\s+)?this\\s+time\\b",
              "\\b(?:still|yet)\\s+(?:no|not\\s+(?:a|any|one))\\s+(?:single\\s+)?(?:reply|response|answer|word)\\b"
                  + "|\\bno\\s+(?:reply|response|answer)\\s+(?:yet|so\\s+far|from\\s+(?:you|your\\s+side))\\b"
                  + "|\\bthere\\s+(?:is|was|has\\s+been)\\s+(?:still\\s+)?no\\s+(?:reply|response|answer)\\b",
              "\\bi\\s+(?:have\\s+)?(?:wrote|written|e-?mailed|sent|mailed|contacted)\\s+(?:to\\s+)?you\\s+(?:\\p{L}+\\s+){0,2}?"
                  + "(?:twice|three\\s+times|several\\s+times|many\\s+times|multiple\\s+times|repeatedly)\\b",
              "\\b(?:it|my\\s+e-?mail|my\\s+message)\\s+was\\s+(?:opened|read|seen)\\b"
                  + "|\\b(?:saw|see|noticed|notice)\\s+(?:that\\s+)?you\\s+(?:have\\s+|had\\s+)?(?:opened|read|seen)\\s+(?:my|it)\\b"));

  @Override
  public String id() {
    return "PRESSURE_LANGUAGE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "A sentence pressures the reader: a deadline, a demand, reproach for not answering, guilt or begging.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Rao,\n\nPlease reply ASAP about the observership.\n\nRegards,\nVikram"),
        RuleExample.bad(
            "Dear Dr. Rao,\n\nI wrote on 3 March and again on 11 March and I still have no answer. A short reply does not "
                + "take much time.\n\nRegards,\nVikram"),
        RuleExample.bad(
            "Dear Dr. Rao,\n\nKindly respond to my two previous mails.\n\nRegards,\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nYou must reply by Friday.\n\nRegards,\nVikram"),
        RuleExample.bad(
            "Dear Dr. Rao,\n\nI expect your reply within the week. This is urgent.\n\nRegards,\nVikram"),
        RuleExample.bad(
            "Dear Dr. Rao,\n\nYou did not reply to my last two emails.\n\nRegards,\nVikram"),
        RuleExample.bad(
            "Dear Dr. Rao,\n\nThis is my third email, after 2 June and 20 June. I hope this time you will find a "
                + "moment to answer.\n\nRegards,\nVikram"),
        RuleExample.bad(
            "Dear Dr. Rao,\n\nYou must tell me today whether you will give me a research position.\n\nRegards,\nVikram"),
        RuleExample.bad(
            "Dear Dr. Rao,\n\nKindly revert by this Friday itself, as I cannot keep waiting indefinitely.\n\nRegards,"
                + "\nVikram"),
        RuleExample.bad("Dear Dr. Rao,\n\nI am waiting your reply for 5 days.\n\nRegards,\nVikram"),
        RuleExample.bad(
            "Dear Dr. Rao,\n\nThis is my third note about the elective, not sure why I haven't heard anything.\n\nRegards,"
                + "\nVikram"),
        // The writer's own dates press no one.
        RuleExample.good(
            "Dear Dr. Rao,\n\nIf you think a field is missing, please tell me; otherwise I will start this week and "
                + "send you the table by 15 June.\n\nRegards,\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nI humbly request your guidance. Kindly reply at your earliest convenience, and please do the "
                + "needful.\n\nRegards,\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nI know you must be very busy. I worked in an urgent care clinic for a year.\n\nRegards,\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nI know your inbox must be full. Could you tell me the deadline for the spring "
                + "observership period?\n\nRegards,\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nThank you for sending the protocol. I will confirm by 31 July that I have read it."
                + "\n\nRegards,\nVikram"),
        RuleExample.good(
            "Dear Dr. Rao,\n\nWould you have 15 minutes for a call in May? If it is not possible, no reply is needed."
                + "\n\nRegards,\nVikram"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    List<SentenceActs> read = new ArrayList<>();
    java.util.Set<Span> strongSpans = new java.util.HashSet<>();
    for (SentenceActs s : Acts.doing(context, Act.PRESSURE)) {
      String raw = context.text(s.span());
      boolean polite = COURTESY.matcher(raw).find() || NEUTRAL.matcher(raw).find();
      String text = NEUTRAL.matcher(raw).replaceAll(" ");
      // Courtesy formulae are never pressure: a sentence the model reads as pressure only for them,
      // or only
      // faintly, is left alone unless it carries a demand, a deadline or a reproach.
      if (Acts.isQuestion(raw)) {
        // Asking the reader what a deadline is asks for information, not for haste.
        text = ASKS_ABOUT_DEADLINE.matcher(text).replaceAll(" ");
      }
      String unpressing = NOT_PRESSING.matcher(text).replaceAll(" ");
      boolean strong = STRONG.matcher(COURTESY.matcher(unpressing).replaceAll(" ")).find();
      if (strong) {
        strongSpans.add(s.span());
      }
      // A date that is the writer's own commitment, or a deadline asked about, explains the model's
      // reading away.
      boolean explained =
          !unpressing.equals(text) || !text.equals(NEUTRAL.matcher(raw).replaceAll(" "));
      if (strong || (!polite && !explained && s.probability(Act.PRESSURE) >= 0.8)) {
        read.add(s);
      }
    }
    List<Acts.Flagged> flagged =
        Acts.graded(
            context,
            read,
            Act.PRESSURE,
            Situation::scan,
            PRESSURE,
            (m, s) -> !ownDate(context, m, s));
    for (int i = 0; i < Math.min(2, flagged.size()); i++) {
      Span span = flagged.get(i).span();
      boolean sure = flagged.get(i).sure() || strongSpans.contains(span);
      String quote = "\"" + Acts.quote(context, span, 90) + "\"";
      reporter.report(
          span,
          sure
              ? quote
                  + " puts pressure on someone who owes you nothing (a deadline, a demand or a reproach); a busy "
                  + "reader stops there."
              : quote
                  + " may read as pressure on someone who owes you nothing; read it as they will.",
          "Leave the timing to them: drop the deadline or the complaint, or say why a date matters and that you will "
              + "understand if it cannot work.",
          i > 0 ? AGAIN : sure ? DEDUCTION : LIKELY);
    }
  }

  /**
   * Whether a pressure phrase lies inside the writer's own commitment ("I will confirm by 31 July
   * that…").
   */
  private static boolean ownDate(
      LintContext context,
      java.util.regex.MatchResult m,
      @org.jspecify.annotations.Nullable SentenceActs s) {
    if (s == null) {
      return false;
    }
    int offset = s.span().start();
    java.util.regex.Matcher own = NOT_PRESSING.matcher(context.text(s.span()));
    while (own.find()) {
      if (own.start() + offset <= m.start() && m.start() < own.end() + offset) {
        return true;
      }
    }
    return false;
  }
}
