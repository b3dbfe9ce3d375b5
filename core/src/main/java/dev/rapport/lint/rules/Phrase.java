package dev.rapport.lint.rules;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A phrase pattern that is fast to search for in prose. {@link Matcher#find()} tries every
 * alternative of a pattern at every position; a phrase only tries, at each position, the
 * alternatives that can start with the character found there, and only at the start of a word
 * when every alternative begins with {@code \b}. Which alternatives can start with which character
 * is worked out once, when the phrase is built, from the pattern text or, failing that, by probing
 * ({@link Matcher#hitEnd()} on one-character inputs). Matches are those {@code find()} would return.
 *
 * <p>Patterns must be linear: bounded repetition, no nested unbounded quantifiers. Immutable and
 * thread-safe. Internal: public only so {@link dev.rapport.lint.AskDetector} can share it; this
 * package is not exported.
 */
public final class Phrase {

  private final int flags;
  private final Pattern whole;
  /** For each ASCII character, the index in {@link #parts} of the pattern to try there, or -1. */
  private final int[] slot = new int[128];
  private final Pattern[] parts;
  private final boolean wordStart;

  private Phrase(String regex, int flags) {
    this.flags = flags;
    List<String> branches = topLevelBranches(regex);
    boolean allWordStart = true;
    for (String b : branches) {
      allWordStart &= startsWithWordBoundary(b);
    }
    this.wordStart = allWordStart;
    this.whole = Pattern.compile(join(branches, null), flags);
    BitSet[] startsWith = new BitSet[128];
    for (int b = 0; b < branches.size(); b++) {
      boolean[] first = firstChars(allWordStart ? branches.get(b).substring(2) : branches.get(b));
      for (char c = 0; c < 128; c++) {
        if (first[c]) {
          (startsWith[c] == null ? startsWith[c] = new BitSet() : startsWith[c]).set(b);
        }
      }
    }
    Map<BitSet, Integer> index = new HashMap<>();
    List<Pattern> compiled = new ArrayList<>();
    for (char c = 0; c < 128; c++) {
      BitSet set = startsWith[c];
      if (set == null) {
        slot[c] = -1;
        continue;
      }
      Integer i = index.get(set);
      if (i == null) {
        i = compiled.size();
        index.put(set, i);
        compiled.add(Pattern.compile(join(branches, set), flags));
      }
      slot[c] = i;
    }
    this.parts = compiled.toArray(new Pattern[0]);
  }

  /** Compiles a phrase matched without regard to ASCII case. */
  public static Phrase of(String regex) {
    return new Phrase(Objects.requireNonNull(regex, "regex"), Pattern.CASE_INSENSITIVE);
  }

  /** Compiles a phrase matched case-sensitively ("TODO", "XXX"). */
  public static Phrase exact(String regex) {
    return new Phrase(Objects.requireNonNull(regex, "regex"), 0);
  }

  /** Returns the whole pattern, for matching a short string at once. */
  public Pattern pattern() {
    return whole;
  }

  /** Returns the first match in {@code text[from, to)}, or {@code null}. */
  public @Nullable MatchResult first(String text, int from, int to) {
    Matcher[] ms = new Matcher[parts.length + 1];
    int at = next(text, ms, from, to);
    return at < 0 ? null : last(ms, text, at).toMatchResult();
  }

  /** Returns whether {@code text[from, to)} contains a match. */
  public boolean in(String text, int from, int to) {
    return next(text, new Matcher[parts.length + 1], from, to) >= 0;
  }

  /** Returns whether {@code text} contains a match. */
  public boolean in(String text) {
    return in(text, 0, text.length());
  }

  /** Returns where the first match in {@code text} starts, or -1. */
  public int indexIn(String text) {
    return next(text, new Matcher[parts.length + 1], 0, text.length());
  }

  /**
   * Runs {@code each} on every match in {@code text[from, to)}, in order, without overlaps; the
   * match passed is only valid during the call.
   */
  public void each(String text, int from, int to, Consumer<MatchResult> each) {
    Matcher[] ms = new Matcher[parts.length + 1];
    int i = from;
    while (i < to) {
      int at = next(text, ms, i, to);
      if (at < 0) {
        return;
      }
      Matcher m = last(ms, text, at);
      each.accept(m);
      i = Math.max(at + 1, m.end());
    }
  }

  /** Returns every match in {@code text[from, to)}. */
  public List<MatchResult> all(String text, int from, int to) {
    List<MatchResult> out = new ArrayList<>();
    each(text, from, to, m -> out.add(((Matcher) m).toMatchResult()));
    return out;
  }

  /** The matcher that matched at {@code at}. */
  private Matcher last(Matcher[] ms, String text, int at) {
    char c = text.charAt(at);
    return ms[c < 128 ? slot[c] : parts.length];
  }

  /** Finds the first match starting in [from, to), leaves it in its matcher, and returns its start, or -1. */
  private int next(String text, Matcher[] ms, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int k = c < 128 ? slot[c] : parts.length;
      if (k < 0 || (wordStart && i > 0 && isWordChar(text.charAt(i - 1)))) {
        continue;
      }
      Matcher m = ms[k];
      if (m == null) {
        m = (k == parts.length ? whole : parts[k]).matcher(text);
        // \b and look-behind see the text before the region, as find() would.
        m.useTransparentBounds(true);
        m.useAnchoringBounds(false);
        ms[k] = m;
      }
      m.region(i, to);
      if (m.lookingAt()) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  private String join(List<String> branches, @Nullable BitSet only) {
    StringBuilder sb = new StringBuilder(wordStart ? "\\b(?:" : "(?:");
    boolean first = true;
    for (int b = 0; b < branches.size(); b++) {
      if (only != null && !only.get(b)) {
        continue;
      }
      if (!first) {
        sb.append('|');
      }
      first = false;
      String br = branches.get(b);
      sb.append(wordStart ? br.substring(2) : br);
    }
    return sb.append(')').toString();
  }

  private static boolean startsWithWordBoundary(String b) {
    if (!b.startsWith("\\b") || b.length() < 3) {
      return false;
    }
    char next = b.charAt(2);
    return Character.isLetterOrDigit(next) || next == '(' || b.startsWith("\\b\\p{L}") || b.startsWith("\\b\\d")
        || b.startsWith("\\b\\p{N}");
  }

  /** Returns which ASCII characters a match of {@code regex} can start with. */
  private boolean[] firstChars(String regex) {
    boolean[] out = new boolean[128];
    if (!staticFirstChars(regex, out)) {
      Pattern p = Pattern.compile(regex, flags);
      for (char c = 0; c < 128; c++) {
        Matcher m = p.matcher(String.valueOf(c));
        out[c] = m.lookingAt() || m.hitEnd();
      }
    }
    return out;
  }

  /**
   * Reads the first characters from the pattern text when it starts with a literal letter or a
   * group of alternatives that do; returns false (and the caller probes) for anything else.
   */
  private boolean staticFirstChars(String regex, boolean[] out) {
    if (regex.isEmpty()) {
      return false;
    }
    char c = regex.charAt(0);
    if (Character.isLetterOrDigit(c) && c < 128) {
      if (regex.length() > 1 && "?*{".indexOf(regex.charAt(1)) >= 0) {
        return false;
      }
      mark(c, out);
      return true;
    }
    if (regex.startsWith("(?:")) {
      int close = matchingParen(regex, 0);
      if (close < 0 || (close + 1 < regex.length() && "?*{".indexOf(regex.charAt(close + 1)) >= 0)) {
        return false;
      }
      for (String alt : topLevelBranches(regex.substring(3, close))) {
        if (!staticFirstChars(alt, out)) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private void mark(char c, boolean[] out) {
    if ((flags & Pattern.CASE_INSENSITIVE) != 0) {
      out[Character.toLowerCase(c)] = true;
      out[Character.toUpperCase(c)] = true;
    } else {
      out[c] = true;
    }
  }

  private static int matchingParen(String regex, int open) {
    int depth = 0;
    boolean inClass = false;
    for (int i = open; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  static List<String> topLevelBranches(String regex) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int start = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        out.add(regex.substring(start, i));
        start = i + 1;
      }
    }
    out.add(regex.substring(start));
    return out;
  }
}
