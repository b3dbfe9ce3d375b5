package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.GreenMailServer;
import dev.rapport.track.ContactHistory;
import dev.rapport.track.MessageSummary;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first bytes of the user's latest messages, read for many messages at once from their
 * BODYSTRUCTURE, are what Angus's own parts give for each message: whatever the MIME shape,
 * transfer encoding and charset.
 */
class MailboxTextsTest {

  private static final String ME = "chidinma@example.org";
  private static final String PASSWORD = "pw-Texts-5";

  @RegisterExtension final GreenMailServer greenMail = new GreenMailServer().user(ME, PASSWORD);

  /** The body (headers from Content-Type on, then the body) of each contact's latest message. */
  private static final Map<String, String> SHAPES = new LinkedHashMap<>();

  static {
    SHAPES.put(
        "alternative@uni.edu",
        "Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n"
            + "--b1\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "Caf=E9 on Friday? Could we talk for ten minutes=3F\r\n"
            + "--b1\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<p>Not this one</p>\r\n--b1--\r\n");
    SHAPES.put(
        "html@uni.edu",
        "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + java.util.Base64.getMimeEncoder()
                .encodeToString(
                    "<html><body><p>Thank you &amp; best wishes, José</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8))
            + "\r\n");
    SHAPES.put(
        "mixed@uni.edu",
        "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
            + "--m\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=cv.txt\r\n\r\n"
            + "My CV, not the message.\r\n"
            + "--m\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n"
            + "--a\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            + "Would a call on Tuesday suit you? — Chidinma\r\n"
            + "--a\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--a--\r\n--m--\r\n");
    SHAPES.put(
        "long@uni.edu",
        "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "Thank you for the advice. ".repeat(600)
            + "\r\n");
    SHAPES.put(
        "pdf@uni.edu",
        "Content-Type: multipart/mixed; boundary=\"p\"\r\n\r\n"
            + "--p\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + "JVBERi0xLjQK\r\n"
            + "--p\r\nContent-Type: text/html; charset=\"windows-1252\"\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            + "<p>Caf=E9 or a call=3F</p>\r\n--p--\r\n");
  }

  private void append(String folder, String raw, String when) {
    greenMail.append(
        ME, folder, raw.getBytes(StandardCharsets.UTF_8), Instant.parse(when), new Flags());
  }

  @Test
  void textsReadTogetherAreWhatAngusReadsOfEachMessage() throws Exception {
    int n = 0;
    for (Map.Entry<String, String> s : SHAPES.entrySet()) {
      String who = s.getKey();
      n++;
      append(
          "Sent",
          "From: "
              + ME
              + "\r\nTo: "
              + who
              + "\r\nSubject: Question "
              + n
              + "\r\nMessage-ID: <q"
              + n
              + "@me>\r\nDate: Mon, 5 Jan 2026 10:00:00 +0000\r\n\r\nHello?\r\n",
          "2026-01-05T10:00:00Z");
      append(
          "INBOX",
          "From: "
              + who
              + "\r\nTo: "
              + ME
              + "\r\nSubject: Re: Question "
              + n
              + "\r\nMessage-ID: <r"
              + n
              + "@uni>\r\nIn-Reply-To: <q"
              + n
              + "@me>\r\nDate: Tue, 6 Jan 2026 10:00:00 +0000\r\n\r\nSure.\r\n",
          "2026-01-06T10:00:00Z");
      append(
          "Sent",
          "From: "
              + ME
              + "\r\nTo: "
              + who
              + "\r\nSubject: Re: Question "
              + n
              + "\r\nMessage-ID: <t"
              + n
              + "@me>\r\nIn-Reply-To: <r"
              + n
              + "@uni>\r\nDate: Wed, 7 Jan 2026 10:00:00 +0000\r\nMIME-Version: 1.0\r\n"
              + s.getValue(),
          "2026-01-07T10:00:00Z");
    }
    MailboxSnapshot snap =
        new MailboxReader(ImapOptions.DEFAULTS, new SyncCache(null))
            .read(
                ImapUrl.parse("imap://" + ME + "@127.0.0.1:" + greenMail.imapPort()),
                Credentials.password(PASSWORD),
                SyncListener.NONE);
    int max = ImapOptions.DEFAULTS.textBytes();
    try (IMAPStore store = greenMail.connect(ME)) {
      IMAPFolder sent = (IMAPFolder) store.getFolder("Sent");
      sent.open(Folder.READ_ONLY);
      for (String who : SHAPES.keySet()) {
        ContactHistory h = snap.correspondence().history(who).orElseThrow();
        MessageSummary latest = h.latestSent().orElseThrow();
        Message m = sent.getMessageByUID(latest.uid());
        ((IMAPMessage) m).setPeek(true);
        String angus = MailboxReader.text(m, max);
        assertNotNull(angus, who);
        assertEquals(angus, snap.text(latest).orElse(null), who);
      }
    }
    assertTrue(
        snap.text(latestOf(snap, "alternative@uni.edu"))
            .orElseThrow()
            .startsWith("Café on Friday?"));
    assertTrue(
        snap.text(latestOf(snap, "html@uni.edu"))
            .orElseThrow()
            .contains("Thank you & best wishes, José"));
    assertTrue(
        snap.text(latestOf(snap, "mixed@uni.edu"))
            .orElseThrow()
            .startsWith("Would a call on Tuesday"));
    assertEquals(max, snap.text(latestOf(snap, "long@uni.edu")).orElseThrow().length());
    assertTrue(snap.text(latestOf(snap, "pdf@uni.edu")).orElseThrow().contains("Café or a call?"));
  }

  private static MessageSummary latestOf(MailboxSnapshot snap, String who) {
    return snap.correspondence().history(who).orElseThrow().latestSent().orElseThrow();
  }
}
