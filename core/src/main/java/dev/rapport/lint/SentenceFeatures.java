package dev.rapport.lint;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a sentence into the hashed binary features the act model reads: lower-cased words, word
 * pairs and triples, character 3- and 4-grams inside words (so "sponsorship", "sponsoring" and a
 * misspelt "sponser" share evidence), a handful of word classes from the domain (visa words, big
 * asks, time words…), and a few structural cues (a closing question mark, the first two words, the
 * length). The learner decides what any of them means; nothing here decides an act.
 *
 * <p>Deterministic across JVMs and machines (the hash is FNV-1a over UTF-16 code units, defined
 * here, never {@code String.hashCode} of a locale-dependent string). Stateless and thread-safe.
 */
final class SentenceFeatures {
  private SentenceFeatures() {}

  /** The features hash into {@code 2^BITS} buckets. */
  public static final int BITS = 20;

  private static final int MASK = (1 << BITS) - 1;

  /**
   * Longer sentences are cut: the model judges what a reader takes in, and the work stays bounded.
   */
  static final int MAX_TOKENS = 80;

  private static final Map<String, String> CLASSES = new HashMap<>();

  private static void cls(String name, String words) {
    for (String w : words.split(" ")) {
      CLASSES.putIfAbsent(w, name);
    }
  }

  static {
    // Word classes: groups of words that behave alike, so evidence learnt from one transfers to the
    // others. Membership is a fact of the domain (these are visa words), not a judgement.
    cls(
        "VISA",
        "visa visas j-0 j0 h-0b h0b sponsorship sponsor sponsors sponsoring sponsored immigration citizen citizenship"
            + " passport ecfmg nationality gc waiver uscis ead opt");
    cls(
        "BIG",
        "observership observerships observer shadow shadowing elective electives rotation rotations externship"
            + " externships clerkship clerkships attachment lor lors recommendation position positions job jobs vacancy"
            + " vacancies fellowship hire hiring employment spot slot slots placement internship");
    cls(
        "MEET",
        "call calls zoom meeting meet chat coffee minutes minute talk speak conversation teams skype video phone");
    cls(
        "DAY",
        "today tomorrow tonight yesterday monday tuesday wednesday thursday friday saturday sunday weekend");
    cls(
        "MONTH",
        "january february march april june july august september october november december jan feb mar apr"
            + " jun jul aug sep sept oct nov dec");
    cls(
        "URGE",
        "asap urgent urgently immediately must expect demand insist desperate desperately deadline hurry quickly"
            + " indefinitely ignored ignore ignoring disappoint");
    cls(
        "PRAISE",
        "esteemed renowned great excellent amazing inspiring inspiration admire admiration respected distinguished"
            + " eminent legendary outstanding tremendous remarkable wonderful impressive incredible stellar illustrious"
            + " brilliant exemplary phenomenal prestigious");
    cls(
        "THANK",
        "thank thanks grateful gratitude appreciate appreciated thankful obliged indebted");
    cls(
        "EARLIER",
        "previous previously earlier sent wrote written emailed reminder ago following resend resending again"
            + " last prior");
    cls(
        "NEWS",
        "passed scored matched accepted published presented completed finished results score usmle poster"
            + " abstract cleared submitted started joined graduated");
    cls(
        "WORK",
        "paper article study trial publication published talk lecture presentation webinar keynote grand"
            + " rounds cohort findings protocol lab clinic program programme");
    cls("SELF", "mbbs md mbchb graduate student intern resident physician doctor myself");
  }

  /** Returns the distinct feature ids of one sentence (in no particular order). */
  public static int[] of(String sentence) {
    String[] tokens = tokens(sentence);
    int n = tokens.length;
    int[] out = new int[16 + n * 16];
    int k = 0;
    String prev2 = "<s>";
    String prev = "<s>";
    for (int i = 0; i < n; i++) {
      String t = tokens[i];
      out = room(out, k, 16 + t.length() * 2);
      out[k++] = hash('w', t);
      out[k++] = hash('b', prev, t);
      out[k++] = hash('t', prev2, prev, t);
      String c = CLASSES.get(t);
      if (c != null) {
        out[k++] = hash('k', c);
        out[k++] = hash('K', prev, c);
      }
      if (t.length() >= 3 && Character.isLetter(t.charAt(0))) {
        // The 3- and 4-grams of "<" + t + ">", hashed in place.
        int len = t.length() + 2;
        for (int g = 3; g <= 4; g++) {
          for (int j = 0; j + g <= len; j++) {
            out[k++] = hashPadded(t, j, j + g);
          }
        }
      }
      // A deadline: "by Friday", "before 15 August", "until tomorrow", "within two days".
      if ((prev.equals("by")
              || prev.equals("before")
              || prev.equals("until")
              || prev.equals("till")
              || prev.equals("within"))
          && (c != null && (c.equals("DAY") || c.equals("MONTH"))
              || t.equals("0")
              || t.equals("this")
              || t.equals("next")
              || t.equals("end")
              || t.equals("tomorrow")
              || t.equals("today")
              || t.equals("two")
              || t.equals("three"))) {
        out[k++] = hash('q', "deadline");
      }
      prev2 = prev;
      prev = t;
    }
    out = room(out, k, 8);
    out[k++] = hash('b', prev, "</s>");
    out[k++] = hash('f', n > 0 ? tokens[0] : "</s>");
    out[k++] = hash('F', n > 0 ? tokens[0] : "</s>", n > 1 ? tokens[1] : "</s>");
    out[k++] = hash('L', Integer.toString(Math.min(8, n / 5)));
    if (endsWithQuestion(sentence)) {
      out[k++] = hash('q', "?");
    }
    if (sentence.indexOf('!') >= 0) {
      out[k++] = hash('q', "!");
    }
    out[k++] = hash('q', "bias");
    return distinct(out, k);
  }

