package dev.rapport.lint.rules;

import dev.rapport.draft.Segment;
import dev.rapport.lint.LintContext;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a draft mentions a phrase from the contacts file, loosely: most of its content words,
 * accents and endings aside.
 */
final class Mentions {
  private Mentions() {}

  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}&'’-]{0,40}");
  private static final int STEM = 5;
  private static final Set<String> IGNORED =
      Set.of(
          "the",
          "and",
          "for",
          "with",
          "from",
          "about",
          "into",
          "after",
          "before",
          "your",
          "their",
          "annual",
          "meeting",
          "conference",
          "paper",
          "article",
          "talk",
          "study",
          "session",
          "clinic",
          "program",
          "research",
          "work",
          "journal");

  /** Returns the folded words of the new text and subject, with their stems. */
  static Set<String> words(LintContext c) {
    Set<String> out = new HashSet<>();
    add(c.draft().subject(), out);
    String text = c.draft().text();
    for (Segment s : c.draft().newText()) {
      add(text.substring(s.start(), Math.min(s.end(), s.start() + 200_000)), out);
    }
    return out;
  }

  private static void add(String s, Set<String> out) {
    Matcher m = WORD.matcher(s);
    while (m.find()) {
      String w = Names.fold(m.group());
      out.add(w);
      if (w.length() > STEM) {
        out.add(w.substring(0, STEM));
      }
    }
  }

  /**
   * Returns whether at least half the distinctive words of {@code phrase} appear among {@code
   * words}.
   */
  static boolean mentioned(String phrase, Set<String> words) {
    int wanted = 0;
    int found = 0;
    Matcher m = WORD.matcher(phrase);
    while (m.find()) {
      String w = Names.fold(m.group());
      if (w.length() < 3 || IGNORED.contains(w) || w.matches("(?:19|20)\\d\\d")) {
        continue;
      }
      wanted++;
      if (words.contains(w) || (w.length() > STEM && words.contains(w.substring(0, STEM)))) {
        found++;
      }
    }
    return wanted > 0 && found * 2 >= wanted;
  }
}
