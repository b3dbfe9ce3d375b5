package dev.rapport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class GreenMailServerTest {
  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @RegisterExtension
  final GreenMailServer greenMail =
      new GreenMailServer().user("asha@example.org", "pw").user("lee", "pw2");

  @Test
  void appendedMessagesKeepInternalDateAndFlags() throws Exception {
    Mail m =
        Mail.from("asha@example.org").to("lee@uni.example.edu").subject("Hello").date(T0).build();
    Flags flags = new Flags(Flags.Flag.SEEN);
    flags.add("$FollowUpDue");
    long uid = greenMail.append("asha@example.org", "Sent", m, flags);
    try (IMAPStore store = greenMail.connect("asha@example.org")) {
      IMAPFolder sent = Imap.examine(store, "Sent");
      Message got = sent.getMessageByUID(uid);
      assertEquals("Hello", got.getSubject());
      assertEquals(T0, got.getReceivedDate().toInstant());
      assertTrue(got.isSet(Flags.Flag.SEEN));
      assertTrue(got.getFlags().contains("$FollowUpDue"));
      assertEquals(m.messageId(), got.getHeader("Message-ID")[0]);
      sent.close(false);
    }
  }

  @Test
  void foldersAreCreatedAndUsersSeparate() throws Exception {
    greenMail.createFolder("lee", "Archive").createFolder("lee", "Archive.2025");
    try (IMAPStore store = greenMail.connect("lee")) {
      assertTrue(store.getFolder("Archive").exists());
      assertTrue(store.getFolder("Archive.2025").exists());
    }
    try (IMAPStore store = greenMail.connect("asha@example.org")) {
      assertFalse(store.getFolder("Archive").exists());
    }
  }

  @Test
  void hasNoSpecialUseSoSentMustBeFoundByName() throws Exception {
    greenMail.createFolder("lee", "Sent");
    try (IMAPStore store = greenMail.connect("lee")) {
      IMAPFolder sent = (IMAPFolder) store.getFolder("Sent");
      assertFalse(Arrays.asList(sent.getAttributes()).contains("\\Sent"));
      assertFalse(store.hasCapability("SPECIAL-USE"));
      assertFalse(store.hasCapability("CONDSTORE"));
      assertTrue(store.hasCapability("IDLE"));
    }
  }

  @Test
  void idleSeesAMessageAddedDirectly() throws Exception {
    try (IMAPStore store = greenMail.connect("lee")) {
      IMAPFolder inbox = Imap.examine(store, "INBOX");
      CountDownLatch arrived = new CountDownLatch(1);
      inbox.addMessageCountListener(
          new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
              arrived.countDown();
            }
          });
      Thread idler =
          new Thread(
              () -> {
                try {
                  inbox.idle(true);
                } catch (Exception e) {
                  // Shows as a missed arrival below.
                }
              });
      idler.start();
      Mail m = Mail.from("asha@example.org").to("lee@localhost").subject("ping").date(T0).build();
      greenMail.append("lee", "INBOX", m, new Flags());
      assertTrue(arrived.await(10, TimeUnit.SECONDS));
      idler.join(10_000);
      inbox.close(false);
    }
  }

  @Test
  void smtpDeliversToTheInbox() throws Exception {
    Mail m = Mail.from("asha@example.org").to("lee@localhost").subject("via smtp").date(T0).build();
    Session session = Session.getInstance(greenMail.sessionProperties());
    MimeMessage msg = new MimeMessage(session, new ByteArrayInputStream(m.bytes()));
    Transport.send(msg);
    try (IMAPStore store = greenMail.connect("lee")) {
      IMAPFolder inbox = Imap.examine(store, "INBOX");
      assertEquals(1, inbox.getMessageCount());
      assertEquals("via smtp", inbox.getMessage(1).getSubject());
      inbox.close(false);
    }
  }

  @Test
  void urlNamesTheUserAndPort() {
    assertEquals(
        "imap://asha%40example.org@127.0.0.1:" + greenMail.imapPort(),
        greenMail.url("asha@example.org"));
  }
}
