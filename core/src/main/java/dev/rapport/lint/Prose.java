package dev.rapport.lint;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The words, sentences and paragraphs of what the writer wrote now (greeting, body and closing),
 * computed once per draft and shared by all rules. Immutable.
 */
public final class Prose {

  /** A word of the new text, with its place. */
  public record Word(String text, int start, int end) {
    /** Returns the word in lower case. */
    public String lower() {
      return text.toLowerCase(Locale.ROOT);
    }
  }

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "al", "fig", "no", "jr", "sr", "inc",
          "univ", "dept", "approx", "e.g", "i.e", "u.s", "m.d", "ph.d", "a.m", "p.m", "jan", "feb",
          "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mbbs", "d.o",
          "ref", "vol", "pp", "cf", "resp");

  private final String text;
  private final List<Word> words;
  private final List<Word> bodyWords;
  private final List<Span> sentences;
  private final List<Span> paragraphs;

  Prose(Draft draft) {
    this.text = draft.text();
    List<Word> all = new ArrayList<>();
    List<Word> body = new ArrayList<>();
    List<Span> sents = new ArrayList<>();
    List<Span> paras = new ArrayList<>();
    for (Segment s : draft.newText()) {
      int i = s.start();
      while (true) {
        int start = nextWordStart(text, i, s.end());
        if (start < 0) {
          break;
        }
        int end = wordEnd(text, start, s.end());
        Word w = new Word(text.substring(start, end), start, end);
        all.add(w);
        if (s.kind() == SegmentKind.BODY) {
          body.add(w);
        }
        i = end;
      }
      if (s.kind() == SegmentKind.BODY) {
        paragraphs(s, paras);
      }
    }
    for (Span p : paras) {
      sentences(p, sents);
    }
    this.words = List.copyOf(all);
    this.bodyWords = List.copyOf(body);
    this.sentences = List.copyOf(sents);
    this.paragraphs = List.copyOf(paras);
  }

  // A word is letters or numbers, joined by inner hyphens, apostrophes, ampersands or dots: "PM&R",
  // "H-1B", "don't", "U.S" -- what [\p{L}\p{N}]+(?:[-'’&.][\p{L}\p{N}]+)* finds, found without a
  // matcher: the first letter or number at or after 'from', the longest run of them, then, while a
  // joiner is followed by another run, that run too. Read by code point, as the regex engine reads,
  // and never past 'to'.

  /** Returns where the next word in {@code text[from, to)} starts, or -1. */
  private static int nextWordStart(String text, int from, int to) {
    int i = from;
    while (i < to) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (next <= to && isLetterOrNumber(cp)) {
        return i;
      }
      i = next > to ? i + 1 : next;
    }
    return -1;
  }

  /** Returns where the word that starts at {@code start} ends. */
  private static int wordEnd(String text, int start, int to) {
    int end = run(text, start, to);
    while (end < to) {
      char joiner = text.charAt(end);
      if (joiner != '-' && joiner != '\'' && joiner != '’' && joiner != '&' && joiner != '.') {
        break;
      }
      int after = run(text, end + 1, to);
      if (after == end + 1) {
        break; // a joiner with no letter or number after it is not part of the word
      }
      end = after;
    }
    return end;
  }

  /**
   * Returns the end of the run of letters and numbers at {@code from} ({@code from} itself if there
   * is none).
   */
  private static int run(String text, int from, int to) {
    int i = from;
    while (i < to) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (next > to || !isLetterOrNumber(cp)) {
        break;
      }
      i = next;
    }
    return i;
  }

  /**
   * {@code [\p{L}\p{N}]}: a letter, or a number of any kind (digits, Roman numerals, fractions).
   */
  private static boolean isLetterOrNumber(int cp) {
    if (cp < 128) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    }
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER
        || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** Returns the words of the greeting, body and closing. */
  public List<Word> words() {
    return words;
  }

  /** Returns the words of the body only. */
  public List<Word> bodyWords() {
    return bodyWords;
  }

  /** Returns the sentences of the body; a list item or a line of its own counts as one. */
  public List<Span> sentences() {
    return sentences;
  }

  /** Returns the paragraphs of the body: runs of non-blank lines. */
  public List<Span> paragraphs() {
    return paragraphs;
  }

  /** Returns the body sentences that end in a question mark. */
  public List<Span> questions() {
    List<Span> out = new ArrayList<>();
    for (Span s : sentences) {
      if (s.end() > s.start() && text.charAt(s.end() - 1) == '?') {
        out.add(s);
      }
    }
    return out;
  }

  /** Returns the words within a span. */
  public List<Word> wordsIn(Span span) {
    // Words are in text order and do not overlap: find the first by binary search, so rules that
    // look at each sentence's words stay linear in the length of the draft.
    int lo = 0;
    int hi = words.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (words.get(mid).start() < span.start()) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<Word> out = new ArrayList<>();
    for (int i = lo; i < words.size() && words.get(i).start() < span.end(); i++) {
      Word w = words.get(i);
      if (w.end() <= span.end()) {
        out.add(w);
      }
    }
    return out;
  }

  private void paragraphs(Segment s, List<Span> out) {
    int start = -1;
    int lineStart = s.start();
    for (int i = s.start(); i <= s.end(); i++) {
      if (i == s.end() || text.charAt(i) == '\n') {
        boolean blank = isBlank(lineStart, i);
        if (!blank && start < 0) {
          start = firstNonSpace(lineStart, i);
        }
        if ((blank || i == s.end()) && start >= 0) {
          int end = blank ? lastNonSpace(start, lineStart) : lastNonSpace(start, i);
          out.add(Span.body(start, end));
          start = -1;
        }
        lineStart = i + 1;
      }
    }
  }

  private void sentences(Span para, List<Span> out) {
    int start = firstNonSpace(para.start(), para.end());
    int i = start;
    while (i < para.end()) {
      char c = text.charAt(i);
      boolean end = false;
      int after = i + 1;
      if (c == '.' || c == '!' || c == '?' || c == '…') {
        while (after < para.end() && ".!?…\"'”’)".indexOf(text.charAt(after)) >= 0) {
          after++;
        }
        boolean spaceNext = after == para.end() || Character.isWhitespace(text.charAt(after));
        end = spaceNext && !(c == '.' && isAbbreviation(i)) && !decimalOrInitial(i);
      } else if (c == '\n' && after < para.end() && startsListItem(after)) {
        end = true;
        after = i;
      }
      if (end) {
        if (after > start) {
          out.add(Span.body(start, lastNonSpace(start, after)));
        }
        start = firstNonSpace(after, para.end());
        i = start;
        continue;
      }
      i++;
    }
    if (start < para.end()) {
      int e = lastNonSpace(start, para.end());
      if (e > start) {
        out.add(Span.body(start, e));
      }
    }
  }

  private boolean startsListItem(int at) {
    int i = at;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (i >= text.length()) {
      return false;
    }
    char c = text.charAt(i);
    if (c == '-' || c == '*' || c == '•') {
      return true;
    }
    int j = i;
    while (j < text.length() && Character.isDigit(text.charAt(j))) {
      j++;
    }
    return j > i && j < text.length() && (text.charAt(j) == '.' || text.charAt(j) == ')');
  }

  private boolean isAbbreviation(int dot) {
    int s = dot;
    while (s > 0 && (Character.isLetter(text.charAt(s - 1)) || text.charAt(s - 1) == '.')) {
      s--;
    }
    String word = text.substring(s, dot).toLowerCase(Locale.ROOT);
    return ABBREVIATIONS.contains(word);
  }

  private boolean decimalOrInitial(int dot) {
    // "J. Smith" (a single capital before the dot) does not end a sentence.
    // "PM&R." and "H-1B." end sentences: the capital must start a word of its own.
    boolean single =
        dot >= 1
            && Character.isUpperCase(text.charAt(dot - 1))
            && (dot == 1
                || Character.isWhitespace(text.charAt(dot - 2))
                || "(\"'“‘".indexOf(text.charAt(dot - 2)) >= 0);
    return single;
  }

  private boolean isBlank(int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private int firstNonSpace(int from, int to) {
    int i = from;
    while (i < to && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private int lastNonSpace(int from, int to) {
    int i = to;
    while (i > from && Character.isWhitespace(text.charAt(i - 1))) {
      i--;
    }
    return i;
  }
}
