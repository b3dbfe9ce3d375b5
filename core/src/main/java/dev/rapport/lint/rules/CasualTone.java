package dev.rapport.lint.rules;

import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Reporter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Faculty read an email's register as a sample of how the writer will be with patients and
 * colleagues. Text-message shorthand ("u", "lmk", "thx"), a "Hey" greeting, strings of exclamation
 * marks and emoji read as a note to a friend, even to a mentor who knows the writer well.
 *
 * <p>The markers are a closed class, so they are listed: shorthand is matched as written (lower
 * case, so "U" in a name is left alone), and anything the quoted message itself does is mirroring,
 * not a lapse.
 */
final class CasualTone implements Rule {

  /** Shorthand and what to write instead; matched case-sensitively as whole words. */
  private static final Map<String, String> SHORTHAND = new LinkedHashMap<>();

  static {
    String[][] pairs = {
      {"u", "you"},
      {"ur", "your"},
      {"lmk", "let me know"},
      {"LMK", "let me know"},
      {"thx", "thank you"},
      {"Thx", "Thank you"},
      {"thnx", "thank you"},
      {"tysm", "thank you very much"},
      {"ty", "thank you"},
      {"pls", "please"},
      {"Pls", "Please"},
      {"plz", "please"},
      {"Plz", "Please"},
      {"btw", "by the way"},
      {"Btw", "By the way"},
      {"BTW", "By the way"},
      {"gonna", "going to"},
      {"wanna", "want to"},
      {"gotta", "have to"},
      {"kinda", "somewhat"},
      {"sorta", "somewhat"},
      {"idk", "I am not sure"},
      {"tbh", "to be honest"},
      {"imo", "in my view"},
      {"omg", ""},
      {"OMG", ""},
      {"lol", ""},
      {"LOL", ""},
      {"haha", ""},
      {"Haha", ""},
      {"hehe", ""},
      {"np", "no problem"},
      {"cya", ""},
      {"ttyl", ""},
      {"awesome", "very helpful"},
      {"Awesome", "Wonderful"},
      {"dude", ""},
      {"bro", ""}
    };
    for (String[] p : pairs) {
      SHORTHAND.put(p[0], p[1]);
    }
  }

