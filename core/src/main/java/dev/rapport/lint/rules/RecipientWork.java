package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Span;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a draft refers to the recipient's own work, and with a detail only a real reader would
 * give. Stateless.
 */
final class RecipientWork {
  private RecipientWork() {}

  static final Phrase REFERENCE =
      Phrase.of(
          String.join(
              "|",
              "\\byour\\s+(?:[\\p{L}\\p{N}'’-]{1,20}\\s+){0,3}?(?:papers?|articles?|talks?|lectures?|stud(?:y|ies)|trials?|clinics?"
                  + "|program(?:me)?s?|research|work|presentations?|posters?|webinars?|sessions?|books?|chapters?|podcasts?|reviews?"
                  + "|publications?|abstracts?|lab|laboratory|group|team|projects?|keynote|workshops?|course|grants?|findings"
                  + "|editorial|commentary|interview|blog|posts?|tweets?|thread|videos?|guidelines?|protocols?|initiatives?|service"
                  + "|fellowship|department|division|book|model|approach|framework|series|case|registry|database|curriculum"
                  + "|courses?|methods?|technique|protocols?|studies|survey|analysis|report)\\b",
              "\\byou\\s+(?:recently\\s+)?(?:presented|published|wrote|described|discussed|showed|reported|found|co-?authored"
                  + "|authored|led|gave|spoke|mentioned|explained|suggested|shared|developed|built|founded|started|run|direct"
                  + "|lead|created|designed|studied|proposed|argued|emphasi[sz]ed|highlighted)\\b",
              "\\b(?:the|a)\\s+(?:talk|lecture|session|presentation|webinar|workshop|keynote|paper|article|study|poster)\\s+"
                  + "(?:that\\s+)?you\\s+(?:gave|presented|delivered|wrote|published|led|co-?authored)\\b",
              "\\b(?:our|the)\\s+conversation\\b|\\bwe\\s+(?:met|spoke|talked)\\b"));

  private static final Phrase YEAR_OR_QUOTE =
      Phrase.of("\\b(?:19|20)\\d{2}\\b|[\"“][^\"”\\n]{8,160}[\"”]");
  private static final Phrase NEXT_DETAIL =
      Phrase.of(
          "\\byour\\s+(?:point|finding|findings|observation|approach|idea|description|emphasis|argument|results?|data|conclusions?"
              + "|framing|message|advice|suggestion|example|case|method)\\b|\\byou\\s+(?:showed|found|described|argued|emphasi[sz]ed"
              + "|noted|pointed\\s+out|suggested|explained|reported|mentioned|said)\\b");
  private static final Pattern CONTINUES =
      Pattern.compile(
          "\\W{0,3}(?:it|this|that|there|in\\s+it|the\\s+(?:paper|talk|study|article|findings?|results?|lecture|session|trial"
              + "|clinic|program|presentation))\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern WORD = Pattern.compile("[\\p{L}][\\p{L}'’-]{0,40}");
  private static final Set<String> STOP =
      Set.of(
          "the",
          "and",
          "with",
          "from",
          "about",
          "into",
          "over",
          "after",
          "before",
          "between",
          "among",
          "during",
          "under",
          "were",
          "been",
          "this",
          "that",
          "these",
          "those",
          "which",
          "whom",
          "your",
          "their",
          "them",
          "have",
          "does",
          "than",
          "then",
          "also",
          "just",
          "would",
          "could",
          "should",
          "might",
          "must",
          "what",
          "when",
          "where",
          "while",
          "because",
          "since",
          "until",
          "upon",
          "within",
          "without",
          "through",
          "across",
          "towards",
          "toward",
          "myself",
          "someone",
          "something",
          "anything",
          "everything",
          "there",
          "here",
          "more",
          "most",
          "only",
          "even",
          "still",
          "will",
          "shall",
          "each",
          "both",
          "either",
          "neither",
          "other",
          "another",
          "such",
          "very",
          "much",
          "many");

  /**
   * Returns whether the text after {@code from}, and the sentence after it, carry a specific
   * detail.
   */
  static boolean specificAfter(LintContext c, int from) {
    return specificAfter(c, from, from);
  }

  /**
   * Returns whether a reference to the recipient's work ({@code text[refStart, refEnd)}, such as
   * "your 2025 paper") comes with a specific detail: in the reference itself ("your amputee
   * clinic", "your graded return-to-play protocol"), right after it ("… on robotic gait training
   * after SCI"), or in the next sentence when it goes on about the same work.
   */
  static boolean specificAfter(LintContext c, int refStart, int refEnd) {
    String text = c.draft().text();
    List<Span> sentences = c.prose().sentences();
    int i = Situation.sentenceIndex(c, refEnd);
    int end =
        i < 0 ? Math.min(text.length(), refEnd + 300) : Math.max(sentences.get(i).end(), refEnd);
    String ref = text.substring(Math.max(0, Math.min(refStart, refEnd)), refEnd);
    String window = firstWords(text, refEnd, end, DETAIL_WINDOW);
    Phrase.Index windowIndex = Phrase.index(window);
    if (Lexicon.INTEREST_AREA.in(ref)
        || YEAR_OR_QUOTE.in(ref)
        || Lexicon.INTEREST_AREA.in(windowIndex)
        || YEAR_OR_QUOTE.in(window)
        || contentWords(ref) >= 2) {
      return true;
    }
    MatchResult link = LINK.first(windowIndex, 0, window.length());
    if (link != null
        && window.substring(0, link.start()).isBlank()
        && contentWords(window.substring(link.end())) >= 2) {
      return true;
    }
    if (i >= 0 && i + 1 < sentences.size()) {
      Span next = sentences.get(i + 1);
      String n = text.substring(next.start(), Math.min(next.end(), next.start() + 600));
      MatchResult m = NEXT_DETAIL.first(n, 0, n.length());
      if (m != null) {
        return specific(n.substring(m.end()), 2);
      }
      // "I read your paper. It showed that…": the next sentence goes on about the same work.
      return CONTINUES.matcher(n).lookingAt() && specific(n, 2);
    }
    return false;
  }

  /** Words that tie a detail to the work just named: "your paper on…", "your study comparing…". */
  private static final Phrase LINK =
      Phrase.of(
          "\\b(?:on|about|of|in|for|regarding|titled|entitled|with|comparing|showing|describing|that|at|from|using|among"
              + "|between|after|to|into|called|where|which|measuring|testing|linking|evaluating|examining)\\b");

  /** How many words after a reference may carry its detail. */
  private static final int DETAIL_WINDOW = 12;

  /** Returns {@code text[from, …)} up to {@code words} words, not past {@code end}. */
  private static String firstWords(String text, int from, int end, int words) {
    int i = from;
    int n = 0;
    boolean in = false;
    while (i < end && i < from + 400) {
      boolean w = Character.isLetterOrDigit(text.charAt(i));
      if (w && !in && ++n > words) {
        break;
      }
      in = w;
      i++;
    }
    return text.substring(from, i);
  }

  /**
   * Returns whether {@code s} names something specific: an interest area, a year, a title in quotes
   * or enough content words.
   */
  static boolean specific(String s, int words) {
    return Lexicon.INTEREST_AREA.in(s) || YEAR_OR_QUOTE.in(s) || contentWords(s) >= words;
  }

  /**
   * Counts the words of {@code s} that say something: not stop words, not general praise or filler,
   * not adverbs.
   */
  static int contentWords(String s) {
    int n = 0;
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (w.length() >= 4
          && !w.endsWith("ly")
          && !STOP.contains(w)
          && !Lexicon.GENERAL.contains(w)) {
        n++;
      }
    }
    return n;
  }
}
