package dev.rapport.cli;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import dev.rapport.draft.Segment;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a sent message asks its recipient for something, judged on its new text only (the quoted
 * reply and the signature are left out), for the follow-up policy.
 */
final class Asks {
  private Asks() {}

  // Interim detector until the linter's AskDetector is on main: a question, or a request phrased as one.
  private static final Pattern REQUEST = Pattern.compile(
      "\\?|\\b(?:could you|would you|can you|will you|may i|might i|could i|can i|would it be possible|"
          + "i would (?:be grateful|appreciate)|i'd (?:be grateful|appreciate)|please let me know|let me know if|"
          + "please (?:send|share|advise|confirm|tell))\\b");

  static boolean asksSomething(String text) {
    return detect(newText(text));
  }

  private static boolean detect(String text) {
    return REQUEST.matcher(text.toLowerCase(Locale.ROOT)).find();
  }

  /** The text the user wrote in this message: greeting, body and closing, no quote or signature. */
  static String newText(String text) {
    Draft d = Drafts.parseText(text);
    StringBuilder b = new StringBuilder();
    for (Segment s : d.newText()) {
      b.append(d.text(), s.start(), s.end()).append('\n');
    }
    return b.toString();
  }
}
