package dev.rapport.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rapport.imap.Credentials;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.track.ContactState;
import dev.rapport.watch.StatusEvent;
import dev.rapport.watch.Watcher;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ListenForReplies} against GreenMail: a reply that arrives while it listens is heard, once.
 */
class ListenForRepliesTest {

  private static final String ME = "lan@example.org";
  private static final String PASSWORD = "pw-for-tests";

  private GreenMail greenMail;

  @BeforeEach
  void start() {
    greenMail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
    greenMail.start();
    greenMail.setUser(ME, ME, PASSWORD);
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private void append(String folder, Instant date, String headersAndBody) throws Exception {
    String raw =
        headersAndBody
            .replace(
                "DATE", DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atZone(ZoneOffset.UTC)))
            .replace("\n", "\r\n");
    try (Store s = Session.getInstance(new Properties()).getStore("imap")) {
      s.connect("127.0.0.1", greenMail.getImap().getPort(), ME, PASSWORD);
      Folder f = s.getFolder(folder);
      if (!f.exists()) {
        f.create(Folder.HOLDS_MESSAGES);
      }
      f.appendMessages(
          new Message[] {
            new MimeMessage(
                Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8))) {
              @Override
              public java.util.Date getReceivedDate() {
                return java.util.Date.from(date);
              }
            }
          });
    }
  }

  @Test
  void aReplyThatArrivesWhileListeningIsHeardOnce() throws Exception {
    Instant asked = Instant.now().minus(Duration.ofDays(3));
    append(
        "Sent",
        asked,
        "From: "
            + ME
            + "\nTo: Dr. Haddad <haddad@uni.example.edu>\nSubject: Two questions on pediatric rehab\n"
            + "Message-ID: <q1@example.org>\nDate: DATE\n\nCould I ask you two questions by email?\n");
    // Someone who answered before the watcher started is not news.
    append(
        "Sent",
        asked,
        "From: "
            + ME
            + "\nTo: Dr. Osei <osei@uni.example.edu>\nSubject: Stroke rehab research\n"
            + "Message-ID: <q2@example.org>\nDate: DATE\n\nWould you have 15 minutes?\n");
    append(
        "INBOX",
        asked.plus(Duration.ofDays(1)),
        "From: Dr. Osei <osei@uni.example.edu>\nTo: "
            + ME
            + "\nSubject: Re: Stroke rehab research\nMessage-ID: <a2@uni.example.edu>\nIn-Reply-To: <q2@example.org>\nDate: DATE\n\nYes.\n");

    BlockingQueue<StatusEvent> heard = new LinkedBlockingQueue<>();
    ImapUrl url = ImapUrl.parse("imap://" + ME + "@127.0.0.1:" + greenMail.getImap().getPort());
    try (Watcher watcher =
        ListenForReplies.watch(
            url, Credentials.password(PASSWORD), ImapOptions.DEFAULTS, heard::add)) {
      watcher.start();
      assertTrue(watcher.awaitFirstSync(Duration.ofSeconds(20)).isEmpty(), "first sync failed");
      assertNull(heard.poll(300, TimeUnit.MILLISECONDS), "an old reply was announced as news");

      append(
          "INBOX",
          Instant.now(),
          "From: Dr. Haddad <haddad@uni.example.edu>\nTo: "
              + ME
              + "\nSubject: Re: Two questions on pediatric rehab\nMessage-ID: <a1@uni.example.edu>\nIn-Reply-To: <q1@example.org>\n"
              + "Date: DATE\n\nOf course, ask away.\n");
      StatusEvent e = heard.poll(20, TimeUnit.SECONDS);
      assertNotNull(e, "the reply was not heard");
      assertEquals("haddad@uni.example.edu", e.contact());
      assertEquals("Dr. Haddad", e.name().orElse(null));
      assertEquals(ContactState.REPLIED, e.state());
      assertEquals(ContactState.AWAITING_REPLY, e.previous());
      assertNull(heard.poll(500, TimeUnit.MILLISECONDS), "heard twice");
    }
  }
}
