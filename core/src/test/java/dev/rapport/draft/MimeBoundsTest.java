package dev.rapport.draft;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MimeBoundsTest {
  private static final String HEAD =
      "From: Amara <amara@example.com>\r\nTo: Dr. Ana Ruiz <ana@example.edu>\r\n"
          + "Subject: Question about your stroke paper\r\nMIME-Version: 1.0\r\n";
  private static final String BODY =
      "Dear Dr. Ruiz,\r\n\r\nWould you have 15 minutes for a call?\r\n\r\nBest regards,\r\nAmara\r\n";

  /** A multipart/mixed message: the text, then {@code extra} one-line parts. */
  static byte[] parts(int extra) {
    StringBuilder sb =
        new StringBuilder(HEAD)
            .append("Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n")
            .append("--b0\r\nContent-Type: text/plain\r\n\r\n")
            .append(BODY);
    for (int i = 0; i < extra; i++) {
      sb.append("--b0\r\nContent-Type: text/plain\r\n\r\nx\r\n");
    }
    return sb.append("--b0--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] recipients(int n) {
    StringBuilder to = new StringBuilder("ana@example.edu");
    for (int i = 1; i < n; i++) {
      to.append(",\r\n p").append(i).append("@example.org");
    }
    return (HEAD.replace("Dr. Ana Ruiz <ana@example.edu>", to) + "\r\n" + BODY)
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String refusal(byte[] message) {
    return assertThrows(DraftException.class, () -> Drafts.parse(message, "m.eml", DraftFormat.EML))
        .getMessage();
  }

  @Test
  void aThousandPartsAreReadAndOneMoreIsRefused() throws Exception {
    // The text part plus 999 more: the message's 1,000 parts.
    assertEquals(1000, MimeBounds.parts(parts(999)));
    assertDoesNotThrow(() -> Drafts.parse(parts(999), "m.eml", DraftFormat.EML));
    assertEquals(
        "too many MIME parts: more than 1000 (the limit); this is not a draft a person wrote",
        refusal(parts(1000)));
    assertEquals(
        "too many MIME parts: more than 1000 (the limit); this is not a draft a person wrote",
        refusal(parts(100_000)));
  }

  @Test
  void signaturesAndSeparatorsAreNotParts() {
    String text =
        HEAD
            + "Content-Type: multipart/alternative; boundary=zz\r\n\r\n--zz\r\nContent-Type: text/plain\r\n\r\n"
            + BODY
            + "-- \r\nAmara\r\n-----Original Message-----\r\n--zzz\r\n--zz--\r\n";
    assertEquals(1, MimeBounds.parts(text.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        1,
        MimeBounds.parts(
            (HEAD + "\r\n" + BODY + "--b0\r\n--b0\r\n").getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void nestedBoundariesAllCount() {
    StringBuilder sb =
        new StringBuilder(HEAD).append("Content-Type: multipart/mixed; boundary=outer\r\n\r\n");
    for (int i = 0; i < 400; i++) {
      sb.append("--outer\r\nContent-Type: multipart/alternative;\r\n boundary=\"in")
          .append(i)
          .append("\"\r\n\r\n--in")
          .append(i)
          .append("\r\nContent-Type: text/plain\r\n\r\nx\r\n--in")
          .append(i)
          .append("--\r\n");
    }
    sb.append("--outer--\r\n");
    assertEquals(800, MimeBounds.parts(sb.toString().getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aThousandRecipientsAreReadAndTenThousandRefused() {
    assertDoesNotThrow(() -> Drafts.parse(recipients(1000), "m.eml", DraftFormat.EML));
    assertEquals(
        "too many recipients: 1001 addresses in To and Cc (the limit is 1000)",
        refusal(recipients(1001)));
    assertEquals(
        "too many recipients: 10000 addresses in To and Cc (the limit is 1000)",
        refusal(recipients(10_000)));
  }

  @Test
  void aHeaderSectionPast256KbIsRefused() {
    StringBuilder pad = new StringBuilder(HEAD);
    while (pad.length() <= MimeBounds.MAX_HEADER_BYTES) {
      pad.append("X-Pad: ").append("y".repeat(70)).append("\r\n");
    }
    byte[] big = (pad + "\r\n" + BODY).getBytes(StandardCharsets.US_ASCII);
    assertEquals(
        "header section too large: more than 256 KB before the first blank line (the limit)",
        refusal(big));
    assertEquals(
        HEAD.length(),
        MimeBounds.headerEnd((HEAD + "\r\n" + BODY).getBytes(StandardCharsets.US_ASCII), 1 << 20));
  }

  @Test
  void sendmailsLargerLimitAppliesTheSameBounds() {
    byte[] many = parts(100_000);
    DraftException e =
        assertThrows(DraftException.class, () -> Drafts.parseMessage(many, "message", 64 << 20));
    assertEquals(
        "too many MIME parts: more than 1000 (the limit); this is not a draft a person wrote",
        e.getMessage());
  }
}
