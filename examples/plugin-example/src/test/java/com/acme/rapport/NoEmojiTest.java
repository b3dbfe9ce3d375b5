package com.acme.rapport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rapport.draft.Drafts;
import dev.rapport.lint.Finding;
import dev.rapport.lint.Linter;
import dev.rapport.lint.RuleExample;
import dev.rapport.lint.testing.RuleExamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoEmojiTest {

  /** The one test every plugin rule needs: its own good and bad examples hold. */
  @Test
  void examplesHold() {
    RuleExamples.verify(new NoEmoji());
  }

  @Test
  void anEmojiSequenceIsOneFinding() throws Exception {
    // A family (four people joined by zero-width joiners), a flag (two regional indicators), a
    // thumbs-up with a skin tone.
    String body =
        "Dear Dr. Lee,\n\nGreetings from \uD83C\uDDF3\uD83C\uDDEC and my \uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66 \uD83D\uDC4D\uD83C\uDFFE\n\nBest,\nAna";
    List<Finding> found = RuleExamples.findings(new NoEmoji(), RuleExample.bad(body));
    assertEquals(3, found.size());
    assertEquals(
        "The emoji \uD83C\uDDF3\uD83C\uDDEC reads as casual to someone you have not met.",
        found.get(0).message());
  }

  @Test
  void maxEmojiAllowsSomeAndIsBounded() throws Exception {
    var draft =
        Drafts.parseText(
            "Dear Dr. Lee,\n\nThank you \uD83D\uDE4F See you \uD83D\uDE42\n\nBest,\nAna");
    Linter one =
        Linter.builder()
            .withoutBuiltIns()
            .rule(new NoEmoji(), "test")
            .option("ACME.NO_EMOJI", "maxEmoji", 1)
            .build();
    assertEquals(1, one.lint(draft).findings().size(), "the first is allowed, the second flagged");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Linter.builder()
                    .rule(new NoEmoji(), "test")
                    .option("ACME.NO_EMOJI", "maxEmoji", 99)
                    .build());
    assertEquals(
        "rule ACME.NO_EMOJI: option 'maxEmoji' must be between 0 and 20, not 99", e.getMessage());
  }
}
