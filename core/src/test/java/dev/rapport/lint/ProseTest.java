package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rapport.draft.Drafts;
import dev.rapport.draft.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProseTest {

  private static List<String> sentences(String body) {
    var d = Drafts.parseText("Dear Dr. Lee,\n\n" + body + "\n\nBest,\nAhmed");
    return new Prose(d)
        .sentences().stream().map(s -> d.text().substring(s.start(), s.end())).toList();
  }

  @Test
  void aSentenceEndingInPmAndRIsASentence() {
    assertEquals(
        List.of("I want to train in PM&R.", "Please tell me how to start."),
        sentences("I want to train in PM&R. Please tell me how to start."));
    assertEquals(
        List.of("I will need an H-1B.", "Is that possible?"),
        sentences("I will need an H-1B. Is that possible?"));
  }

  @Test
  void initialsAndTitlesDoNotEndSentences() {
    assertEquals(
        List.of("I met J. Smith and Dr. Rao at the AAP meeting."),
        sentences("I met J. Smith and Dr. Rao at the AAP meeting."));
  }

  @Test
  void wordsInASpanAreFoundInOrder() {
    var d = Drafts.parseText("Dear Dr. Lee,\n\nOne two three. Four five.\n\nBest,\nAhmed");
    Prose p = new Prose(d);
    assertEquals(
        List.of("Four", "five"),
        p.wordsIn(p.sentences().get(1)).stream().map(Prose.Word::text).toList());
  }

  /**
   * Words are found without the regex engine; they must be exactly what the word pattern finds,
   * also among letters beyond the Basic Multilingual Plane, combining marks, other kinds of numbers
   * and joiners in every position.
   */
  @Test
  void wordsAreWhatTheWordPatternFinds() {
    Pattern word = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'’&.][\\p{L}\\p{N}]+)*");
    String[] pieces = {
      "a", "Z", "é", "ß", "9", "½", "Ⅻ", "٣", "\u0301", "𝐀", "𝟙", "\uD835", "\uDC00", "-", "'",
      "’", "&", ".", " ", "\n", ",", "_", "PM&R", "H-1B", "U.S.", "don't", "co-", "Ünal", "ʼ", "中文"
    };
    Random random = new Random(7);
    for (int t = 0; t < 2_000; t++) {
      StringBuilder sb = new StringBuilder("Dear Dr. Lee,\n\n");
      for (int i = 0, n = 1 + random.nextInt(40); i < n; i++) {
        sb.append(pieces[random.nextInt(pieces.length)]);
      }
      var d = Drafts.parseText(sb.append("\n\nBest,\nAhmed").toString());
      List<String> expected = new ArrayList<>();
      for (Segment s : d.newText()) {
        Matcher m = word.matcher(d.text()).region(s.start(), s.end());
        while (m.find()) {
          expected.add(m.start() + ":" + m.group());
        }
      }
      List<String> found =
          new Prose(d).words().stream().map(w -> w.start() + ":" + w.text()).toList();
      assertEquals(expected, found, d.text());
    }
  }
}
