package dev.rapport.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A phrase from the configuration, matched as a literal sequence of words: case-insensitive, on
 * word boundaries, with any run of white space (line breaks included) between words, and a straight
 * apostrophe matching a curly one. There is no pattern syntax at all, so nothing a user writes can
 * make matching backtrack: the compiled pattern is quoted literals joined by possessive white
 * space, and a match attempt never re-reads more than the phrase's own length plus the white space
 * it spans. Immutable and thread-safe.
 *
 * @param text the phrase as written (stripped)
 * @param pattern the compiled pattern
 * @param key the phrase's longest run without white space or apostrophes, {@linkplain #fold
 *     folded}: every match holds it, so a text whose folded form lacks it needs no regular
 *     expression
 */
record Phrase(String text, Pattern pattern, String key) {

  /** Longest phrase accepted, in characters. */
  static final int MAX_LENGTH = 200;

  /** Most words in one phrase. */
  static final int MAX_WORDS = 20;

  private static final String WORD_CHAR = "[\\p{L}\\p{N}_]";

  /**
   * Compiles a phrase.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static Phrase of(String text) {
    String t = text.strip();
    if (t.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    if (t.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
    }
    if (t.codePoints().anyMatch(c -> Character.isISOControl(c) && !Character.isWhitespace(c))) {
      throw new IllegalArgumentException("holds a control character");
    }
    String[] words = t.split("\\s+");
    if (words.length > MAX_WORDS) {
      throw new IllegalArgumentException("has more than " + MAX_WORDS + " words");
    }
    StringBuilder re = new StringBuilder();
    if (isWordChar(t.codePointAt(0))) {
      re.append("(?<!").append(WORD_CHAR).append(')');
    }
    for (int i = 0; i < words.length; i++) {
      if (i > 0) {
        re.append("\\s++"); // possessive: white space is never given back
      }
      literal(words[i], re);
    }
    if (isWordChar(t.codePointBefore(t.length()))) {
      re.append("(?!").append(WORD_CHAR).append(')');
    }
    String key = "";
    for (String run : t.split("[\\s'\u2019]+")) {
      if (run.length() > key.length()) {
        key = run;
      }
    }
    return new Phrase(
        t,
        Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
        fold(key));
  }

  /**
   * Folds case character by character, keeping every offset: two characters the case-insensitive
   * pattern takes as equal (same upper case, or same lower case) fold to the same character.
   */
  static String fold(CharSequence s) {
    // The same fold java.util.regex applies under CASE_INSENSITIVE | UNICODE_CASE, code point by
    // code point; a supplementary letter's case partner is supplementary too, so offsets hold.
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = Character.codePointAt(s, i);
      int f = Character.toLowerCase(Character.toUpperCase(cp));
      out.appendCodePoint(Character.charCount(f) == Character.charCount(cp) ? f : cp);
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** Returns whether the phrase may occur in a text, given the text {@linkplain #fold folded}. */
  boolean mayOccurIn(String folded) {
    return folded.contains(key);
  }

  /** Returns a matcher over a text. */
  Matcher matcher(CharSequence s) {
    return pattern.matcher(s);
  }

  /** Returns whether the phrase occurs anywhere in the text. */
  boolean occursIn(CharSequence s) {
    return pattern.matcher(s).find();
  }

  private static void literal(String word, StringBuilder re) {
    StringBuilder run = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\'' || c == '\u2019') {
        if (run.length() > 0) {
          re.append(Pattern.quote(run.toString()));
          run.setLength(0);
        }
        re.append("['\u2019]");
      } else {
        run.append(c);
      }
    }
    if (run.length() > 0) {
      re.append(Pattern.quote(run.toString()));
    }
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) || cp == '_';
  }
}
