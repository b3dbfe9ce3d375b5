package dev.rapport.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageSummaryTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void foldedAndEncodedHeadersAreDecoded() {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            7,
            T,
            "From: =?UTF-8?Q?Dr=2E_Jos=C3=A9_Mu=C3=B1oz?= <JMunoz@Hospital.ORG>\r\n"
                + "To: a@example.org,\r\n  b@example.org\r\n"
                + "Subject: =?UTF-8?B?UmU6IE9ic2VydmVyc2hpcCBpbnF1aXJ5?=\r\n"
                + "Message-ID:\r\n <abc@host>\r\n"
                + "Date: Mon, 2 Mar 2026 10:00:00 +0100\r\n");
    assertEquals("jmunoz@hospital.org", m.from().email());
    assertEquals("Dr. José Muñoz", m.from().name());
    assertEquals(
        List.of("a@example.org", "b@example.org"), m.to().stream().map(a -> a.email()).toList());
    assertEquals("Re: Observership inquiry", m.subject());
    assertEquals("observership inquiry", m.baseSubject());
    assertEquals("abc@host", m.messageId());
    assertEquals(T, m.date());
    assertEquals(MessageKind.PERSONAL, m.kind());
  }

  @Test
  void garbageDateFallsBackToTheServersDate() {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX", FolderRole.INBOX, 1, T, "From: x@y.org\r\nDate: yesterday-ish, 99:99\r\n");
    assertNull(m.date());
    assertEquals(T, m.time().orElse(null));
  }

  @Test
  void aDateFarFromTheServersDateIsNotTrusted() {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            1,
            T,
            "From: x@y.org\r\nDate: Thu, 1 Jan 2037 00:00:00 +0000\r\n");
    assertEquals(T, m.time().orElse(null));
    MessageSummary old =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            1,
            T,
            "From: x@y.org\r\nDate: Mon, 1 Jan 1900 00:00:00 +0000\r\n");
    assertNull(old.date());
  }

  @Test
  void withoutAnyDateTheMessageHasNoTime() {
    MessageSummary m =
        MessageSummary.parse("INBOX", FolderRole.INBOX, 1, null, "From: x@y.org\r\n");
    assertNull(m.time().orElse(null));
  }

  @Test
  void missingAndBrokenMessageIdsAreDropped() {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            1,
            T,
            "From: x@y.org\r\nMessage-ID:   \r\nIn-Reply-To: <a@b> (comment) <c@d>\r\nReferences: garbage <<>> <e@f>\r\n");
    assertNull(m.messageId());
    assertEquals(List.of("a@b", "c@d"), m.inReplyTo());
    assertEquals(List.of("e@f"), m.references());
  }

  @Test
  void aMessageThatReferencesItselfDoesNot() {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            1,
            T,
            "Message-ID: <me@x>\r\nIn-Reply-To: <me@x>\r\nReferences: <a@x> <me@x> <a@x>\r\n");
    assertEquals(List.of(), m.inReplyTo());
    assertEquals(List.of("a@x"), m.references());
  }

  @Test
  void fiveThousandReferencesAreCappedKeepingRootAndLatest() {
    StringBuilder refs = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      refs.append(" <r").append(i).append("@x>");
    }
    MessageSummary m =
        MessageSummary.parse("INBOX", FolderRole.INBOX, 1, T, "References:" + refs + "\r\n");
    assertEquals(HeaderValues.MAX_REFERENCES, m.references().size());
    assertEquals("r0@x", m.references().get(0));
    assertEquals("r4999@x", m.references().get(m.references().size() - 1));
  }

  @Test
  void unparseableAddressesArePickedOutByShape() {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            1,
            T,
            "From: \"Unclosed <broken@host.org\r\nTo: ;;; <<ok@fine.org>> , @@@\r\nCc: no address at all\r\n");
    assertEquals("broken@host.org", m.from().email());
    assertEquals(List.of("ok@fine.org"), m.to().stream().map(a -> a.email()).toList());
    assertEquals(List.of(), m.cc());
  }

  @Test
  void aDuplicatedHeaderKeepsItsFirstValue() {
    MessageSummary m =
        MessageSummary.of(
            "INBOX",
            FolderRole.INBOX,
            1,
            T,
            Map.of("Subject", List.of("first", "second"), "FROM", List.of("x@y.org")));
    assertEquals("first", m.subject());
    assertEquals("x@y.org", m.from().email());
  }

  @Test
  void binaryJunkInHeadersNeverThrows() {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            1,
            T,
            "From: \u0000\u0001\uFFFD@@\r\nSubject: =?bogus?X?zz?=\r\nDate: \u0000\r\nContent-Type: ;;;\r\n");
    assertTrue(m.subject().contains("bogus"));
    assertNull(m.from());
  }
}
