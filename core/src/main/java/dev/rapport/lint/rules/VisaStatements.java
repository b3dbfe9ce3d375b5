package dev.rapport.lint.rules;

import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.AskDetector;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Span;
import java.util.Locale;
import java.util.regex.MatchResult;
import org.jspecify.annotations.Nullable;

/**
 * What a draft says about the writer's citizenship and visa: the statements the visa-transparency
 * rules look for, and the claims they check against the sender profile. Stateless.
 */
final class VisaStatements {
  private VisaStatements() {}

  /**
   * Longer runs without a full stop are not read for claims, as {@link AskDetector} does not read
   * them for asks.
   */
  private static final int MAX_SENTENCE = 1_500;

  private static final String US = "(?:U\\.\\s?S\\.?|US|USA|American|United\\s+States)";

  /** A statement of citizenship or IMG status. */
  static final Phrase STATUS =
      Phrase.of(
          "\\bnon[-\\s]?"
              + US
              + "\\s+citizens?\\b|\\bnot\\s+an?\\s+"
              + US
              + "\\s+citizen\\b"
              + "|\\binternational\\s+(?:medical\\s+)?graduates?\\b|\\bIMGs?\\b|\\bFMGs?\\b|\\bforeign\\s+(?:medical\\s+)?graduates?\\b"
              + "|\\bforeign\\s+national\\b|\\bcitizen(?:ship)?\\b|\\bnational\\s+of\\b|\\bpermanent\\s+resident\\b"
              + "|\\bgreen[-\\s]card\\b");

  /** A statement of the visa needed, or that none is. */
  static final Phrase VISA =
      Phrase.of(
          "\\bJ-?1\\b|\\bH-?1-?B\\b|\\bH1B\\b|\\b(?:do\\s+not|don['’]t|will\\s+not|won['’]t|would\\s+not|wouldn['’]t)\\s+"
              + "(?:need|require)\\s+(?:a\\s+|any\\s+)?(?:visa|sponsorship)\\b|\\bno\\s+(?:visa|sponsorship)\\s+(?:is\\s+)?"
              + "(?:needed|required)\\b|\\bgreen[-\\s]card\\b|\\bpermanent\\s+resident\\b|\\b"
              + US
              + "\\s+citizen\\b");

  static final Phrase SPONSORSHIP = Phrase.of("\\bvisas?\\b|\\bsponsorship\\b");

  static final Phrase J1 = Phrase.of("\\bJ-?1\\b");
  static final Phrase H1B = Phrase.of("\\bH-?1-?B\\b|\\bH1B\\b");
  static final Phrase FIRST_PERSON = Phrase.of("\\b(?:i|i['’]m|i['’]d|i['’]ll|me|my|myself)\\b");
  private static final Phrase NEED =
      Phrase.of(
          "\\b(?:need|needs|needed|require|requires|required|requiring|needing|eligible|apply|applying|hold|holding|on\\s+an?"
              + "|seek|seeking|pursue|pursuing|qualify|sponsorship|sponsor)\\b");
  private static final Phrase US_CITIZEN =
      Phrase.of(
          "\\b(?:i\\s+am|i['’]m|as)\\s+(?:an?\\s+)?(?:"
              + US
              + "\\s+citizen|citizen\\s+of\\s+the\\s+(?:US|USA|United\\s+States))\\b");
  private static final Phrase NON_CITIZEN =
      Phrase.of("\\bnon[-\\s]?" + US + "\\s+citizen\\b|\\bnot\\s+an?\\s+" + US + "\\s+citizen\\b");
  private static final Phrase NO_VISA =
      Phrase.of(
          "\\b(?:do\\s+not|don['’]t|will\\s+not|won['’]t|would\\s+not|wouldn['’]t|shall\\s+not)\\s+(?:need|require)\\s+"
              + "(?:a\\s+|any\\s+)?(?:visa|sponsorship|visa\\s+sponsorship)\\b|\\bno\\s+(?:visa|sponsorship)\\s+(?:is\\s+)?"
              + "(?:needed|required)\\b|\\b(?:i\\s+am|i['’]m)\\s+(?:a\\s+)?(?:green[-\\s]card\\s+holder|permanent\\s+resident)\\b"
              + "|\\b(?:i\\s+)?(?:hold|have)\\s+(?:a\\s+)?(?:US\\s+)?green[-\\s]card\\b");
  private static final Phrase NEEDS_VISA =
      Phrase.of(
          "\\b(?:need|needs|require|requires|requiring|needing|would\\s+need|will\\s+need)\\s+(?:an?\\s+)?(?:J-?1|H-?1-?B|H1B"
              + "|visa|sponsorship)\\b");

