package dev.rapport.internal.phrase;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A phrase pattern that is fast to search for in prose. {@link Matcher#find()} tries every
 * alternative of a pattern at every position. A phrase first reads, from the pattern, the literal
 * text each alternative must start with ("would you", "could you", "can you" for {@code
 * \\b(?:would|could|can)\\s+you\\b}; a run of white space stands for {@code \\s+}), and puts those
 * prefixes in a trie. At a position (only at the start of a word when every alternative begins with
 * {@code \\b}: an {@link Index} lists where words start, so several phrases searched in one text
 * skip the rest at once) it walks the trie over the text, and only if some prefix is there does it
 * run a regular expression, made of just the alternatives whose prefix it found. Alternatives
 * without a literal prefix are placed by the characters they can start with, read from the pattern
 * or found by probing ({@link Matcher#hitEnd()} on one-character inputs). Matches are those {@code
 * find()} would return: an alternative left out at a position cannot match there, and the others
 * keep their order.
 *
 * <p>Patterns must be linear: bounded repetition, no nested unbounded quantifiers. Immutable and
 * thread-safe. Internal: public only so {@link dev.rapport.lint.AskDetector} can share it; this
 * package is not exported.
 */
public final class Phrase {

  /** Prefixes are cut at this length: a longer one rarely rules out more positions. */
  private static final int MAX_PREFIX = 10;

  /** Most prefixes one alternative may expand to ({@code (?:a|b)(?:c|d)} is four). */
  private static final int MAX_PREFIXES = 64;

  /** Stands for a run of white space ({@code \s+}) in a prefix. */
  private static final char SPACE = Trie.SPACE;

  private static final AtomicInteger IDS = new AtomicInteger();

  /** Tells phrases apart in a {@link Group}. */
  private final int id = IDS.getAndIncrement();

  private final int flags;
  private final String[] branches;

  /**
   * Whether every alternative begins with {@code \b} and a word character: the {@code \b} is taken
   * out of each and put before the group.
   */
  private final boolean wordStart;

  /** Whether a match can only start where a word starts, so an {@link Index} may be used. */
  private final boolean atWordStarts;

  /**
   * Whether some alternative can start with a character beyond ASCII that the trie does not know.
   */
  private final boolean anyNonAscii;

  /**
   * The alternatives the trie's nodes point at, each set tried as one regular expression of those
   * alternatives in their order (null for all of them), compiled on first use.
   */
  private final @Nullable BitSet[] partSets;

  private final AtomicReferenceArray<Pattern> partPattern;

  /** The literal prefixes of the alternatives; a run of white space is one edge. */
  private final Trie trie;

  /**
   * For each node, the index in {@link #partSets} of the alternatives whose prefix ends at it or
   * above, or -1.
   */
  private final int[] part;

  private Phrase(String regex, int flags) {
    this.flags = flags;
    List<String> all = topLevelBranches(regex);
    boolean allWordStart = true;
    boolean allAtWordStarts = true;
    for (String b : all) {
      allWordStart &= startsWithWordBoundary(b);
      allAtWordStarts &= startsWithWordBoundary(skipLookArounds(b));
    }
    this.wordStart = allWordStart;
    this.branches = all.toArray(new String[0]);

    Trie.Builder builder = new Trie.Builder();
    Map<Integer, BitSet> ends =
        new HashMap<>(); // by node, the alternatives whose prefix ends there
    boolean unknown = false;
    for (int b = 0; b < branches.length; b++) {
      String branch = allWordStart ? branches[b].substring(2) : branches[b];
      int[] prefixEnds = literalPrefixes(branch, builder);
      if (prefixEnds == null) {
        boolean[] first = new boolean[128];
        if (!staticFirstChars(branch, first)) {
          // Probing covers ASCII only: at other characters, the whole pattern is tried.
          unknown = true;
          first = firstChars(branch);
        }
        int n = 0;
        prefixEnds = new int[128];
        for (char c = 0; c < 128; c++) {
          if (first[c]) {
            prefixEnds[n++] = builder.child(0, fold(c));
          }
        }
        prefixEnds = Arrays.copyOf(prefixEnds, n);
      }
      for (int node : prefixEnds) {
        ends.computeIfAbsent(node, k -> new BitSet()).set(b);
      }
    }
    this.anyNonAscii = unknown;
    this.trie = builder.build();

    // A node's alternatives are its parent's plus those whose prefix ends there; nodes are numbered
    // after their parents, and most add none, so most share their parent's regular expression.
    int n = trie.size();
    this.part = new int[n];
    Arrays.fill(part, -1);
    Map<BitSet, Integer> index = new HashMap<>();
    List<BitSet> sets = new ArrayList<>();
    for (int node = 0; node < n; node++) {
      for (int k = 0; k <= trie.edges(node); k++) {
        int child = k < trie.edges(node) ? trie.target(node, k) : trie.space(node);
        if (child < 0) {
          continue;
        }
        BitSet own = ends.get(child);
        if (own == null) {
          part[child] = part[node];
          continue;
        }
        BitSet set = part[node] < 0 ? new BitSet() : (BitSet) sets.get(part[node]).clone();
        set.or(own);
        Integer i = index.get(set);
        if (i == null) {
          i = sets.size();
          index.put(set, i);
          sets.add(set);
        }
        part[child] = i;
      }
    }
    boolean rootOnlyWordChars = true;
    for (int k = 0; k < trie.edges(0); k++) {
      rootOnlyWordChars &= isWordChar(trie.key(0, k));
    }
    // The whole pattern comes last: it is tried at characters the trie cannot place.
    sets.add(null);
    this.partSets = sets.toArray(new BitSet[0]);
    this.partPattern = new AtomicReferenceArray<>(partSets.length);
    this.atWordStarts = allAtWordStarts && !unknown && rootOnlyWordChars && trie.space(0) < 0;
  }

  /** Compiles a phrase matched without regard to ASCII case. */
  public static Phrase of(String regex) {
    return new Phrase(Objects.requireNonNull(regex, "regex"), Pattern.CASE_INSENSITIVE);
  }

  /** Compiles a phrase matched case-sensitively ("TODO", "XXX"). */
  public static Phrase exact(String regex) {
    return new Phrase(Objects.requireNonNull(regex, "regex"), 0);
  }

  /**
   * Where the words of a text start, found once so that every phrase searched in the text visits
   * only those places; made by a {@link Group}, also where each of its phrases may match. Immutable
   * and thread-safe.
   */
  public static final class Index {
    final String text;
    final int[] starts;
    final int count;

    /** The group whose phrases were looked for, or null. */
    final @Nullable Group group;

    /** Per phrase of the group: where it may match, and the regular expression to try there. */
    final int[][] at;

    final int[][] part;
    final int[] found;

    private Index(String text, @Nullable Group group) {
      this.text = text;
      int[] s = new int[Math.max(16, text.length() / 4)];
      int n = 0;
      boolean prevWord = false;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        boolean word = c < 128 ? ASCII_WORD[c] : isWordChar(c);
        if (word && !prevWord) {
          if (n == s.length) {
            s = Arrays.copyOf(s, n * 2);
          }
          s[n++] = i;
        }
        prevWord = word;
      }
      this.starts = s;
      this.count = n;
      this.group = group;
      int size = group == null ? 0 : group.phrases.length;
      this.at = new int[size][];
      this.part = new int[size][];
      this.found = new int[size];
      if (group != null) {
        group.scan(this);
      }
    }

    /** Returns the text indexed. */
    public String text() {
      return text;
    }

    /** Returns the position in {@link #starts} of the first word start at or after {@code from}. */
    int firstAtOrAfter(int from) {
      return firstAtOrAfter(starts, count, from);
    }

    static int firstAtOrAfter(int[] sorted, int n, int from) {
      int lo = 0;
      int hi = n;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (sorted[mid] < from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    void add(int slot, int position, int k) {
      int n = found[slot];
      if (at[slot] == null) {
        at[slot] = new int[4];
        part[slot] = new int[4];
      } else if (n == at[slot].length) {
        at[slot] = Arrays.copyOf(at[slot], n * 2);
        part[slot] = Arrays.copyOf(part[slot], n * 2);
      }
      at[slot][n] = position;
      part[slot][n] = k;
      found[slot] = n + 1;
    }
  }

  /**
   * Phrases searched in the same texts, found together: one trie holds all their prefixes, so one
   * walk per word start tells which of them may match there, instead of a walk per phrase. An
   * {@link Index} made by {@link #index} carries the places found; a phrase of the group searched
   * with it visits only those. Phrases that are not case-insensitive or can match other than at
   * word starts are searched on their own. Immutable and thread-safe.
   */
  public static final class Group {
    private final Phrase[] phrases;

    /** For each phrase id, its place in {@link #phrases}, or -1. */
    private final int[] slotById;

    /** The phrases' tries merged into one. */
    private final Trie trie;

    // Per node of the merged trie, the phrases (by slot) whose own trie has that node, with the
    // regular expression to try there: entries of node n are at [entryStart[n], entryStart[n + 1]).
    private final int[] entryStart;
    private final int[] entrySlot;
    private final int[] entryPart;

    private Group(List<Phrase> members) {
      List<Phrase> kept = new ArrayList<>();
      int maxId = -1;
      for (Phrase p : members) {
        if (p.atWordStarts && (p.flags & Pattern.CASE_INSENSITIVE) != 0 && !kept.contains(p)) {
          kept.add(p);
          maxId = Math.max(maxId, p.id);
        }
      }
      this.phrases = kept.toArray(new Phrase[0]);
      this.slotById = new int[maxId + 1];
      Arrays.fill(slotById, -1);
      Trie.Builder builder = new Trie.Builder();
      List<List<int[]>> entries = new ArrayList<>();
      for (int slot = 0; slot < phrases.length; slot++) {
        slotById[phrases[slot].id] = slot;
        merge(phrases[slot], slot, 0, 0, -1, builder, entries);
      }
      this.trie = builder.build();
      int n = trie.size();
      this.entryStart = new int[n + 1];
      int total = 0;
      for (int node = 0; node < n; node++) {
        entryStart[node] = total;
        total += node < entries.size() ? entries.get(node).size() : 0;
      }
      entryStart[n] = total;
      this.entrySlot = new int[total];
      this.entryPart = new int[total];
      for (int node = 0; node < Math.min(n, entries.size()); node++) {
        for (int e = 0; e < entries.get(node).size(); e++) {
          entrySlot[entryStart[node] + e] = entries.get(node).get(e)[0];
          entryPart[entryStart[node] + e] = entries.get(node).get(e)[1];
        }
      }
    }

    /**
     * Copies phrase {@code p}'s trie from its node {@code pn} into the merged one at {@code un}. A
     * node's regular expression is noted only where it differs from its parent's ({@code above}):
     * the last one noted on the way down is the one at the deepest node reached.
     */
    private static void merge(
        Phrase p,
        int slot,
        int pn,
        int un,
        int above,
        Trie.Builder builder,
        List<List<int[]>> entries) {
      if (p.part[pn] >= 0 && p.part[pn] != above) {
        while (entries.size() <= un) {
          entries.add(new ArrayList<>());
        }
        entries.get(un).add(new int[] {slot, p.part[pn]});
      }
      for (int k = 0; k < p.trie.edges(pn); k++) {
        merge(
            p,
            slot,
            p.trie.target(pn, k),
            builder.child(un, p.trie.key(pn, k)),
            p.part[pn],
            builder,
            entries);
      }
      if (p.trie.space(pn) >= 0) {
        merge(p, slot, p.trie.space(pn), builder.child(un, SPACE), p.part[pn], builder, entries);
      }
    }

    /** Groups phrases that are searched in the same texts. */
    public static Group of(Phrase... phrases) {
      return new Group(List.of(phrases));
    }

    /** Finds where the words of {@code text} start and where this group's phrases may match. */
    public Index index(String text) {
      return new Index(Objects.requireNonNull(text, "text"), this);
    }

    /** Returns the place of {@code p} in this group, or -1. */
    int slot(Phrase p) {
      return p.id < slotById.length ? slotById[p.id] : -1;
    }

    /**
     * Walks the merged trie from every word start, noting for each phrase the deepest regular
     * expression reached.
     */
    void scan(Index index) {
      String text = index.text;
      int length = text.length();
      int[] last = new int[phrases.length];
      int[] touched = new int[phrases.length];
      Arrays.fill(last, -1);
      for (int w = 0; w < index.count; w++) {
        int i = index.starts[w];
        char c = text.charAt(i);
        int node = c < 128 ? trie.rootChild(foldCase(c)) : trie.child(0, c);
        int t = 0;
        int j = i + 1;
        while (node >= 0) {
          for (int e = entryStart[node], end = entryStart[node + 1]; e < end; e++) {
            int slot = entrySlot[e];
            if (last[slot] < 0) {
              touched[t++] = slot;
            }
            last[slot] = entryPart[e];
          }
          if (j >= length) {
            break;
          }
          char d = text.charAt(j);
          if (isRegexSpace(d)) {
            node = trie.space(node);
            do {
              j++;
            } while (j < length && isRegexSpace(text.charAt(j)));
          } else {
            node = trie.child(node, foldCase(d));
            j++;
          }
        }
        for (int k = 0; k < t; k++) {
          index.add(touched[k], i, last[touched[k]]);
          last[touched[k]] = -1;
        }
      }
    }
  }

  private static char foldCase(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }

  /** Finds where the words of {@code text} start, for searching several phrases in it. */
  public static Index index(String text) {
    return new Index(Objects.requireNonNull(text, "text"), null);
  }

  /** Returns the whole pattern, for matching a short string at once. */
  public Pattern pattern() {
    return pattern(partSets.length - 1);
  }

  private Pattern pattern(int k) {
    Pattern p = partPattern.get(k);
    if (p == null) {
      p = Pattern.compile(join(partSets[k]), flags);
      partPattern.compareAndSet(k, null, p);
    }
    return p;
  }

  /** Returns the first match in {@code text[from, to)}, or {@code null}. */
  public @Nullable MatchResult first(String text, int from, int to) {
    return first(null, text, from, to);
  }

  /** Returns the first match in {@code index.text()[from, to)}, or {@code null}. */
  public @Nullable MatchResult first(Index index, int from, int to) {
    return first(index, index.text, from, to);
  }

  private @Nullable MatchResult first(@Nullable Index index, String text, int from, int to) {
    Matcher[] ms = matchers();
    int at = next(index, text, ms, from, to);
    return at < 0 ? null : last(ms).toMatchResult();
  }

  /** Returns whether {@code text[from, to)} contains a match. */
  public boolean in(String text, int from, int to) {
    return next(null, text, matchers(), from, to) >= 0;
  }

  /** Returns whether {@code index.text()[from, to)} contains a match. */
  public boolean in(Index index, int from, int to) {
    return next(index, index.text, matchers(), from, to) >= 0;
  }

  /** Returns whether {@code text} contains a match. */
  public boolean in(String text) {
    return in(text, 0, text.length());
  }

  /** Returns whether the indexed text contains a match. */
  public boolean in(Index index) {
    return in(index, 0, index.text.length());
  }

  /** Returns where the first match in {@code text} starts, or -1. */
  public int indexIn(String text) {
    return next(null, text, matchers(), 0, text.length());
  }

  /** Returns where the first match in the indexed text starts, or -1. */
  public int indexIn(Index index) {
    return next(index, index.text, matchers(), 0, index.text.length());
  }

  /**
   * Runs {@code each} on every match in {@code text[from, to)}, in order, without overlaps; the
   * match passed is only valid during the call.
   */
  public void each(String text, int from, int to, Consumer<MatchResult> each) {
    each(null, text, from, to, each);
  }

  /**
   * Runs {@code each} on every match in {@code index.text()[from, to)}, as {@link #each(String,
   * int, int, Consumer)}.
   */
  public void each(Index index, int from, int to, Consumer<MatchResult> each) {
    each(index, index.text, from, to, each);
  }

  private void each(
      @Nullable Index index, String text, int from, int to, Consumer<MatchResult> each) {
    Matcher[] ms = matchers();
    int i = from;
    while (i < to) {
      int at = next(index, text, ms, i, to);
      if (at < 0) {
        return;
      }
      Matcher m = last(ms);
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

  /** Returns every match in {@code index.text()[from, to)}. */
  public List<MatchResult> all(Index index, int from, int to) {
    List<MatchResult> out = new ArrayList<>();
    each(index, from, to, m -> out.add(((Matcher) m).toMatchResult()));
    return out;
  }

  /**
   * One matcher per regular expression, made when first needed; the last slot holds the one that
   * matched.
   */
  private Matcher[] matchers() {
    return new Matcher[partSets.length + 1];
  }

  private static Matcher last(Matcher[] ms) {
    return ms[ms.length - 1];
  }

  /**
   * Finds the first match starting in [from, to), leaves it in its matcher, stores that matcher
   * last in {@code ms}, and returns its start, or -1.
   */
  private int next(@Nullable Index index, String text, Matcher[] ms, int from, int to) {
    int slot = index == null || index.group == null ? -1 : index.group.slot(this);
    if (slot >= 0) {
      // The group's walk found where this phrase may match in the whole text. A walk that went past
      // 'to' may name more alternatives than one that stops there; those cannot match before 'to'.
      int[] at = index.at[slot];
      int n = index.found[slot];
      for (int k = at == null ? n : Index.firstAtOrAfter(at, n, from); k < n && at[k] < to; k++) {
        if (tryAt(text, ms, at[k], to, index.part[slot][k])) {
          return at[k];
        }
      }
      return -1;
    }
    if (index != null && atWordStarts) {
      for (int w = index.firstAtOrAfter(from); w < index.count; w++) {
        int i = index.starts[w];
        if (i >= to) {
          break;
        }
        char c = text.charAt(i);
        int root = c < 128 ? trie.rootChild(fold(c)) : trie.child(0, c);
        if (root >= 0 && tryAt(text, ms, i, to, walk(text, root, i + 1, to))) {
          return i;
        }
      }
      // Every place a match can start is a word start of the whole text: \b sees the text before
      // 'from' too, as find() does.
      return -1;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int root;
      if (c < 128) {
        root = trie.rootChild(fold(c));
      } else {
        root = anyNonAscii ? -2 : trie.child(0, c);
      }
      if (root == -1 || (wordStart && i > 0 && isWordChar(text.charAt(i - 1)))) {
        continue;
      }
      if (tryAt(text, ms, i, to, root == -2 ? partSets.length - 1 : walk(text, root, i + 1, to))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Runs regular expression {@code k} (if any) at {@code i}; on a match, stores its matcher last in
   * {@code ms}.
   */
  private boolean tryAt(String text, Matcher[] ms, int i, int to, int k) {
    if (k < 0) {
      return false;
    }
    Matcher m = ms[k];
    if (m == null) {
      m = pattern(k).matcher(text);
      // \b and look-behind see the text before the region, as find() would.
      m.useTransparentBounds(true);
      m.useAnchoringBounds(false);
      ms[k] = m;
    }
    m.region(i, to);
    if (m.lookingAt()) {
      ms[ms.length - 1] = m;
      return true;
    }
    return false;
  }

  /**
   * Walks the trie down from {@code node} over {@code text[at, to)}; returns the regular expression
   * to try, or -1.
   */
  private int walk(String text, int node, int at, int to) {
    int n = node;
    int j = at;
    while (j < to) {
      char c = text.charAt(j);
      int next;
      if (isRegexSpace(c)) {
        next = trie.space(n);
        do {
          j++;
        } while (j < to && isRegexSpace(text.charAt(j)));
      } else {
        next = trie.child(n, fold(c));
        j++;
      }
      if (next < 0) {
        break;
      }
      n = next;
    }
    return part[n];
  }

  /**
   * Folds as {@link Pattern#CASE_INSENSITIVE} does without {@code UNICODE_CASE}: ASCII letters
   * only.
   */
  private char fold(char c) {
    return (flags & Pattern.CASE_INSENSITIVE) != 0 && c >= 'A' && c <= 'Z'
        ? (char) (c + ('a' - 'A'))
        : c;
  }

  /** What {@code \s} matches without {@code UNICODE_CHARACTER_CLASS}. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_WORD[c] = isWordChar(c);
    }
  }

  private static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /**
   * Joins the alternatives in {@code only} (all if null), in their order, with {@code \b} taken out
   * front for word-start phrases.
   */
  private String join(@Nullable BitSet only) {
    StringBuilder sb = new StringBuilder(wordStart ? "\\b(?:" : "(?:");
    boolean first = true;
    for (int b = 0; b < branches.length; b++) {
      if (only != null && !only.get(b)) {
        continue;
      }
      if (!first) {
        sb.append('|');
      }
      first = false;
      sb.append(wordStart ? branches[b].substring(2) : branches[b]);
    }
    return sb.append(')').toString();
  }

  private static boolean startsWithWordBoundary(String b) {
    if (!b.startsWith("\\b") || b.length() < 3) {
      return false;
    }
    char next = b.charAt(2);
    return Character.isLetterOrDigit(next)
        || next == '('
        || b.startsWith("\\b\\p{L}")
        || b.startsWith("\\b\\d")
        || b.startsWith("\\b\\p{N}");
  }

  /** Returns {@code b} without the look-behinds and look-aheads it starts with. */
  private static String skipLookArounds(String b) {
    String s = b;
    while (s.startsWith("(?<!")
        || s.startsWith("(?<=")
        || s.startsWith("(?=")
        || s.startsWith("(?!")) {
      int close = matchingParen(s, 0);
      if (close < 0) {
        return s;
      }
      s = s.substring(close + 1);
    }
    return s;
  }

  /**
   * Adds to the trie the literal texts one of which every match of {@code regex} starts with,
   * {@linkplain #fold folded}, with {@link #SPACE} for a run of white space, and returns the nodes
   * they end at; or returns {@code null} when the pattern does not begin with a literal ("\\d",
   * "[a-z]"). Understands literal characters, escaped punctuation, {@code \\s}, {@code \\b},
   * look-arounds (which match nothing), groups of alternatives, small classes and optional parts;
   * anything else ends the prefix. Paths dropped when a group has too many alternatives may leave
   * nodes that end no prefix; they only cost a step of a walk.
   */
  private int @Nullable [] literalPrefixes(String regex, Trie.Builder trie) {
    Reading reading = new Reading(trie);
    sequence(regex, 0, null, 0, 0, false, reading);
    int[] out = reading.ends.toArray();
    for (int node : out) {
      if (node == 0) {
        return null;
      }
    }
    return out.length == 0 ? null : out;
  }

  /**
   * What is left to read after the current part of a pattern: {@code r} from {@code i}, then {@code
   * next}.
   */
  private record Rest(String r, int i, @Nullable Rest next) {}

  /**
   * State of one reading of prefixes: the trie, the prefixes' end nodes, the work left, groups
   * already split.
   */
  private static final class Reading {
    final Trie.Builder trie;
    final IntList ends = new IntList();
    int budget = 2_000;
    final Map<String, List<String>> alternatives = new HashMap<>();

    Reading(Trie.Builder trie) {
      this.trie = trie;
    }

    List<String> alternatives(String groupBody) {
      return alternatives.computeIfAbsent(groupBody, Phrase::topLevelBranches);
    }
  }

  /** A growable list of ints. */
  private static final class IntList {
    private int[] values = new int[8];
    private int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    int size() {
      return size;
    }

    void truncate(int n) {
      size = n;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /**
   * Adds the literal prefixes of matches of {@code r} from {@code i} on (no top-level {@code |}),
   * then of {@code rest}, each continuing the prefix that ends at trie node {@code node} ({@code
   * length} characters, the last a run of white space if {@code afterSpace}); notes where each
   * ends. Each alternative of a group is followed separately; a group or class whose paths would
   * make more than {@link #MAX_PREFIXES} prefixes ends the prefix before it instead, and the
   * reading's budget bounds the work.
   *
   * <p>A run of white space in the text is walked to its end, so {@link #SPACE} is only followed by
   * a character {@code \\s} cannot match; before anything else the prefix ends.
   */
  private void sequence(
      String r,
      int i,
      @Nullable Rest rest,
      int node,
      int length,
      boolean afterSpace,
      Reading reading) {
    if (--reading.budget < 0) {
      reading.ends.add(node);
      return;
    }
    while (length < MAX_PREFIX) {
      if (i >= r.length()) {
        if (rest == null) {
          break;
        }
        r = rest.r();
        i = rest.i();
        rest = rest.next();
        continue;
      }
      char c = r.charAt(i);
      if (c == '(') {
        int close = matchingParen(r, i);
        if (close < 0) {
          break;
        }
        int end = quantifier(r, close + 1);
        if (r.startsWith("(?<!", i)
            || r.startsWith("(?<=", i)
            || r.startsWith("(?=", i)
            || r.startsWith("(?!", i)) {
          if (end != close + 1) {
            break;
          }
          i = end; // matches no characters
          continue;
        }
        int open;
        if (r.startsWith("(?:", i)) {
          open = i + 3;
        } else if (i + 1 < r.length() && r.charAt(i + 1) != '?') {
          open = i + 1;
        } else {
          break; // flags, named or atomic groups
        }
        boolean once = end == close + 1;
        boolean optional = !once && !atLeastOnce(r, close + 1, end);
        boolean atMostOnce = once || (end - close == 2 && r.charAt(close + 1) == '?');
        List<String> alts = reading.alternatives(r.substring(open, close));
        Rest after = new Rest(r, end, rest);
        int mark = reading.ends.size();
        group(after, node, length, afterSpace, alts, optional, atMostOnce, reading);
        if (reading.ends.size() - mark > MAX_PREFIXES && atMostOnce) {
          reading.ends.truncate(mark); // too many: end after the group
          group(after, node, length, afterSpace, alts, optional, false, reading);
        }
        if (reading.ends.size() - mark > MAX_PREFIXES) {
          reading.ends.truncate(mark);
          reading.ends.add(node);
        }
        return;
      }
      char lit;
      int after;
      if (c == '\\') {
        if (i + 1 >= r.length()) {
          break;
        }
        char e = r.charAt(i + 1);
        if (e == 'b' || e == 'B') {
          i += 2; // a word boundary matches no characters
          continue;
        }
        if (e == 's') {
          lit = ' ';
        } else if (Character.isLetterOrDigit(e) || e >= 128) {
          break; // \\d, \\p{L}, \\Q, back-references...
        } else {
          lit = e;
        }
        after = i + 2;
      } else if (c == '[') {
        int close = classEnd(r, i);
        String members = close < 0 ? null : classMembers(r.substring(i + 1, close));
        if (members == null) {
          break;
        }
        int end = quantifier(r, close + 1);
        boolean once = end == close + 1;
        boolean optional = !once && !atLeastOnce(r, close + 1, end);
        boolean atMostOnce = once || (end - close == 2 && r.charAt(close + 1) == '?');
        // A small class is a group of one-character alternatives: ['’] is (?:'|’).
        int mark = reading.ends.size();
        if (optional) {
          sequence(r, end, rest, node, length, afterSpace, reading);
        }
        for (int k = 0; k < members.length(); k++) {
          char m = members.charAt(k);
          boolean white = isRegexSpace(m);
          if (white && length == 0) {
            reading.ends.add(node);
            continue;
          }
          int taken =
              white && afterSpace ? node : reading.trie.child(node, white ? SPACE : fold(m));
          int takenLength = white && afterSpace ? length : length + 1;
          if (white || atMostOnce) {
            sequence(r, end, rest, taken, takenLength, white, reading);
          } else {
            reading.ends.add(taken);
          }
        }
        if (reading.ends.size() - mark > MAX_PREFIXES) {
          reading.ends.truncate(mark);
          reading.ends.add(node);
        }
        return;
      } else if (".^$|)?*+{}".indexOf(c) >= 0 || Character.isSurrogate(c) || c == SPACE) {
        break;
      } else {
        lit = c;
        after = i + 1;
      }
      int end = quantifier(r, after);
      boolean once = end == after;
      boolean optional = !once && !atLeastOnce(r, after, end);
      boolean atMostOnce = once || (end - after == 1 && r.charAt(after) == '?');
      boolean white = isRegexSpace(lit);
      if (white && length == 0) {
        break; // a prefix does not start with white space
      }
      // White space of any length is one key, and consecutive runs merge into one.
      int taken = white && afterSpace ? node : reading.trie.child(node, white ? SPACE : fold(lit));
      int takenLength = white && afterSpace ? length : length + 1;
      boolean goesOn = white || atMostOnce; // else "a+": one 'a' for sure, then the prefix ends
      if (optional) {
        int mark = reading.ends.size();
        sequence(r, end, rest, node, length, afterSpace, reading); // the character absent
        if (goesOn) {
          sequence(r, end, rest, taken, takenLength, white, reading);
        } else {
          reading.ends.add(taken);
        }
        if (reading.ends.size() - mark > MAX_PREFIXES) {
          reading.ends.truncate(mark);
          reading.ends.add(node);
        }
        return;
      }
      node = taken;
      length = takenLength;
      afterSpace = white;
      if (!goesOn) {
        break;
      }
      i = end;
    }
    reading.ends.add(node);
  }

  /** Returns where the character class opening at {@code open} closes, or -1. */
  private static int classEnd(String r, int open) {
    int i = open + 1;
    if (i < r.length() && r.charAt(i) == ']') {
      i++; // "[]...]": a leading ']' is a member
    }
    for (; i < r.length(); i++) {
      char c = r.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '[') {
        return -1; // nested classes, unions, intersections
      } else if (c == ']') {
        return i;
      }
    }
    return -1;
  }

  /**
   * Returns the characters a class body such as {@code '’} or {@code -\\s} matches, white space as
   * a single space, or {@code null} if it is negated, has ranges or other escapes, or more than
   * eight.
   */
  private static @Nullable String classMembers(String body) {
    if (body.isEmpty() || body.charAt(0) == '^' || body.contains("&&")) {
      return null;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\') {
        if (i + 1 >= body.length()) {
          return null;
        }
        char e = body.charAt(++i);
        if (e == 's') {
          c = ' ';
        } else if (Character.isLetterOrDigit(e) || e >= 128) {
          return null;
        } else {
          c = e;
        }
      } else if (c == '-' && i > 0 && i < body.length() - 1) {
        return null; // a range
      } else if (Character.isSurrogate(c) || c == SPACE) {
        return null;
      }
      if (isRegexSpace(c)) {
        c = ' ';
      }
      if (out.indexOf(String.valueOf(c)) < 0) {
        out.append(c);
      }
    }
    return out.length() > 8 ? null : out.toString();
  }

  /**
   * Adds the prefixes through a group: without it if {@code optional} (going on with {@code
   * after}), then through each alternative, followed by {@code after} if {@code thenRest}, else
   * ending there.
   */
  private void group(
      Rest after,
      int node,
      int length,
      boolean afterSpace,
      List<String> alts,
      boolean optional,
      boolean thenRest,
      Reading reading) {
    if (optional) {
      sequence(after.r(), after.i(), after.next(), node, length, afterSpace, reading);
    }
    for (String alt : alts) {
      sequence(alt, 0, thenRest ? after : null, node, length, afterSpace, reading);
    }
  }

  /**
   * Returns where the quantifier at {@code at} ends (with a lazy or possessive mark), or {@code at}
   * if there is none.
   */
  private static int quantifier(String r, int at) {
    if (at >= r.length()) {
      return at;
    }
    char c = r.charAt(at);
    int end;
    if (c == '?' || c == '*' || c == '+') {
      end = at + 1;
    } else if (c == '{') {
      int close = r.indexOf('}', at);
      if (close < 0) {
        return at;
      }
      end = close + 1;
    } else {
      return at;
    }
    if (end < r.length() && (r.charAt(end) == '?' || r.charAt(end) == '+')) {
      end++;
    }
    return end;
  }

  /** Returns whether the quantifier {@code r[from, to)} requires at least one repetition. */
  private static boolean atLeastOnce(String r, int from, int to) {
    char c = r.charAt(from);
    if (c == '+') {
      return true;
    }
    if (c != '{') {
      return false;
    }
    int i = from + 1;
    int min = 0;
    boolean digits = false;
    while (i < to && Character.isDigit(r.charAt(i))) {
      min = Math.min(1000, min * 10 + (r.charAt(i) - '0'));
      digits = true;
      i++;
    }
    return digits && min >= 1;
  }

  /** Returns which ASCII characters a match of {@code regex} can start with. */
  private boolean[] firstChars(String regex) {
    boolean[] out = new boolean[128];
    if (!staticFirstChars(regex, out)) {
      out = new boolean[128];
      Pattern p = Pattern.compile(regex, flags);
      for (char c = 0; c < 128; c++) {
        Matcher m = p.matcher(String.valueOf(c));
        out[c] = m.lookingAt() || m.hitEnd();
      }
    }
    return out;
  }

  /**
   * Reads the first characters from the pattern text when it starts with a literal letter, a digit
   * class or a group of alternatives that do; returns false (and the caller probes) for anything
   * else.
   */
  private boolean staticFirstChars(String regex, boolean[] out) {
    if (regex.isEmpty()) {
      return false;
    }
    char c = regex.charAt(0);
    if (regex.startsWith("\\d")
        && (quantifier(regex, 2) == 2 || atLeastOnce(regex, 2, quantifier(regex, 2)))) {
      for (char d = '0'; d <= '9'; d++) {
        out[d] = true; // without UNICODE_CHARACTER_CLASS, \d is ASCII digits only
      }
      return true;
    }
    if (Character.isLetterOrDigit(c) && c < 128) {
      if (regex.length() > 1 && "?*{".indexOf(regex.charAt(1)) >= 0) {
        return false;
      }
      mark(c, out);
      return true;
    }
    if (regex.startsWith("(?:")) {
      int close = matchingParen(regex, 0);
      if (close < 0
          || (close + 1 < regex.length() && "?*{".indexOf(regex.charAt(close + 1)) >= 0)) {
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
