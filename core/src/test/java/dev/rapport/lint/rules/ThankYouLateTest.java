package dev.rapport.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Scorecard;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** A thank-you dated late by the draft's own words, against its Date. */
class ThankYouLateTest {

  private static final String SIGN = "\n\nBest regards,\nNadia Rahman\n";

  /** Lints a thank-you sent on {@code date} (an RFC 5322 date). */
  private static Scorecard lint(String date, String body) throws Exception {
    String eml =
        "From: Nadia Rahman <nadia@example.org>\r\nTo: Grace Osei <gosei@example.edu>\r\n"
            + "Subject: Thank you for the call about spasticity clinics\r\nDate: "
            + date
            + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nDear Dr. Osei,\n\n"
            + body
            + SIGN;
    Linter linter =
        Linter.builder()
            .clock(Clock.fixed(Instant.parse("2026-12-31T00:00:00Z"), ZoneOffset.UTC))
            .build();
    return linter.lint(
        Drafts.parse(eml.getBytes(StandardCharsets.UTF_8), "d.eml", DraftFormat.EML));
  }

  private static boolean late(Scorecard c) {
    return c.findings().stream().anyMatch(f -> f.rule().equals("THANK_YOU_LATE"));
  }

  @Test
  void aWeekendDoesNotCount() {
    // Thursday 1 October to Monday 5 October: two working days.
    ZonedDateTime monday = ZonedDateTime.parse("2026-10-05T20:00:00Z");
    assertEquals(5, ThankYouLate.due(4, monday));
    // Monday 28 September to Friday 2 October: no weekend between.
    ZonedDateTime friday = ZonedDateTime.parse("2026-10-02T20:00:00Z");
    assertEquals(3, ThankYouLate.due(4, friday));
  }

  @Test
  void aThursdayCallThankedOnMondayIsOnTime() throws Exception {
    Scorecard c =
        lint(
            "Mon, 5 Oct 2026 09:00:00 +0000",
            "I am very thankful to you for the video call on Thursday. I have started the one-page"
                + " analysis plan you suggested.");
    assertFalse(late(c), c.findings().toString());
  }

  @Test
  void aThankYouThatSaysItIsLate() throws Exception {
    Scorecard c =
        lint(
            "Thu, 23 Apr 2026 09:00:00 +0000",
            "I owe you a thank-you that is three weeks late, and I apologize for it. We have already"
                + " rewritten the data sheet according to your notes.");
    assertTrue(late(c), c.findings().toString());
  }

  @Test
  void aWebinarDatedInAnotherSentence() throws Exception {
    Scorecard c =
        lint(
            "Wed, 20 May 2026 09:00:00 +0000",
            "I attended the IMG panel webinar on 22 April where you spoke. I wanted to thank you for"
                + " your talk and your advice on the personal statement.");
    assertTrue(late(c), c.findings().toString());
  }

  @Test
  void wantingToThankEarlier() throws Exception {
    Scorecard c =
        lint(
            "Tue, 26 May 2026 09:00:00 +0000",
            "I wanted to thank you much earlier, but after the meeting I had my Step 2 CK exam. Thank"
                + " you again for your patience with my many questions that day.");
    assertTrue(late(c), c.findings().toString());
  }

  @Test
  void aTalkTheyGaveLastWeekIsNotLate() throws Exception {
    Scorecard c =
        lint(
            "Wed, 20 May 2026 09:00:00 +0000",
            "I attended your webinar on 14 May on return to play after concussion. Thank you for the"
                + " talk; the graded exertion protocol was new to me.");
    assertFalse(late(c), c.findings().toString());
  }
}
