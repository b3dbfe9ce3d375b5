package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.FaultyProxy;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults against a real Dovecot: deletion during the fetch, a cut connection, TLS mismatches, a
 * refused login.
 */
class MailboxReaderDovecotTest {

  private static final String ME = "Chidinma Okeke <chidinma@example.org>";
  private static final int MESSAGES = 2500;

  @RegisterExtension
  static final DovecotServer plain =
      DovecotServer.builder().user("del", "pw-del").user("cut", "pw-cut").build();

  @RegisterExtension
  static final DovecotServer wrongName =
      DovecotServer.builder().user("tls", "pw-tls").tlsCertificateFor("mail.example.net").build();

  @RegisterExtension
  static final DovecotServer oneConnection =
      DovecotServer.builder()
          .user("ref", "pw-ref")
          .setting("mail_max_userip_connections", "1")
          .build();

  @TempDir Path cache;

  @BeforeAll
  static void seed() {
    for (String user : new String[] {"del", "cut"}) {
      try (MaildirBuilder box = plain.maildir(user)) {
        Mail first =
            Mail.from(ME)
                .to("lee@uni.edu")
                .subject("Observership")
                .date(Instant.parse("2026-01-05T09:00:00Z"))
                .body("Could we talk?")
                .build();
        box.add(plain.sentFolder(), first);
        for (int i = 0; i < MESSAGES; i++) {
          box.add(
              "INBOX",
              Mail.from("news@lists.example.org")
                  .to(ME)
                  .subject("Digest " + i)
                  .mailingList("pmr.lists.example.org")
                  .date(Instant.parse("2026-01-06T09:00:00Z").plusSeconds(i))
                  .body("News.")
                  .build());
        }
        box.add(
            "INBOX",
            first
                .reply("lee@uni.edu")
                .date(Instant.parse("2026-01-10T09:00:00Z"))
                .body("Yes.")
                .build());
      }
    }
  }

  private MailboxReader reader() {
    return new MailboxReader(
        ImapOptions.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15)),
        new SyncCache(cache));
  }

  private static ImapUrl url(DovecotServer s, String user, DovecotServer.Security security)
      throws ImapException {
    return ImapUrl.parse(s.url(user, security));
  }

  @Test
  void aMessageDeletedDuringTheFetchIsSkippedAndTheNextRunIsExact() throws Exception {
    AtomicBoolean deleted = new AtomicBoolean();
    SyncListener deleteMidway =
        new SyncListener() {
          @Override
          public void progress(String folder, int done, int total) {
            if (folder.equals("INBOX") && done < total && deleted.compareAndSet(false, true)) {
              try (IMAPStore other = plain.connect("del", DovecotServer.Security.PLAIN)) {
                IMAPFolder inbox = (IMAPFolder) other.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message[] later = inbox.getMessages(done + 200, done + 209); // ten not yet fetched
                inbox.setFlags(later, new Flags(Flags.Flag.DELETED), true);
                inbox.close(true);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }
          }
        };
    MailboxSnapshot snap =
        reader()
            .read(
                url(plain, "del", DovecotServer.Security.PLAIN),
                Credentials.password("pw-del"),
                deleteMidway);
    assertTrue(deleted.get());
    assertEquals(MESSAGES + 2 - 10, snap.messages().size());
    assertTrue(snap.correspondence().history("lee@uni.edu").orElseThrow().hasReplied());
    MailboxSnapshot again =
        reader()
            .read(
                url(plain, "del", DovecotServer.Security.PLAIN),
                Credentials.password("pw-del"),
                SyncListener.NONE);
    assertEquals(MESSAGES + 2 - 10, again.messages().size());
    try (IMAPStore s = plain.connect("del", DovecotServer.Security.PLAIN)) {
      IMAPFolder inbox = (IMAPFolder) s.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      for (Message m : inbox.getMessages()) {
        assertFalse(m.isSet(Flags.Flag.SEEN));
      }
      inbox.close(false);
    }
  }

  @Test
  void aConnectionCutMidSyncIsOneLineAndLeavesNoWrongAnswer() throws Exception {
    try (FaultyProxy proxy = FaultyProxy.start(DovecotServer.HOST, plain.port())) {
      ImapUrl viaProxy = ImapUrl.parse("imap://cut@127.0.0.1:" + proxy.port());
      SyncListener cut =
          new SyncListener() {
            @Override
            public void progress(String folder, int done, int total) {
              if (folder.equals("INBOX")) {
                proxy.cutAll();
              }
            }
          };
      ImapException e =
          assertThrows(
              ImapException.class,
              () -> reader().read(viaProxy, Credentials.password("pw-cut"), cut));
      assertEquals(ImapException.Reason.UNREACHABLE, e.reason(), e.getMessage());
      assertFalse(e.getMessage().contains("\n"));
      MailboxSnapshot after =
          reader().read(viaProxy, Credentials.password("pw-cut"), SyncListener.NONE);
      assertEquals(MESSAGES + 2, after.messages().size());
      assertTrue(after.correspondence().history("lee@uni.edu").orElseThrow().hasReplied());
    }
  }

  @Test
  void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
    MailboxReader trusting =
        new MailboxReader(
            ImapOptions.DEFAULTS.withSocketFactory(wrongName.sslContext().getSocketFactory()),
            new SyncCache(cache));
    for (DovecotServer.Security sec :
        new DovecotServer.Security[] {
          DovecotServer.Security.IMAPS, DovecotServer.Security.STARTTLS
        }) {
      ImapException e =
          assertThrows(
              ImapException.class,
              () ->
                  trusting.read(
                      url(wrongName, "tls", sec),
                      Credentials.password("pw-tls"),
                      SyncListener.NONE),
              sec.name());
      assertEquals(ImapException.Reason.TLS, e.reason(), sec + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("does not match 127.0.0.1"), e.getMessage());
    }
  }

  @Test
  void anUntrustedCertificateIsRefused() throws Exception {
    ImapException e =
        assertThrows(
            ImapException.class,
            () ->
                reader()
                    .read(
                        url(wrongName, "tls", DovecotServer.Security.IMAPS),
                        Credentials.password("pw-tls"),
                        SyncListener.NONE));
    assertEquals(ImapException.Reason.TLS, e.reason(), e.getMessage());
  }

  @Test
  void aServerThatRefusesTheLoginIsALoginFailure() throws Exception {
    ImapException e;
    try (IMAPStore holding = oneConnection.connect("ref", DovecotServer.Security.PLAIN)) {
      e =
          assertThrows(
              ImapException.class,
              () ->
                  reader()
                      .read(
                          url(oneConnection, "ref", DovecotServer.Security.PLAIN),
                          Credentials.password("pw-ref"),
                          SyncListener.NONE));
    }
    assertEquals(ImapException.Reason.LOGIN_FAILED, e.reason(), e.getMessage());
    assertFalse(e.getMessage().contains("pw-ref"));
    assertFalse(e.getMessage().contains("\n"));
  }
}