  /**
   * Returns whether the draft touches visa or status at all: a request about a training position, a
   * visa or citizenship word, or a sentence the act model reads as a visa statement or hedge.
   */
  static boolean concernsVisa(LintContext c) {
    return trainingAsk(c) != null
        || Situation.mentions(c, SPONSORSHIP)
        || Situation.mentions(c, STATUS)
        || Situation.mentions(c, IMMIGRATION)
        || Acts.any(c, dev.rapport.lint.Act.VISA_HEDGE)
        || Acts.any(c, dev.rapport.lint.Act.VISA_STATEMENT);
  }

  static final Phrase IMMIGRATION =
      Phrase.of("\\bimmigration\\b|\\bpaperwork\\b|\\bwork\\s+(?:permit|authori[sz]ation)\\b");

  /** Returns whether any request of the draft concerns a training position. */
  static AskDetector.@Nullable Ask trainingAsk(LintContext c) {
    for (AskDetector.Ask a : c.asks()) {
      if (a.training()) {
        return a;
      }
    }
    return null;
  }

  /**
   * Returns whether the writer says {@code p} of themselves: in a body sentence in the first person
   * ("I am an IMG", not "Do you accept IMGs?"), or in the signature.
   */
  static boolean states(LintContext c, Phrase p) {
    Phrase.Index body = Situation.index(c);
    for (Span s : c.prose().sentences()) {
      if (s.length() <= MAX_SENTENCE
          && p.in(body, s.start(), s.end())
          && FIRST_PERSON.in(body, s.start(), s.end())) {
        return true;
      }
    }
    for (Segment s : c.draft().segments(SegmentKind.SIGNATURE)) {
      if (p.in(body, s.start(), Math.min(s.end(), s.start() + 5_000))) {
        return true;
      }
    }
    return false;
  }

  /** The writer's claims about themselves, read from the body's sentences. */
  record Claims(
      @Nullable Span usCitizen,
      @Nullable Span nonCitizen,
      @Nullable Span noVisa,
      @Nullable Span needsVisa,
      @Nullable Span j1,
      @Nullable Span h1b) {}

  static Claims claims(LintContext c) {
    String text = c.draft().text();
    Span usCitizen = null;
    Span nonCitizen = null;
    Span noVisa = null;
    Span needsVisa = null;
    Span j1 = null;
    Span h1b = null;
    for (Span s : c.prose().sentences()) {
      if (s.length() > MAX_SENTENCE) {
        continue;
      }
      // Each sentence is searched on its own, as a string: nothing around it is seen.
      Phrase.Index sentence = Phrase.index(text.substring(s.start(), s.end()));
      if (!FIRST_PERSON.in(sentence)) {
        continue;
      }
      usCitizen = first(usCitizen, US_CITIZEN, sentence, s);
      nonCitizen = first(nonCitizen, NON_CITIZEN, sentence, s);
      MatchResult none = NO_VISA.first(sentence, 0, s.length());
      if (none != null) {
        // "I do not need a visa" also reads as "need a visa": the negation wins for this sentence.
        noVisa =
            noVisa != null ? noVisa : Span.body(s.start() + none.start(), s.start() + none.end());
      } else {
        needsVisa = first(needsVisa, NEEDS_VISA, sentence, s);
      }
      if (NEED.in(sentence)) {
        j1 = first(j1, J1, sentence, s);
        h1b = first(h1b, H1B, sentence, s);
      }
    }
    return new Claims(usCitizen, nonCitizen, noVisa, needsVisa, j1, h1b);
  }

  private static @Nullable Span first(
      @Nullable Span found, Phrase p, Phrase.Index sentence, Span s) {
    if (found != null) {
      return found;
    }
    MatchResult m = p.first(sentence, 0, s.length());
    return m != null ? Span.body(s.start() + m.start(), s.start() + m.end()) : null;
  }

  /** Returns whether a citizenship from the profile is the United States. */
  static boolean isUs(@Nullable String citizenship) {
    if (citizenship == null) {
      return false;
    }
    String c = citizenship.strip().toLowerCase(Locale.ROOT).replace(".", "");
    return c.equals("us")
        || c.equals("usa")
        || c.equals("american")
        || c.equals("united states")
        || c.equals("united states of america")
        || c.equals("us citizen");
  }
}
