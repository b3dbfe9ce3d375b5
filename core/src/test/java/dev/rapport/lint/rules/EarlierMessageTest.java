package dev.rapport.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Finding;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Scorecard;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Follow-up timing from the draft alone: its Date against the dates it gives for the earlier
 * message.
 */
class EarlierMessageTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 3); // a Thursday

  @Test
  void datesInTheFormsWritersUse() {
    assertEquals(
        LocalDate.of(2026, 11, 30), EarlierMessage.date("Mon, 30 Nov 2026 at 09:12", TODAY));
    assertEquals(
        LocalDate.of(2026, 11, 30), EarlierMessage.date("my email dated 30th November", TODAY));
    assertEquals(
        LocalDate.of(2026, 11, 30), EarlierMessage.date("On November 30, 2026, at 9:12 AM", TODAY));
    assertEquals(
        LocalDate.of(2026, 11, 30), EarlierMessage.date("2026-11-30 16:32 GMT+01:00", TODAY));
    assertEquals(LocalDate.of(2026, 11, 30), EarlierMessage.date("On 30/11/2026 10:02", TODAY));
    assertEquals(LocalDate.of(2026, 11, 30), EarlierMessage.date("On 11/30/2026 10:02 PM", TODAY));
    assertEquals(
        LocalDate.of(2025, 12, 20),
        EarlierMessage.date("of 20 December", TODAY),
        "no year: the last one past");
    assertNull(EarlierMessage.date("in the spring", TODAY));
  }

  private static Scorecard lint(String body) throws Exception {
    String eml =
        "From: Ayesha Malik <ayesha@example.org>\r\nTo: Daniel Okafor <dokafor@example.edu>\r\nSubject: Re: A question\r\n"
            + "Date: Thu, 3 Dec 2026 09:00:00 +0500\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + body;
    Linter linter =
        Linter.builder()
            .clock(Clock.fixed(Instant.parse("2026-12-03T04:00:00Z"), ZoneOffset.UTC))
            .build();
    return linter.lint(
        Drafts.parse(eml.getBytes(StandardCharsets.UTF_8), "d.eml", DraftFormat.EML));
  }

  private static Optional<Finding> tooSoon(Scorecard c) {
    return c.findings().stream().filter(f -> f.rule().equals("FOLLOW_UP_TOO_SOON")).findFirst();
  }

  @Test
  void ownQuotedMessageDatesTheFollowUp() throws Exception {
    Scorecard c =
        lint(
            "Dear Dr. Okafor,\n\nI am writing again about a short call.\n\nBest,\nAyesha\n\n"
                + "On Mon, 30 Nov 2026 at 21:05, Ayesha Malik <ayesha@example.org> wrote:\n> Dear Dr. Okafor,\n> Would you have 15 minutes?\n");
    Finding f = tooSoon(c).orElseThrow(() -> new AssertionError(c.findings().toString()));
    assertTrue(f.message().contains("3 days"), f.message());
  }

  @Test
  void theirQuotedReplyIsNoFollowUp() throws Exception {
    Scorecard c =
        lint(
            "Dear Dr. Okafor,\n\nThank you, Tuesday at 10 works for me.\n\nBest,\nAyesha\n\n"
                + "On Tue, 1 Dec 2026 at 08:05, Daniel Okafor <dokafor@example.edu> wrote:\n> Happy to talk. Would Tuesday suit?\n");
    assertTrue(tooSoon(c).isEmpty(), c.findings().toString());
  }

  @Test
  void relativeDatesInTheWritersOwnWords() throws Exception {
    for (String s :
        new String[] {
          "I sent you an email yesterday about a short call.",
          "As I wrote on Monday, I hope to ask one question.",
          "Further to my email dated 30th November, may I ask one question?",
          "It has been two days since my last email."
        }) {
      Scorecard c = lint("Dear Dr. Okafor,\n\n" + s + "\n\nBest,\nAyesha");
      assertTrue(tooSoon(c).isPresent(), s + " " + c.findings());
    }
    Scorecard late =
        lint(
            "Dear Dr. Okafor,\n\nI am following up on the email I sent three weeks ago.\n\nBest,\nAyesha");
    assertTrue(tooSoon(late).isEmpty(), late.findings().toString());
  }
}
