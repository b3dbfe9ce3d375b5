package dev.rapport.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CorrespondenceTest {

  private static Correspondence of(MessageSummary... ms) {
    return Correspondence.of(List.of(ms), Set.of(Mail.ME));
  }

  @Test
  void contactsAreThePeopleTheUserWroteTo() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "Dr. Lee <Lee@Uni.edu>", "a@me")
                .subject("Observership")
                .build(),
            Mail.from("2026-01-06T10:00:00Z", "Stranger <spam@shop.com>", "s@shop")
                .subject("Deals")
                .build(),
            Mail.from("2026-01-06T11:00:00Z", "PM&R list <list@lists.org>", "l@lists")
                .header("List-Id", "<pmr.lists.org>")
                .build());
    assertEquals(Set.of("lee@uni.edu"), c.contacts().keySet());
    assertEquals("Dr. Lee", c.contacts().get("lee@uni.edu").name());
  }

  @Test
  void listMailFromAContactIsNotAReply() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me").build(),
            Mail.from("2026-01-06T10:00:00Z", "lee@uni.edu", "l@lists")
                .header("List-Id", "<dept.uni.edu>")
                .build());
    assertFalse(c.history("lee@uni.edu").orElseThrow().hasReplied());
  }

  @Test
  void aReplyInTrashStillCounts() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me").build(),
            Mail.from("2026-01-07T10:00:00Z", "lee@uni.edu", "b@uni")
                .replyTo("a@me")
                .in("Trash", FolderRole.TRASH)
                .build());
    assertTrue(c.history("lee@uni.edu").orElseThrow().hasReplied());
  }

  @Test
  void aReplyFiledInAnyFolderCounts() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me").build(),
            Mail.from("2026-01-07T10:00:00Z", "lee@uni.edu", "b@uni")
                .in("Residency/PM&R", FolderRole.OTHER)
                .build());
    assertEquals(1, c.history("lee@uni.edu").orElseThrow().received().size());
  }

  @Test
  void aCopyOutsideJunkWinsOverTheJunkCopy() {
    MessageSummary inJunk =
        Mail.from("2026-01-07T10:00:00Z", "lee@uni.edu", "b@uni")
            .in("Junk", FolderRole.JUNK)
            .build();
    MessageSummary inInbox = Mail.from("2026-01-07T10:00:00Z", "lee@uni.edu", "b@uni").build();
    MessageSummary sent = Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me").build();
    assertEquals(
        FolderRole.INBOX,
        of(sent, inJunk, inInbox)
            .history("lee@uni.edu")
            .orElseThrow()
            .latestReceived()
            .orElseThrow()
            .role());
    assertEquals(
        FolderRole.JUNK,
        of(sent, inJunk)
            .history("lee@uni.edu")
            .orElseThrow()
            .latestReceived()
            .orElseThrow()
            .role());
    assertEquals(
        1, of(sent, inJunk, inInbox).history("lee@uni.edu").orElseThrow().received().size());
  }

  @Test
  void draftsAreIgnored() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me")
                .in("Drafts", FolderRole.DRAFTS)
                .build());
    assertTrue(c.contacts().isEmpty());
  }

  @Test
  void theUsersOwnAddressesAreLearnedFromSent() {
    MessageSummary sentFromAlias =
        Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me")
            .header("From", "Chidinma <c.okeke@alias.org>")
            .build();
    MessageSummary bccCopy =
        Mail.from("2026-01-06T10:00:00Z", "c.okeke@alias.org", "b@me")
            .header("To", "kim@uni.edu")
            .build();
    Correspondence c = Correspondence.of(List.of(sentFromAlias, bccCopy), Set.of());
    assertTrue(c.userAddresses().contains("c.okeke@alias.org"));
    assertEquals(Set.of("lee@uni.edu", "kim@uni.edu"), c.contacts().keySet());
  }

  @Test
  void aReplyFromAnotherAddressIsFoundThroughItsThread() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "Dr. Lee <lee@uni.edu>", "a@me")
                .subject("Observership")
                .build(),
            Mail.from("2026-01-08T10:00:00Z", "Assistant <office@uni.edu>", "b@uni")
                .replyTo("a@me")
                .subject("RE: Observership")
                .build());
    assertEquals(1, c.history("lee@uni.edu").orElseThrow().received().size());
    assertFalse(c.contacts().containsKey("office@uni.edu"));
  }

  @Test
  void aReplyWithoutHeadersIsMatchedBySubjectAndParticipants() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me")
                .subject("Observership in stroke rehab")
                .build(),
            Mail.from("2026-01-08T10:00:00Z", "Lee Personal <lee.h@uni.edu>", "b@uni")
                .subject("Re: Observership in stroke rehab")
                .build(),
            Mail.from("2026-01-09T10:00:00Z", "Other <x@elsewhere.com>", "c@else")
                .subject("Re: Observership in stroke rehab")
                .build());
    assertEquals(1, c.history("lee@uni.edu").orElseThrow().received().size());
  }

  @Test
  void theSubjectFallbackNeedsAReplyPrefix() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me")
                .subject("Observership")
                .build(),
            Mail.from("2026-01-08T10:00:00Z", "news@uni.edu", "b@uni")
                .subject("Observership")
                .build());
    assertFalse(c.history("lee@uni.edu").orElseThrow().hasReplied());
  }

  @Test
  void autoRepliesAreCountedButAreNotReplies() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me").build(),
            Mail.from("2026-01-05T10:01:00Z", "lee@uni.edu", "ooo@uni")
                .replyTo("a@me")
                .subject("Automatic reply: Observership")
                .build());
    ContactHistory h = c.history("lee@uni.edu").orElseThrow();
    assertFalse(h.hasReplied());
    assertEquals(1, h.autoReplies());
  }

  @Test
  void aBounceIsAttributedThroughTheReturnedMessage() {
    MessageSummary bounce =
        Mail.from("2026-01-05T10:02:00Z", "MAILER-DAEMON@mx.example.org", "d@mx")
            .header("Content-Type", "multipart/report; report-type=delivery-status; boundary=B1")
            .build()
            .withReport(
                DeliveryReport.parse(
                    DeliveryReportTest.rfc3464("failed", "5.1.1", "gone@uni.edu", "a@me")
                        .getBytes(StandardCharsets.UTF_8),
                    null));
    Correspondence c =
        of(Mail.sent("2026-01-05T10:00:00Z", "gone@uni.edu, kept@uni.edu", "a@me").build(), bounce);
    assertEquals(1, c.history("gone@uni.edu").orElseThrow().bounces().size());
    assertEquals("a@me", c.history("gone@uni.edu").orElseThrow().bounces().get(0).messageId());
    assertTrue(c.history("kept@uni.edu").orElseThrow().bounces().isEmpty());
  }

  @Test
  void aBounceWithoutAReadableReportUsesItsFailedRecipientsHeader() {
    MessageSummary bounce =
        Mail.from("2026-01-05T10:02:00Z", "MAILER-DAEMON@mx.example.org", "d@mx")
            .header("X-Failed-Recipients", "gone@uni.edu")
            .build();
    Correspondence c =
        of(Mail.sent("2026-01-05T10:00:00Z", "gone@uni.edu", "a@me").build(), bounce);
    assertEquals(1, c.history("gone@uni.edu").orElseThrow().bounces().size());
  }

  @Test
  void aDelayReportIsNotABounce() {
    MessageSummary delay =
        Mail.from("2026-01-05T10:02:00Z", "MAILER-DAEMON@mx.example.org", "d@mx")
            .header("Content-Type", "multipart/report; report-type=delivery-status; boundary=B1")
            .build()
            .withReport(
                DeliveryReport.parse(
                    DeliveryReportTest.rfc3464("delayed", "4.4.1", "slow@uni.edu", "a@me")
                        .getBytes(StandardCharsets.UTF_8),
                    null));
    Correspondence c = of(Mail.sent("2026-01-05T10:00:00Z", "slow@uni.edu", "a@me").build(), delay);
    assertTrue(c.history("slow@uni.edu").orElseThrow().bounces().isEmpty());
  }

  @Test
  void undatedMessagesAreLeftOutAndCounted() {
    MessageSummary undated =
        MessageSummary.parse(
            "INBOX", FolderRole.INBOX, 5, null, "From: lee@uni.edu\r\nDate: garbage\r\n");
    Correspondence c =
        of(Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me").build(), undated);
    assertEquals(1, c.undated());
    assertFalse(c.history("lee@uni.edu").orElseThrow().hasReplied());
  }

  @Test
  void textIsNeededOnlyForTheLatestMessageToPeopleWhoReplied() {
    MessageSummary first = Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me").build();
    MessageSummary reply = Mail.from("2026-01-06T10:00:00Z", "lee@uni.edu", "b@uni").build();
    MessageSummary thanks = Mail.sent("2026-01-07T10:00:00Z", "lee@uni.edu", "c@me").build();
    MessageSummary stranger = Mail.sent("2026-01-07T10:00:00Z", "kim@uni.edu", "d@me").build();
    assertEquals(List.of(thanks), of(first, reply, thanks, stranger).textNeeded());
  }

  @Test
  void aMessageOnlyCcdToSomeoneDoesNotMakeThemAContact() {
    Correspondence c =
        of(
            Mail.sent("2026-01-05T10:00:00Z", "lee@uni.edu", "a@me")
                .header("Cc", "mentor@home.org")
                .build());
    assertEquals(Set.of("lee@uni.edu"), c.contacts().keySet());
  }
}
