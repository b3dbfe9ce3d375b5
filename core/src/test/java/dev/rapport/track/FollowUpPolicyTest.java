package dev.rapport.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FollowUpPolicyTest {

  private static final String LEE = "lee@uni.edu";

  /** A stand-in for the linter's ask detector: a question mark asks something. */
  private static boolean asks(String text) {
    return text.contains("?");
  }

  private static FollowUpPolicy policy(String now) {
    return policy(now, TrackingThresholds.DEFAULTS);
  }

  private static FollowUpPolicy policy(String now, TrackingThresholds t) {
    return new FollowUpPolicy(
        t, FollowUpPolicyTest::asks, Clock.fixed(Instant.parse(now), ZoneOffset.UTC));
  }

  private static ContactStatus status(String now, List<MessageSummary> mail) {
    return status(now, mail, Map.of(), List.of());
  }

  private static ContactStatus status(
      String now, List<MessageSummary> mail, Map<String, String> texts, List<Contact> known) {
    List<ContactStatus> all =
        policy(now)
            .evaluate(
                Correspondence.of(mail, Set.of(Mail.ME)), m -> texts.get(m.messageId()), known);
    return all.stream().filter(s -> s.contact().equals(LEE)).findFirst().orElseThrow();
  }

  private static MessageSummary out(String when, String id) {
    return Mail.sent(when, "Dr. Lee <lee@uni.edu>", id)
        .subject("Observership in stroke rehab")
        .build();
  }

  private static MessageSummary back(String when, String id, String replyTo) {
    return Mail.from(when, "Dr. Lee <lee@uni.edu>", id)
        .replyTo(replyTo)
        .subject("Re: Observership in stroke rehab")
        .build();
  }

  @Test
  void aFreshMessageIsAwaitingAReply() {
    ContactStatus s = status("2026-01-10T09:00:00Z", List.of(out("2026-01-05T10:00:00Z", "a@me")));
    assertEquals(ContactState.AWAITING_REPLY, s.state());
    assertEquals(Instant.parse("2026-01-19T10:00:00Z"), s.due());
    assertEquals(0, s.followUps());
    assertEquals(Instant.parse("2026-01-05T10:00:00Z"), s.lastSent());
    assertNull(s.lastReceived());
    assertEquals("Dr. Lee", s.name());
  }

  @Test
  void aFollowUpIsDueAfterExactlyFourteenDays() {
    List<MessageSummary> mail = List.of(out("2026-01-05T10:00:00Z", "a@me"));
    assertEquals(ContactState.AWAITING_REPLY, status("2026-01-19T09:59:59Z", mail).state());
    ContactStatus due = status("2026-01-19T10:00:00Z", mail);
    assertEquals(ContactState.FOLLOW_UP_DUE, due.state());
    assertTrue(due.reason().contains("follow-up 1 of 2"), due.reason());
  }

  @Test
  void followUpsAreCountedAndTheSecondIsDueTwoWeeksAfterTheFirst() {
    List<MessageSummary> mail =
        List.of(out("2026-01-05T10:00:00Z", "a@me"), out("2026-01-20T10:00:00Z", "b@me"));
    ContactStatus waiting = status("2026-01-25T10:00:00Z", mail);
    assertEquals(ContactState.AWAITING_REPLY, waiting.state());
    assertEquals(1, waiting.followUps());
    ContactStatus due = status("2026-02-03T10:00:00Z", mail);
    assertEquals(ContactState.FOLLOW_UP_DUE, due.state());
    assertTrue(due.reason().contains("follow-up 2 of 2"), due.reason());
  }

  @Test
  void afterTwoUnansweredFollowUpsAndTwoMoreWeeksItIsTimeToMoveOn() {
    List<MessageSummary> mail =
        List.of(
            out("2026-01-05T10:00:00Z", "a@me"),
            out("2026-01-20T10:00:00Z", "b@me"),
            out("2026-02-04T10:00:00Z", "c@me"));
    ContactStatus wait = status("2026-02-10T10:00:00Z", mail);
    assertEquals(ContactState.AWAITING_REPLY, wait.state());
    assertEquals(2, wait.followUps());
    assertEquals(Instant.parse("2026-02-18T10:00:00Z"), wait.due());
    ContactStatus moveOn = status("2026-02-18T10:00:00Z", mail);
    assertEquals(ContactState.MOVE_ON, moveOn.state());
    assertEquals(2, moveOn.followUps());
  }

  @Test
  void theirMessageBeingLatestMeansItIsTheUsersMove() {
    ContactStatus s =
        status(
            "2026-01-10T09:00:00Z",
            List.of(
                out("2026-01-05T10:00:00Z", "a@me"),
                back("2026-01-08T10:00:00Z", "b@uni", "a@me")));
    assertEquals(ContactState.REPLIED, s.state());
    assertEquals(Instant.parse("2026-01-08T10:00:00Z"), s.lastReceived());
    assertFalse(s.possiblyUnseen());
  }

  @Test
  void aReplyTheUserDeletedStillStopsTheNagging() {
    MessageSummary trashed =
        Mail.from("2026-01-08T10:00:00Z", LEE, "b@uni")
            .replyTo("a@me")
            .in("Trash", FolderRole.TRASH)
            .build();
    ContactStatus s =
        status("2026-03-01T09:00:00Z", List.of(out("2026-01-05T10:00:00Z", "a@me"), trashed));
    assertEquals(ContactState.REPLIED, s.state());
  }

  @Test
  void aReplyInJunkIsFlaggedAsPossiblyUnseen() {
    MessageSummary junk =
        Mail.from("2026-01-08T10:00:00Z", LEE, "b@uni")
            .replyTo("a@me")
            .in("Spam", FolderRole.JUNK)
            .build();
    ContactStatus s =
        status("2026-01-10T09:00:00Z", List.of(out("2026-01-05T10:00:00Z", "a@me"), junk));
    assertEquals(ContactState.REPLIED, s.state());
    assertTrue(s.possiblyUnseen());
    assertTrue(s.reason().contains("Junk"), s.reason());
  }

  @Test
  void anAutoReplyDoesNotCountAsAnAnswer() {
    MessageSummary ooo =
        Mail.from("2026-01-05T10:01:00Z", LEE, "o@uni")
            .replyTo("a@me")
            .header("Auto-Submitted", "auto-replied")
            .subject("Out of office")
            .build();
    ContactStatus s =
        status("2026-01-20T09:00:00Z", List.of(out("2026-01-05T10:00:00Z", "a@me"), ooo));
    assertEquals(ContactState.FOLLOW_UP_DUE, s.state());
  }

  @Test
  void aClosingThankYouToSomeoneWhoRepliedMeansInTouch() {
    List<MessageSummary> mail =
        List.of(
            out("2026-01-05T10:00:00Z", "a@me"),
            back("2026-01-08T10:00:00Z", "b@uni", "a@me"),
            out("2026-01-09T10:00:00Z", "c@me"));
    Map<String, String> texts =
        Map.of("c@me", "Thank you so much for the advice. I will read the paper.");
    ContactStatus s = status("2026-02-20T09:00:00Z", mail, texts, List.of());
    assertEquals(ContactState.IN_TOUCH, s.state());
    assertEquals(Instant.parse("2026-04-09T10:00:00Z"), s.due());
  }

  @Test
  void aQuestionToSomeoneWhoRepliedExpectsAnAnswer() {
    List<MessageSummary> mail =
        List.of(
            out("2026-01-05T10:00:00Z", "a@me"),
            back("2026-01-08T10:00:00Z", "b@uni", "a@me"),
            out("2026-01-09T10:00:00Z", "c@me"));
    Map<String, String> texts = Map.of("c@me", "Would Tuesday at 3 pm work for a short call?");
    assertEquals(
        ContactState.FOLLOW_UP_DUE, status("2026-01-23T10:00:00Z", mail, texts, List.of()).state());
    assertEquals(
        ContactState.AWAITING_REPLY,
        status("2026-01-12T10:00:00Z", mail, texts, List.of()).state());
  }

  @Test
  void anUnreadableLatestMessageIsTakenToExpectAnAnswer() {
    List<MessageSummary> mail =
        List.of(
            out("2026-01-05T10:00:00Z", "a@me"),
            back("2026-01-08T10:00:00Z", "b@uni", "a@me"),
            out("2026-01-09T10:00:00Z", "c@me"));
    assertEquals(ContactState.AWAITING_REPLY, status("2026-01-12T10:00:00Z", mail).state());
  }

  @Test
  void toAStrangerEvenAMessageWithoutAQuestionExpectsAnAnswer() {
    Map<String, String> texts = Map.of("a@me", "I admire your work.");
    ContactStatus s =
        status(
            "2026-01-10T09:00:00Z", List.of(out("2026-01-05T10:00:00Z", "a@me")), texts, List.of());
    assertEquals(ContactState.AWAITING_REPLY, s.state());
  }

  @Test
  void ninetyQuietDaysAfterTheirReplyMeanAnUpdateIsDue() {
    List<MessageSummary> mail =
        List.of(out("2026-01-05T10:00:00Z", "a@me"), back("2026-01-08T10:00:00Z", "b@uni", "a@me"));
    assertEquals(ContactState.REPLIED, status("2026-04-08T09:59:59Z", mail).state());
    ContactStatus s = status("2026-04-08T10:00:00Z", mail);
    assertEquals(ContactState.UPDATE_DUE, s.state());
    assertEquals(Instant.parse("2026-04-08T10:00:00Z"), s.due());
  }

  @Test
  void ninetyQuietDaysAfterAClosingMessageMeanAnUpdateIsDue() {
    List<MessageSummary> mail =
        List.of(
            out("2026-01-05T10:00:00Z", "a@me"),
            back("2026-01-08T10:00:00Z", "b@uni", "a@me"),
            out("2026-01-09T10:00:00Z", "c@me"));
    Map<String, String> texts = Map.of("c@me", "Thanks again, I will keep you posted.");
    assertEquals(
        ContactState.UPDATE_DUE, status("2026-04-09T10:00:00Z", mail, texts, List.of()).state());
  }

  @Test
  void aBouncedLatestMessageMarksTheContactBounced() {
    MessageSummary bounce =
        Mail.from("2026-01-05T10:02:00Z", "MAILER-DAEMON@mx.uni.edu", "d@mx")
            .header("Content-Type", "multipart/report; report-type=delivery-status; boundary=B1")
            .build()
            .withReport(
                DeliveryReport.parse(
                    DeliveryReportTest.rfc3464("failed", "5.1.1", LEE, "a@me")
                        .getBytes(StandardCharsets.UTF_8),
                    null));
    ContactStatus s =
        status("2026-01-06T10:00:00Z", List.of(out("2026-01-05T10:00:00Z", "a@me"), bounce));
    assertEquals(ContactState.BOUNCED, s.state());
    assertNull(s.due());
  }

  @Test
  void writingAgainAfterABounceStartsWaitingAgain() {
    MessageSummary bounce =
        Mail.from("2026-01-05T10:02:00Z", "MAILER-DAEMON@mx.uni.edu", "d@mx")
            .header("X-Failed-Recipients", LEE)
            .build();
    ContactStatus s =
        status(
            "2026-01-08T10:00:00Z",
            List.of(
                out("2026-01-05T10:00:00Z", "a@me"), bounce, out("2026-01-07T10:00:00Z", "b@me")));
    assertEquals(ContactState.AWAITING_REPLY, s.state());
  }

  @Test
  void aBounceOfAnOlderMessageDoesNotMarkALaterOne() {
    MessageSummary bounce =
        Mail.from("2026-01-09T10:00:00Z", "MAILER-DAEMON@mx.uni.edu", "d@mx")
            .header("Content-Type", "multipart/report; report-type=delivery-status; boundary=B1")
            .build()
            .withReport(
                DeliveryReport.parse(
                    DeliveryReportTest.rfc3464("failed", "5.2.2", LEE, "a@me")
                        .getBytes(StandardCharsets.UTF_8),
                    null));
    ContactStatus s =
        status(
            "2026-01-10T10:00:00Z",
            List.of(
                out("2026-01-05T10:00:00Z", "a@me"), out("2026-01-09T12:00:00Z", "b@me"), bounce));
    assertEquals(ContactState.AWAITING_REPLY, s.state());
  }

  @Test
  void someoneMetInPersonAndNotWrittenToIsDueAThankYou() {
    Contact met =
        new Contact(
            LEE,
            "Dr. Hana Lee",
            "Dr.",
            "AAPM&R annual assembly",
            LocalDate.parse("2026-11-10"),
            List.of());
    List<ContactStatus> all =
        policy("2026-11-11T12:00:00Z")
            .evaluate(Correspondence.of(List.of(), Set.of(Mail.ME)), m -> null, List.of(met));
    assertEquals(1, all.size());
    ContactStatus s = all.get(0);
    assertEquals(ContactState.THANK_YOU_DUE, s.state());
    assertEquals("Dr. Hana Lee", s.name());
    assertEquals(Instant.parse("2026-11-13T00:00:00Z"), s.due());
    assertTrue(s.reason().contains("is due by 2026-11-13"), s.reason());
  }

  @Test
  void aThankYouSentAfterMeetingClearsIt() {
    Contact met = new Contact(LEE, null, null, null, LocalDate.parse("2026-01-04"), List.of());
    ContactStatus s =
        status(
            "2026-01-10T09:00:00Z",
            List.of(out("2026-01-05T10:00:00Z", "a@me")),
            Map.of(),
            List.of(met));
    assertEquals(ContactState.AWAITING_REPLY, s.state());
  }

  @Test
  void messagesBeforeTheMeetingDoNotCountAsTheThankYou() {
    Contact met = new Contact(LEE, null, null, null, LocalDate.parse("2026-01-07"), List.of());
    ContactStatus s =
        status(
            "2026-01-12T09:00:00Z",
            List.of(
                out("2026-01-05T10:00:00Z", "a@me"), back("2026-01-06T10:00:00Z", "b@uni", "a@me")),
            Map.of(),
            List.of(met));
    assertEquals(ContactState.THANK_YOU_DUE, s.state());
    assertTrue(s.reason().contains("was due by"), s.reason());
  }

  @Test
  void aMeetingInTheFutureIsNotYetAThankYou() {
    Contact met = new Contact(LEE, null, null, null, LocalDate.parse("2026-12-01"), List.of());
    assertTrue(
        policy("2026-11-11T12:00:00Z")
            .evaluate(Correspondence.of(List.of(), Set.of()), m -> null, List.of(met))
            .isEmpty());
  }

  @Test
  void knownContactsNeverMetOrWrittenToAreNotListed() {
    assertTrue(
        policy("2026-11-11T12:00:00Z")
            .evaluate(Correspondence.of(List.of(), Set.of()), m -> null, List.of(Contact.of(LEE)))
            .isEmpty());
  }

  @Test
  void thresholdsAreConfigurable() {
    TrackingThresholds quick =
        new TrackingThresholds(
            Duration.ofDays(7), 1, Duration.ofDays(3), Duration.ofDays(30), Duration.ofHours(24));
    List<MessageSummary> mail = List.of(out("2026-01-05T10:00:00Z", "a@me"));
    FollowUpPolicy p = policy("2026-01-12T10:00:00Z", quick);
    assertEquals(
        ContactState.FOLLOW_UP_DUE,
        p.evaluate(Correspondence.of(mail, Set.of(Mail.ME)), m -> null, List.of()).get(0).state());
    List<MessageSummary> twice =
        List.of(out("2026-01-05T10:00:00Z", "a@me"), out("2026-01-12T10:00:00Z", "b@me"));
    ContactStatus s =
        policy("2026-01-15T10:00:00Z", quick)
            .evaluate(Correspondence.of(twice, Set.of(Mail.ME)), m -> null, List.of())
            .get(0);
    assertEquals(ContactState.MOVE_ON, s.state());
  }

  @Test
  void theListIsSortedByWhatNeedsDoingFirst() {
    List<MessageSummary> mail = new ArrayList<>();
    mail.add(Mail.sent("2026-01-01T10:00:00Z", "waiting@uni.edu", "w@me").build());
    mail.add(Mail.sent("2025-12-01T10:00:00Z", "late@uni.edu", "l@me").build());
    mail.add(Mail.sent("2025-12-01T10:00:00Z", "answered@uni.edu", "q@me").build());
    mail.add(
        Mail.from("2025-12-03T10:00:00Z", "answered@uni.edu", "r@uni").replyTo("q@me").build());
    List<ContactStatus> all =
        policy("2026-01-02T10:00:00Z")
            .evaluate(Correspondence.of(mail, Set.of(Mail.ME)), m -> null, List.of());
    assertEquals(
        List.of("answered@uni.edu", "late@uni.edu", "waiting@uni.edu"),
        all.stream().map(ContactStatus::contact).toList());
    assertEquals(
        List.of(ContactState.REPLIED, ContactState.FOLLOW_UP_DUE, ContactState.AWAITING_REPLY),
        all.stream().map(ContactStatus::state).toList());
  }

  @Test
  void theContactAddressIsLowerCased() {
    ContactStatus s =
        new ContactStatus(
            "Lee@UNI.edu", null, ContactState.REPLIED, null, null, 0, null, "x", false);
    assertEquals(LEE, s.contact());
  }

  /** Every kind of relationship at once, for checking when states change with time alone. */
  private static Correspondence everyKind() {
    List<MessageSummary> mail = new ArrayList<>();
    mail.add(Mail.sent("2026-01-01T10:00:00Z", "waiting@uni.edu", "w@me").build());
    mail.add(Mail.sent("2025-12-20T10:00:00Z", "twice@uni.edu", "t1@me").build());
    mail.add(Mail.sent("2026-01-03T10:00:00Z", "twice@uni.edu", "t2@me").build());
    mail.add(Mail.sent("2026-01-17T10:00:00Z", "twice@uni.edu", "t3@me").build());
    mail.add(Mail.sent("2025-12-01T10:00:00Z", "answered@uni.edu", "q@me").build());
    mail.add(
        Mail.from("2025-12-03T10:00:00Z", "answered@uni.edu", "r@uni").replyTo("q@me").build());
    mail.add(Mail.sent("2025-11-01T10:00:00Z", "mentor@uni.edu", "m1@me").build());
    mail.add(
        Mail.from("2025-11-02T10:00:00Z", "mentor@uni.edu", "m2@uni").replyTo("m1@me").build());
    mail.add(
        Mail.sent("2025-11-03T10:00:00Z", "mentor@uni.edu", "m3@me")
            .build()); // "thank you": asks nothing
    return Correspondence.of(mail, Set.of(Mail.ME));
  }

  private static List<String> states(FollowUpPolicy p, Correspondence c, List<Contact> known) {
    return p
        .evaluate(c, m -> m.messageId().equals("m3@me") ? "Thank you." : "Could we talk?", known)
        .stream()
        .map(s -> s.contact() + "=" + s.state())
        .sorted()
        .toList();
  }

  @Test
  void nextChangeIsExactlyWhenAStateFallsDueWithTimeAlone() {
    Correspondence c = everyKind();
    List<Contact> known =
        List.of(
            new Contact(
                "park@clinic.org",
                "Dr. Park",
                null,
                "a conference",
                LocalDate.parse("2026-02-10"),
                List.of()));
    Instant t = Instant.parse("2026-01-02T00:00:00Z");
    List<Instant> changes = new ArrayList<>();
    for (int guard = 0; guard < 20; guard++) {
      FollowUpPolicy now =
          new FollowUpPolicy(
              TrackingThresholds.DEFAULTS,
              FollowUpPolicyTest::asks,
              Clock.fixed(t, ZoneOffset.UTC));
      List<String> before = states(now, c, known);
      Instant next =
          now.nextChange(
                  now.evaluate(
                      c,
                      m -> m.messageId().equals("m3@me") ? "Thank you." : "Could we talk?",
                      known),
                  known)
              .orElse(null);
      if (next == null) {
        break;
      }
      assertTrue(next.isAfter(t));
      // Nothing changes in between (checked every six hours) ...
      for (Instant probe = t.plus(Duration.ofHours(6));
          probe.isBefore(next);
          probe = probe.plus(Duration.ofHours(6))) {
        assertEquals(before, states(at(probe), c, known), "at " + probe);
      }
      assertEquals(before, states(at(next.minusNanos(1)), c, known), "just before " + next);
      // ... and something does at that very instant.
      assertFalse(before.equals(states(at(next), c, known)), "nothing changed at " + next);
      changes.add(next);
      t = next;
    }
    assertEquals(
        List.of(
            Instant.parse("2026-01-15T10:00:00Z"), // waiting: follow-up due
            Instant.parse(
                "2026-01-31T10:00:00Z"), // twice: two follow-ups unanswered, time to move on
            Instant.parse("2026-02-01T10:00:00Z"), // mentor: 90 quiet days after the thank-you
            Instant.parse("2026-02-10T00:00:00Z"), // met Dr. Park: a thank-you is due
            Instant.parse(
                "2026-03-03T10:00:00Z")), // answered: 90 days after their reply, an update
        changes);
  }

  private static FollowUpPolicy at(Instant t) {
    return new FollowUpPolicy(
        TrackingThresholds.DEFAULTS, FollowUpPolicyTest::asks, Clock.fixed(t, ZoneOffset.UTC));
  }
}
