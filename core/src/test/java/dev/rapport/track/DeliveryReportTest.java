package dev.rapport.track;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeliveryReportTest {

  static String rfc3464(String action, String status, String recipient, String originalId) {
    return "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
        + "To: chidinma@example.org\r\n"
        + "Subject: Undelivered Mail Returned to Sender\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"B1\"\r\n"
        + "\r\n"
        + "--B1\r\nContent-Type: text/plain\r\n\r\nI'm sorry to have to inform you that your message could not be delivered.\r\n"
        + "--B1\r\nContent-Type: message/delivery-status\r\n\r\n"
        + "Reporting-MTA: dns; mx.example.org\r\n\r\n"
        + "Final-Recipient: rfc822; "
        + recipient
        + "\r\n"
        + "Original-Recipient: rfc822;"
        + recipient
        + "\r\n"
        + "Action: "
        + action
        + "\r\nStatus: "
        + status
        + "\r\n"
        + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\r\n\r\n"
        + "--B1\r\nContent-Type: text/rfc822-headers\r\n\r\n"
        + "From: chidinma@example.org\r\nTo: "
        + recipient
        + "\r\nSubject: Observership\r\n"
        + "Message-ID: <"
        + originalId
        + ">\r\n\r\n"
        + "--B1--\r\n";
  }

  @Test
  void aStandardReportNamesTheRecipientAndTheReturnedMessage() {
    DeliveryReport r =
        DeliveryReport.parse(
            rfc3464("failed", "5.1.1", "Dr.Gone@Uni.EDU", "out-1@example.org")
                .getBytes(StandardCharsets.UTF_8),
            null);
    assertTrue(r.failed());
    assertEquals(List.of("dr.gone@uni.edu"), r.failedRecipients());
    assertEquals("out-1@example.org", r.originalMessageId());
  }

  @Test
  void aDelayIsNotAFailure() {
    DeliveryReport r =
        DeliveryReport.parse(
            rfc3464("delayed", "4.4.1", "slow@uni.edu", "out-2@example.org")
                .getBytes(StandardCharsets.UTF_8),
            null);
    assertFalse(r.failed());
  }

  @Test
  void anInformalBounceStillGivesTheReturnedMessageId() {
    String qmail =
        "From: MAILER-DAEMON@mx.example.org\r\nSubject: failure notice\r\n\r\n"
            + "Hi. This is the qmail-send program. I'm afraid I wasn't able to deliver your message.\r\n\r\n"
            + "<nobody@uni.edu>:\r\nSorry, no mailbox here by that name.\r\n\r\n--- Below this line is a copy of the message.\r\n\r\n"
            + "From: chidinma@example.org\r\nMessage-ID: <out-3@example.org>\r\n\r\nhello\r\n";
    DeliveryReport r =
        DeliveryReport.parse(qmail.getBytes(StandardCharsets.UTF_8), "nobody@uni.edu");
    assertTrue(r.failed());
    assertEquals(List.of("nobody@uni.edu"), r.failedRecipients());
    assertEquals("out-3@example.org", r.originalMessageId());
  }

  @Test
  void aReportCutShortIsReadAsFarAsItGoes() {
    String full = rfc3464("failed", "5.1.1", "gone@uni.edu", "out-4@example.org");
    String cut = full.substring(0, full.indexOf("--B1\r\nContent-Type: text/rfc822-headers"));
    DeliveryReport r = DeliveryReport.parse(cut.getBytes(StandardCharsets.UTF_8), null);
    assertTrue(r.failed());
    assertEquals(List.of("gone@uni.edu"), r.failedRecipients());
    assertNull(r.originalMessageId());
  }

  @Test
  void randomBytesNeverThrow() {
    Random rnd = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[rnd.nextInt(3000)];
      rnd.nextBytes(b);
      DeliveryReport.parse(b, i % 2 == 0 ? null : "\u0000garbage");
    }
  }
}
