package dev.rapport.lint.rules;

import dev.rapport.lint.Act;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.SentenceActs;
import dev.rapport.lint.Span;
import java.util.ArrayList;
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