  private static final Pattern WORD =
      Pattern.compile("(?<![\\p{L}\\p{N}.'’@/_-])(\\p{L}+)(?![\\p{L}\\p{N}'’@/_-]|\\.\\p{L})");
  private static final Pattern YOU_GUYS =
      Pattern.compile(
          "\\byou\\s+guys\\b|\\b(?:be|is|are|am)\\s+down\\s+(?:to|for)\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern CASUAL_GREETING =
      Pattern.compile("^\\s*(hey+|heya|hiya|yo|sup|howdy|hii+)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern QUOTED_GREETING =
      Pattern.compile(
          "(?m)^[>\\s]*(?:hey+|heya|hiya|yo|sup|howdy|hii+)\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern BANGS = Pattern.compile("!{2,}|\\?!|!\\?");
  private static final Pattern EMOTICON =
      Pattern.compile("(?<![\\p{L}\\p{N}])(?:[:;]-?[)(DPp]|<3|xD|XD)(?![\\p{L}\\p{N}])");

  /** Exclamation marks in the new text from which the text reads as excitable rather than warm. */
  static final int MANY_EXCLAMATIONS = 3;

  @Override
  public String id() {
    return "CASUAL_TONE";
  }

  @Override
  public Dimension dimension() {
    return Dimension.HYGIENE;
  }

  @Override
  public String description() {
    return "The message reads as a text to a friend: shorthand (u, lmk, thx), a \"Hey\" greeting, \"!!\", many "
        + "exclamation marks or emoji.";
  }

  @Override
  public List<RuleExample> examples() {
    return List.of(
        RuleExample.bad(
            "Hey Dr. Ito,\n\nI am a third-year resident in Manila interested in spasticity management. Would you "
                + "have 15 minutes for a call next month?\n\nBest,\nRico"),
        RuleExample.bad(
            "Dear Dr. Ito,\n\nHere is the abstract u asked for, lmk if anything is missing.\n\nBest,\nRico\n\n"
                + "On Mon, Kenji Ito wrote:\n> Please send the abstract.\n"),
        RuleExample.bad(
            "Dear Dr. Ito,\n\nThank you so much for the call!! It helped me a lot.\n\nBest,\nRico"),
        RuleExample.bad(
            "Dear Dr. Ito,\n\nThank you for the call! I loved hearing about the clinic! I will send the poster "
                + "on Friday!\n\nBest,\nRico"),
        RuleExample.bad(
            "Dear Dr. Ito,\n\nThe poster was accepted \uD83C\uDF89 Thank you for your comments on it.\n\nBest,\nRico"),
        RuleExample.good(
            "Dear Dr. Ito,\n\nThank you for the call! It helped me decide on the spasticity project.\n\nBest,\n"
                + "Rico"),
        // "U" in a name, an initial, and a unit are not shorthand.
        RuleExample.good(
            "Dear Dr. Ito,\n\nDr. U Aung Win suggested I write to you about botulinum toxin dosing (100 U per "
                + "muscle) in his clinic in Yangon.\n\nBest,\nRico"),
        // They wrote "Hey" first: answering in kind is fine.
        RuleExample.good(
            "Hey Kenji,\n\nThanks, Friday works. I will bring the data.\n\nBest,\nRico\n\n"
                + "On Mon, Kenji Ito wrote:\n> Hey Rico, can we meet Friday?\n"));
  }

  @Override
  public void check(LintContext context, Reporter reporter) {
    String text = context.draft().text();
    String quoted = quoted(context);
    List<Span> where = new ArrayList<>();
    List<String> said = new ArrayList<>();
    List<String> instead = new ArrayList<>();

    for (Segment s : context.draft().segments(SegmentKind.GREETING)) {
      Matcher g = CASUAL_GREETING.matcher(text).region(s.start(), s.end());
      if (g.lookingAt() && !QUOTED_GREETING.matcher(quoted).find()) {
        where.add(Span.body(g.start(1), g.end(1)));
        said.add("\"" + g.group(1) + "\"");
        instead.add("greet them \"Dear Dr. Surname,\"");
      }
    }
    int exclamations = 0;
    int firstExclamation = -1;
    for (Segment s : context.draft().newText()) {
      String part = text.substring(s.start(), s.end());
      Matcher w = WORD.matcher(part);
      while (w.find()) {
        String word = w.group(1);
        if (SHORTHAND.containsKey(word)
            && !quotedWord(quoted, word)
            && !said.contains("\"" + word + "\"")) {
          where.add(Span.body(s.start() + w.start(1), s.start() + w.end(1)));
          said.add("\"" + word + "\"");
          String full = SHORTHAND.get(word);
          instead.add(
              full.isEmpty()
                  ? "leave out \"" + word + "\""
                  : "\"" + full + "\" for \"" + word + "\"");
        }
      }
      Matcher y = YOU_GUYS.matcher(part);
      if (y.find() && !YOU_GUYS.matcher(quoted).find()) {
        where.add(Span.body(s.start() + y.start(), s.start() + y.end()));
        said.add("\"" + y.group() + "\"");
        instead.add("a plainer phrase for \"" + y.group() + "\"");
      }
      Matcher b = BANGS.matcher(part);
      if (b.find() && !BANGS.matcher(quoted).find()) {
        where.add(Span.body(s.start() + b.start(), s.start() + b.end()));
        said.add("\"" + b.group() + "\"");
        instead.add("one exclamation mark at most");
      }
      Matcher e = EMOTICON.matcher(part);
      int emoticon = e.find() ? e.start() : -1;
      int emoji = firstEmoji(part);
      if ((emoticon >= 0 || emoji >= 0)
          && firstEmoji(quoted) < 0
          && !EMOTICON.matcher(quoted).find()) {
        boolean pictograph = emoji >= 0 && (emoticon < 0 || emoji < emoticon);
        int at = pictograph ? emoji : emoticon;
        int len = pictograph ? Character.charCount(part.codePointAt(at)) : e.end() - e.start();
        where.add(Span.body(s.start() + at, s.start() + at + len));
        said.add("an emoji");
        instead.add("words instead of emoji");
      }
      for (int i = part.indexOf('!'); i >= 0; i = part.indexOf('!', i + 1)) {
        exclamations++;
        if (firstExclamation < 0) {
          firstExclamation = s.start() + i;
        }
      }
    }
    if (exclamations >= MANY_EXCLAMATIONS && !said.contains("\"!!\"") && firstExclamation >= 0) {
      where.add(Span.body(firstExclamation, firstExclamation + 1));
      said.add(exclamations + " exclamation marks");
      instead.add("one exclamation mark at most");
    }
    if (where.isEmpty()) {
      return;
    }
    Span first = where.get(0);
    for (Span sp : where) {
      if (sp.start() < first.start()) {
        first = sp;
      }
    }
    List<String> shown = said.subList(0, Math.min(3, said.size()));
    reporter.report(
        first,
        String.join(", ", shown)
            + (said.size() > 3 ? " and more" : "")
            + " read as a text to a friend; faculty take an email's tone as a sample of how you work.",
        "Write it out in full: "
            + String.join("; ", instead.stream().distinct().limit(3).toList())
            + ".",
        10);
  }

  /** The quoted and forwarded text, where the other side's own tone shows. */
  private static String quoted(LintContext context) {
    String text = context.draft().text();
    StringBuilder sb = new StringBuilder();
    for (Segment s : context.draft().segments()) {
      if (s.kind() == SegmentKind.QUOTE || s.kind() == SegmentKind.FORWARD) {
        sb.append(text, s.start(), s.end()).append('\n');
      }
    }
    return sb.toString();
  }

  private static boolean quotedWord(String quoted, String word) {
    if (quoted.isEmpty()) {
      return false;
    }
    Matcher w = WORD.matcher(quoted);
    while (w.find()) {
      if (w.group(1).equals(word)) {
        return true;
      }
    }
    return false;
  }

  /** The offset of the first emoji (pictographs, symbols, dingbats), or -1. */
  private static int firstEmoji(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if ((cp >= 0x1F300 && cp <= 0x1FAFF)
          || (cp >= 0x2600 && cp <= 0x27BF)
          || (cp >= 0x1F000 && cp <= 0x1F2FF)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }
}