  /**
   * Returns the distinct values of {@code a[0..k)}, in first-seen order, through a small
   * open-addressed set.
   */
  private static int[] distinct(int[] a, int k) {
    int size = Integer.highestOneBit(Math.max(8, k) * 2) << 1;
    int mask = size - 1;
    int[] table = new int[size]; // id + 1; 0 = empty
    int[] ids = new int[k];
    int m = 0;
    for (int i = 0; i < k; i++) {
      int v = a[i];
      int slot = (v * 0x9E3779B1) >>> 7 & mask;
      while (true) {
        int e = table[slot];
        if (e == 0) {
          table[slot] = v + 1;
          ids[m++] = v;
          break;
        }
        if (e == v + 1) {
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return m == k ? ids : Arrays.copyOf(ids, m);
  }

  private static int[] room(int[] a, int used, int more) {
    return used + more <= a.length ? a : Arrays.copyOf(a, Math.max(a.length * 2, used + more));
  }

  /**
   * Splits into lower-case words: letters and digits joined by inner apostrophes, hyphens, dots or
   * ampersands; digit runs read as 0.
   */
  static String[] tokens(String sentence) {
    String s = sentence.toLowerCase(Locale.ROOT);
    String[] out = new String[Math.min(MAX_TOKENS, 8 + s.length() / 2)];
    int n = 0;
    StringBuilder w = new StringBuilder();
    int i = 0;
    int len = s.length();
    while (i < len && n < out.length) {
      char ch = s.charAt(i);
      if (Character.isLetterOrDigit(ch)) {
        if (Character.isDigit(ch)) {
          if (w.length() == 0 || w.charAt(w.length() - 1) != '0') {
            w.append('0');
          }
        } else {
          w.append(ch);
        }
        i++;
        continue;
      }
      boolean joiner =
          (ch == '\'' || ch == '’' || ch == '-' || ch == '.' || ch == '&')
              && w.length() > 0
              && i + 1 < len
              && Character.isLetterOrDigit(s.charAt(i + 1));
      if (joiner) {
        w.append(ch == '’' ? '\'' : ch);
        i++;
        continue;
      }
      if (w.length() > 0) {
        out[n++] = w.toString();
        w.setLength(0);
      }
      i++;
    }
    if (w.length() > 0 && n < out.length) {
      out[n++] = w.toString();
    }
    return Arrays.copyOf(out, n);
  }

  private static boolean endsWithQuestion(String s) {
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c == '?') {
        return true;
      }
      if (!Character.isWhitespace(c) && "\"'”’)]".indexOf(c) < 0) {
        return false;
      }
    }
    return false;
  }

  private static final int FNV_OFFSET = 0x811c9dc5;
  private static final int FNV_PRIME = 0x01000193;

  private static int mix(int h, String s) {
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= FNV_PRIME;
    }
    h ^= 0x1f; // separator, so ("ab","c") and ("a","bc") differ
    return h * FNV_PRIME;
  }

  private static int finish(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h & MASK;
  }

  /**
   * The hash of {@code hash('c', ("<" + t + ">").substring(from, to))}, without building either
   * string.
   */
  private static int hashPadded(String t, int from, int to) {
    int h = (FNV_OFFSET ^ 'c') * FNV_PRIME;
    int last = t.length() + 1;
    for (int i = from; i < to; i++) {
      char ch = i == 0 ? '<' : i == last ? '>' : t.charAt(i - 1);
      h ^= ch;
      h *= FNV_PRIME;
    }
    h ^= 0x1f;
    return finish(h * FNV_PRIME);
  }

  private static int hash(char kind, String a) {
    return finish(mix((FNV_OFFSET ^ kind) * FNV_PRIME, a));
  }

  private static int hash(char kind, String a, String b) {
    return finish(mix(mix((FNV_OFFSET ^ kind) * FNV_PRIME, a), b));
  }

  private static int hash(char kind, String a, String b, String c) {
    return finish(mix(mix(mix((FNV_OFFSET ^ kind) * FNV_PRIME, a), b), c));
  }
}
