package dev.rapport.lint.rules;

import dev.rapport.lint.Act;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import dev.rapport.internal.phrase.Phrase;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.List;
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

  /** How a rule searches a phrase in a draft: {@link Situation#scan} (new text) or {@link Situation#scanBody}. */
  interface Scan {
    void each(LintContext c, Phrase p, Consumer<MatchResult> each);
  }

  /** At most this many spans are gathered: rules report the first one or two. */
  private static final int MAX_SPANS = 10;

  /**
   * Returns, in order of position, the sentences the model found ({@code found}) together with the
   * sentences that hold a match of {@code p} that {@code keep} accepts (the match itself when it lies
   * in no sentence), each once, at most {@value #MAX_SPANS}.
   *
   * @param keep decides a match, given the sentence holding it (null if none)
   */
  static List<Span> withPhrase(
      LintContext c, List<SentenceActs> found, Scan scan, Phrase p, BiPredicate<MatchResult, @Nullable SentenceActs> keep) {
    Set<Span> seen = new HashSet<>();
    List<Span> out = new ArrayList<>();
    for (SentenceActs s : found) {
      if (seen.add(s.span())) {
        out.add(s.span());
      }
    }
    scan.each(c, p, m -> {
      SentenceActs s = at(c, m.start());
      if (out.size() < MAX_SPANS && keep.test(m, s)) {
        Span span = s != null ? s.span() : Span.body(m.start(), m.end());
        if (seen.add(span)) {
          out.add(span);
        }
      }
    });
    out.sort(Comparator.comparingInt(Span::start));
    return out;
  }

  /** Returns the sentence's text, cut to about {@code max} characters at a word boundary, for a message. */
  static String quote(LintContext c, Span span, int max) {
    String s = c.text(span).strip().replaceAll("\\s+", " ");
    if (s.length() <= max) {
      return s;
    }
    int cut = s.lastIndexOf(' ', max);
    return s.substring(0, cut > max / 2 ? cut : max) + "…";
  }
}
