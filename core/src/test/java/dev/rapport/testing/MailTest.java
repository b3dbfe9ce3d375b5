package dev.rapport.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MailTest {
  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
  private static final String ME = "Asha Rao <asha@example.org>";
  private static final String PROF = "Dr. Lee <lee@uni.example.edu>";

  private static Mail outreach() {
    return Mail.from(ME)
        .to(PROF)
        .subject("Research year in PM&R")
        .date(T0)
        .body("Dear Dr. Lee,\n\nI read your paper on gait retraining.\n")
        .build();
  }

  @Test
  void ordinaryMessageParsesWithEveryHeader() throws Exception {
    Mail m =
        Mail.from(ME)
            .to(PROF)
            .cc("coordinator@uni.example.edu")
            .subject("Research year")
            .date(ZonedDateTime.of(2025, 3, 3, 9, 0, 0, 0, ZoneId.of("America/Chicago")))
            .body("Hi")
            .build();
    MimeMessage parsed = parse(m);
    assertEquals("Research year", parsed.getSubject());
    assertEquals("asha@example.org", ((InternetAddress) parsed.getFrom()[0]).getAddress());
    assertEquals("coordinator@uni.example.edu", parsed.getHeader("Cc")[0]);
    assertEquals(m.messageId(), parsed.getMessageID());
    assertTrue(parsed.getHeader("Date")[0].endsWith("-0600"), parsed.getHeader("Date")[0]);
    assertEquals(m.date(), parsed.getSentDate().toInstant());
    assertTrue(m.text().contains("\r\n\r\nHi\r\n"));
    assertTrue(m.text().lines().allMatch(l -> l.length() <= 78), m.text());
  }

  @Test
  void generatedMessageIdsAreUniqueAndUseTheSendersDomain() {
    Mail a = outreach();
    Mail b = outreach();
    assertNotEquals(a.messageId(), b.messageId());
    assertTrue(a.messageId().matches("<[^<>@]+@example\\.org>"), a.messageId());
  }

  @Test
  void replyThreadsUnderTheOriginalWithAGrowingReferencesChain() throws Exception {
    Mail ask = outreach();
    Mail answer =
        ask.reply("lee@uni.example.edu")
            .date(T0.plus(Duration.ofDays(3)))
            .body("Happy to talk.")
            .build();
    Mail thanks = answer.reply(ME).date(T0.plus(Duration.ofDays(4))).body("Thank you!").build();
    assertEquals(ask.messageId(), answer.inReplyTo());
    assertEquals(List.of(ask.messageId()), answer.references());
    assertEquals(answer.messageId(), thanks.inReplyTo());
    assertEquals(List.of(ask.messageId(), answer.messageId()), thanks.references());
    assertEquals("Re: Research year in PM&R", thanks.subject());
    assertEquals(List.of(ME), answer.to());
    assertEquals(List.of("lee@uni.example.edu"), thanks.to());
    MimeMessage parsed = parse(thanks);
    assertEquals(
        ask.messageId() + " " + answer.messageId(),
        parsed.getHeader("References", " ").replaceAll("\\s+", " "));
    String body = (String) parsed.getContent();
    assertTrue(body.startsWith("Thank you!"), body);
    assertTrue(body.contains("> Happy to talk."), body);
    assertTrue(body.contains(">> Dear Dr. Lee,"), body);
  }

  @Test
  void followUpToOnesOwnMessageGoesToTheSameRecipients() {
    Mail ask =
        Mail.from(ME).to(PROF).cc("chief@uni.example.edu").subject("Question").date(T0).build();
    Mail followUp =
        ask.reply("asha@example.org")
            .date(T0.plus(Duration.ofDays(14)))
            .body("Following up on my note below.")
            .build();
    assertEquals(List.of(PROF), followUp.to());
    assertEquals(List.of("chief@uni.example.edu"), followUp.cc());
    assertEquals(ask.messageId(), followUp.inReplyTo());
  }

  @Test
  void replyToAMessageWithoutReferencesFallsBackToItsInReplyTo() {
    Mail ask = outreach();
    Mail stripped =
        Mail.from(PROF)
            .to(ME)
            .subject("Re: x")
            .date(T0.plusSeconds(60))
            .inReplyTo(ask.messageId())
            .build();
    Mail next = stripped.reply(ME).date(T0.plusSeconds(120)).build();
    assertEquals(List.of(ask.messageId(), stripped.messageId()), next.references());
  }

  @Test
  void eachAutoReplyKindCarriesExactlyItsOwnSignal() throws Exception {
    Mail ask = outreach();
    for (Mail.AutoReply kind : Mail.AutoReply.values()) {
      Mail away = ask.autoReply(kind).date(T0.plusSeconds(30)).build();
      MimeMessage p = parse(away);
      boolean autoSubmitted = p.getHeader("Auto-Submitted") != null;
      boolean xAutoreply = p.getHeader("X-Autoreply") != null;
      boolean precedence = p.getHeader("Precedence") != null;
      boolean outOfOffice = away.subject().matches("(Out of office|Automatic reply): .*");
      assertEquals(
          kind == Mail.AutoReply.RFC3834 || kind == Mail.AutoReply.VACATION,
          autoSubmitted,
          kind.toString());
      assertEquals(
          kind == Mail.AutoReply.X_AUTOREPLY || kind == Mail.AutoReply.VACATION,
          xAutoreply,
          kind.toString());
      assertEquals(
          kind == Mail.AutoReply.PRECEDENCE || kind == Mail.AutoReply.VACATION,
          precedence,
          kind.toString());
      assertEquals(
          kind == Mail.AutoReply.OUT_OF_OFFICE_SUBJECT
              || kind == Mail.AutoReply.AUTOMATIC_REPLY_SUBJECT
              || kind == Mail.AutoReply.VACATION,
          outOfOffice,
          kind.toString());
      assertEquals(ask.messageId(), away.inReplyTo(), "threads like a reply: " + kind);
      assertEquals("lee@uni.example.edu", away.fromAddress());
    }
    assertEquals(
        "auto-replied",
        parse(ask.autoReply(Mail.AutoReply.RFC3834).date(T0).build())
            .getHeader("Auto-Submitted")[0]);
    assertEquals(
        "auto_reply",
        parse(ask.autoReply(Mail.AutoReply.PRECEDENCE).date(T0).build())
            .getHeader("Precedence")[0]);
  }

  @Test
  void bounceIsADeliveryStatusReportNamingTheOriginal() throws Exception {
    Mail ask = outreach();
    Mail bounce = ask.bounce("lee@uni.example.edu", true).date(T0.plusSeconds(5)).build();
    MimeMessage p = parse(bounce);
    assertTrue(p.getContentType().startsWith("multipart/report"), p.getContentType());
    assertTrue(p.getContentType().contains("report-type=delivery-status"), p.getContentType());
    assertNull(bounce.inReplyTo());
    MimeMultipart parts = (MimeMultipart) p.getContent();
    assertEquals(3, parts.getCount());
    assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
    BodyPart status = parts.getBodyPart(1);
    assertTrue(status.isMimeType("message/delivery-status"), status.getContentType());
    String report = text(status);
    assertTrue(report.contains("Final-Recipient: rfc822; lee@uni.example.edu"), report);
    assertTrue(report.contains("Original-Message-ID: " + ask.messageId()), report);
    assertTrue(report.contains("Action: failed"), report);
    assertTrue(report.contains("Status: 5.1.1"), report);
    BodyPart headers = parts.getBodyPart(2);
    assertTrue(headers.isMimeType("text/rfc822-headers"), headers.getContentType());
    String original = text(headers);
    assertTrue(original.contains("Message-ID: " + ask.messageId()), original);
    assertTrue(original.contains("Subject: Research year in PM&R"), original);
    assertTrue(!original.contains("gait retraining"), "headers only");
  }

  @Test
  void bounceCanLeaveTheRecipientAsTheOnlyClue() throws Exception {
    Mail ask = outreach();
    Mail bounce = ask.bounce(PROF, false).date(T0.plusSeconds(5)).build();
    assertTrue(!bounce.text().contains(ask.messageId()), bounce.text());
    assertTrue(bounce.text().contains("Final-Recipient: rfc822; lee@uni.example.edu"));
  }

  @Test
  void mailingListMailSaysSo() throws Exception {
    Mail m =
        Mail.from("PM&R Residents <list@lists.example.org>")
            .to("asha@example.org")
            .subject("[pmr] Weekly digest")
            .date(T0)
            .mailingList("pmr-residents.lists.example.org")
            .build();
    MimeMessage p = parse(m);
    assertEquals("<pmr-residents.lists.example.org>", p.getHeader("List-Id")[0]);
    assertEquals("list", p.getHeader("Precedence")[0]);
  }

  @Test
  void brokenMessagesAreWrittenAsAsked() throws Exception {
    Mail garbage =
        Mail.from("Dr. Smith <smith@@uni")
            .to("not an address")
            .subject("x")
            .date(T0)
            .header("Date", "next Tuesday-ish")
            .noMessageId()
            .build();
    assertTrue(garbage.text().startsWith("Date: next Tuesday-ish\r\n"), garbage.text());
    assertTrue(garbage.text().contains("\r\nFrom: Dr. Smith <smith@@uni\r\n"), garbage.text());
    assertTrue(!garbage.text().toLowerCase().contains("message-id"), garbage.text());
    assertNull(garbage.messageId());
    assertEquals(T0, garbage.date(), "the chosen date survives for INTERNALDATE");
    MimeMessage parsed = parse(garbage);
    assertNull(parsed.getSentDate());

    Mail a =
        Mail.from(ME)
            .to(PROF)
            .subject("loop")
            .date(T0)
            .messageId("a@loop.example")
            .references(List.of("<b@loop.example>"))
            .build();
    Mail b =
        Mail.from(PROF)
            .to(ME)
            .subject("loop")
            .date(T0)
            .messageId("<b@loop.example>")
            .references(List.of("<a@loop.example>", "<b@loop.example>"))
            .build();
    assertEquals("<a@loop.example>", a.messageId());
    assertTrue(b.text().contains("References: <a@loop.example> <b@loop.example>"));

    Mail noDate = Mail.from(ME).to(PROF).subject("undated").date(T0).without("Date").build();
    assertTrue(!noDate.text().contains("Date:"), noDate.text());
  }

  @Test
  void fiveThousandReferencesAreFoldedIntoLegalLines() throws Exception {
    List<String> ids = Mail.generatedMessageIds(5000, "example.net");
    Mail huge = Mail.from(ME).to(PROF).subject("Re: long").date(T0).references(ids).build();
    assertTrue(huge.text().lines().allMatch(l -> l.length() <= 998));
    assertEquals(5000, parse(huge).getHeader("References", " ").trim().split("\\s+").length);
    assertEquals(5000, huge.references().size());
  }

  @Test
  void nonAsciiNamesAndSubjectsAreEncoded() throws Exception {
    Mail m =
        Mail.from(Mail.address("José Núñez", "jose@example.org"))
            .to("Ünal <u@example.de>")
            .subject("Forschungsjahr – Frage")
            .date(T0)
            .body("Grüße")
            .build();
    assertTrue(
        m.text().chars().limit(m.text().indexOf("\r\n\r\n")).allMatch(c -> c < 128),
        "header is ASCII: " + m.text());
    MimeMessage p = parse(m);
    assertEquals("Forschungsjahr – Frage", p.getSubject());
    assertEquals("José Núñez", ((InternetAddress) p.getFrom()[0]).getPersonal());
    assertEquals(
        "Ünal", ((InternetAddress) p.getRecipients(MimeMessage.RecipientType.TO)[0]).getPersonal());
    assertEquals("Grüße\r\n", p.getContent());
    assertArrayEquals(m.bytes(), m.text().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void everyDateIsChosenByTheTest() {
    assertThrows(IllegalStateException.class, () -> Mail.from(ME).to(PROF).build());
  }

  private static MimeMessage parse(Mail m) throws MessagingException {
    return new MimeMessage(
        Session.getInstance(new Properties()), new ByteArrayInputStream(m.bytes()));
  }

  private static String text(BodyPart part) throws IOException, MessagingException {
    return new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
