package dev.rapport.lint.rules;

import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Prose;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.RuleOption;
import dev.rapport.lint.Span;
import java.util.List;
import java.util.Locale;

/**
 * Dense prose is slow to scan. Judged with the Automated Readability Index, which counts letters
 * rather than guessing syllables and so stays stable on short text; medical words, acronyms and
 * names are counted as words of ordinary length, because a physician reads "electrodiagnosis" or
 * "PM&R" without effort.
 */
final class Readability implements Rule {

  /** Letters a neutral word is counted as: about the mean length of English words. */
  private static final int NEUTRAL_LETTERS = 5;

  @Override
  public String id() {
    return "READABILITY";
  }

  @Override
  public Dimension dimension() {
    return Dimension.BREVITY;
  }

  @Override
  public String description() {
    return "The body reads above a US grade level of about 14 (Automated Readability Index, medical words neutral).";
  }

  @Override
  public List<RuleOption> options() {
    return List.of(
        RuleOption.decimal("maxGrade", 14.0, 6.0, 30.0, "the highest grade level that passes"),
        RuleOption.integer(
            "minWords", 30, 10, 500, "shorter bodies are not scored: a formula needs some text"));
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Dear Dr. Lee,\n\nNotwithstanding considerable institutional heterogeneity, comprehensive longitudinal "
                + "characterization of interprofessional communication methodologies substantially facilitates organizational "
                + "understanding, particularly concerning administrative responsibilities, departmental accountability "
                + "frameworks and the implementation of standardized documentation infrastructure across participating "
                + "institutions.\n\nBest,\nMai"),
        // Medical vocabulary is not held against the writer.
        RuleExample.good(
            "Dear Dr. Lee,\n\nI am a physician from Vietnam. I am interested in PM&R, spasticity management and "
                + "electrodiagnosis. I read your paper on musculoskeletal ultrasound in neuromuscular disorders. "
                + "Would you have 15 minutes for a call about electrodiagnostic training?\n\nBest,\nMai"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    Prose prose = context.prose();
    List<Prose.Word> words = prose.bodyWords();
    int sentences = prose.sentences().size();
    if (words.size() < context.options().integer("minWords") || sentences == 0) {
      return;
    }
    String text = context.draft().text();
    long letters = 0;
    for (Prose.Word w : words) {
      letters +=
          neutral(w, text) ? Math.min(NEUTRAL_LETTERS, w.text().length()) : letterCount(w.text());
    }
    double ari = 4.71 * letters / words.size() + 0.5 * words.size() / sentences - 21.43;
    double max = context.options().decimal("maxGrade");
    if (ari > max) {
      Span all = Span.body(words.get(0).start(), words.get(words.size() - 1).end());
      reporter.report(
          all,
          String.format(
              Locale.ROOT,
              "The body reads at about grade %.0f (Automated Readability Index); aim for %.0f or lower.",
              ari,
              max),
          "Use shorter sentences and everyday words; medical terms are fine.",
          ari > max + 4 ? 10 : 6);
    }
  }

  /** Medical words, acronyms, names and numbers are not what makes prose hard to read. */
  private static boolean neutral(Prose.Word w, String text) {
    String s = w.text();
    if (Lexicon.isMedicalWord(s)) {
      return true;
    }
    if (isAcronym(s) || s.indexOf('&') >= 0 || hasDigit(s)) {
      return true; // PM&R, MSK, H-1B, 2025
    }
    // A capitalized word inside a sentence is a name: "Rawalpindi", "Massachusetts".
    if (Character.isUpperCase(s.charAt(0))) {
      int i = w.start() - 1;
      while (i >= 0 && (text.charAt(i) == ' ' || text.charAt(i) == '"' || text.charAt(i) == '(')) {
        i--;
      }
      return i >= 0 && ".!?\n:".indexOf(text.charAt(i)) < 0;
    }
    return false;
  }

  /**
   * Returns whether the word is in capitals ("MSK"): upper-casing leaves it as it is and
   * lower-casing does not.
   */
  private static boolean isAcronym(String s) {
    if (s.length() < 2) {
      return false;
    }
    boolean upper = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128) {
        return s.equals(s.toUpperCase(Locale.ROOT)) && !s.equals(s.toLowerCase(Locale.ROOT));
      }
      if (c >= 'a' && c <= 'z') {
        return false;
      }
      upper |= c >= 'A' && c <= 'Z';
    }
    return upper;
  }

  private static boolean hasDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int letterCount(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}
