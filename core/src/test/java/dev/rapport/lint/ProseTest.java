package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rapport.draft.Drafts;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProseTest {

  private static List<String> sentences(String body) {
    var d = Drafts.parseText("Dear Dr. Lee,\n\n" + body + "\n\nBest,\nAhmed");
    return new Prose(d).sentences().stream().map(s -> d.text().substring(s.start(), s.end())).toList();
  }

  @Test
  void aSentenceEndingInPmAndRIsASentence() {
    assertEquals(
        List.of("I want to train in PM&R.", "Please tell me how to start."),
        sentences("I want to train in PM&R. Please tell me how to start."));
    assertEquals(List.of("I will need an H-1B.", "Is that possible?"), sentences("I will need an H-1B. Is that possible?"));
  }

  @Test
  void initialsAndTitlesDoNotEndSentences() {
    assertEquals(List.of("I met J. Smith and Dr. Rao at the AAP meeting."), sentences("I met J. Smith and Dr. Rao at the AAP meeting."));
  }

  @Test
  void wordsInASpanAreFoundInOrder() {
    var d = Drafts.parseText("Dear Dr. Lee,\n\nOne two three. Four five.\n\nBest,\nAhmed");
    Prose p = new Prose(d);
    assertEquals(List.of("Four", "five"), p.wordsIn(p.sentences().get(1)).stream().map(Prose.Word::text).toList());
  }
}
