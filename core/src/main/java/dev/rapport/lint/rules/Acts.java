package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.Act;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import org.jspecify.annotations.Nullable;

/** What the act model reads in a draft's sentences, as the rules ask for it. Stateless. */
final class Acts {
  private Acts() {}

  /** Returns the sentences that do {@code act}, in order. */
  static List<SentenceActs> doing(LintContext c, Act act) {
    List<SentenceActs> out = new ArrayList<>();
    for (SentenceActs s : c.sentences()) {
      if (s.has(act)) {
        out.add(s);
      }
    }
    return out;
  }

  /** Returns whether any sentence does {@code act}. */
  static boolean any(LintContext c, Act act) {
    for (SentenceActs s : c.sentences()) {
      if (s.has(act)) {
        return true;
      }
    }
    return false;
  }

  /** Returns the sentence that holds {@code offset}, or null. */
  static @Nullable SentenceActs at(LintContext c, int offset) {
    List<SentenceActs> all = c.sentences();
    int lo = 0;
    int hi = all.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Span s = all.get(mid).span();
      if (offset < s.start()) {
        hi = mid - 1;
      } else if (offset >= s.end()) {
        lo = mid + 1;
      } else {
        return all.get(mid);
      }
    }
    return null;
  }

  /**
   * How a rule searches a phrase in a draft: {@link Situation#scan} (new text) or {@link
   * Situation#scanBody}.
   */
  interface Scan {
    void each(LintContext c, Phrase p, Consumer<MatchResult> each);
  }

  /** At most this many spans are gathered: rules report the first one or two. */
  private static final int MAX_SPANS = 10;

  /**
   * A sentence (or a phrase match outside any sentence) a rule flags, and whether the reading is
   * sure.
   */
  record Flagged(Span span, boolean sure) {}

  /**
   * Returns, in order of position, the sentences the model found ({@code found}) together with the
   * sentences that hold a match of {@code p} that {@code keep} accepts (the match itself when it
   * lies in no sentence), each once, at most {@value #MAX_SPANS}.
   *
   * @param keep decides a match, given the sentence holding it (null if none)
   */
  static List<Span> withPhrase(
      LintContext c,
      List<SentenceActs> found,
      Scan scan,
      Phrase p,
      BiPredicate<MatchResult, @Nullable SentenceActs> keep) {
    List<Span> out = new ArrayList<>();
    for (Flagged f : graded(c, found, null, scan, p, keep)) {
      out.add(f.span());
    }
    return out;
  }

  /**
   * As {@link #withPhrase}, saying of each span whether the reading is sure: a phrase matched in
   * it, or the model is sure the sentence does {@code act} ({@link SentenceActs#isSure}). A rule
   * weighs a sure reading fully and one the model only finds likely less, since on writers it never
   * saw the model's likely readings are wrong often enough to matter.
   */
  static List<Flagged> graded(
      LintContext c,
      List<SentenceActs> found,
      @Nullable Act act,
      Scan scan,
      Phrase p,
      BiPredicate<MatchResult, @Nullable SentenceActs> keep) {
    java.util.Map<Span, Boolean> sure = new java.util.HashMap<>();
    List<Span> order = new ArrayList<>();
    for (SentenceActs s : found) {
      if (!sure.containsKey(s.span())) {
        order.add(s.span());
        sure.put(s.span(), act != null && s.isSure(act));
      }
    }
    scan.each(
        c,
        p,
        m -> {
          SentenceActs s = at(c, m.start());
          if (order.size() < MAX_SPANS && keep.test(m, s)) {
            Span span = s != null ? s.span() : Span.body(m.start(), m.end());
            if (!sure.containsKey(span)) {
              order.add(span);
            }
            sure.put(span, true);
          }
        });
    order.sort(Comparator.comparingInt(Span::start));
    List<Flagged> out = new ArrayList<>(order.size());
    for (Span span : order) {
      out.add(new Flagged(span, sure.get(span)));
    }
    return out;
  }

  /**
   * Returns the sentence's text, cut to about {@code max} characters at a word boundary, for a
   * message.
   */
  static String quote(LintContext c, Span span, int max) {
    String s = c.text(span).strip().replaceAll("\\s+", " ");
    if (s.length() <= max) {
      return s;
    }
    int cut = s.lastIndexOf(' ', max);
    return s.substring(0, cut > max / 2 ? cut : max) + "…";
  }

  /** Whether a sentence ends in a question mark (past closing quotes and brackets). */
  static boolean isQuestion(String sentence) {
    for (int i = sentence.length() - 1; i >= 0; i--) {
      char c = sentence.charAt(i);
      if (c == '?') {
        return true;
      }
      if (!Character.isWhitespace(c) && "\"'”’)]".indexOf(c) < 0) {
        return false;
      }
    }
    return false;
  }
}
