package dev.rapport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.testing.DovecotServer.Security;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DovecotServerTest {
  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @RegisterExtension
  static final DovecotServer dovecot =
      DovecotServer.builder()
          .user("asha@example.org", "s3cret \"quoted\"")
          .user("bob", "bob-pw")
          .user("carol", "carol-pw")
          .tls()
          .build();

  @Test
  void plainLoginWorksWithoutTls() throws Exception {
    try (IMAPStore store = dovecot.connect("carol", Security.PLAIN)) {
      assertTrue(store.isConnected());
      assertFalse(store.isSSL());
    }
    assertTrue(
        dovecot
            .log()
            .lines()
            .anyMatch(l -> l.contains("Login: user=<carol>") && !l.contains("TLS")),
        dovecot.log());
  }

  @Test
  void startTlsLoginWorksWithTheGeneratedCertificate() throws Exception {
    try (IMAPStore store = dovecot.connect("bob", Security.STARTTLS)) {
      assertTrue(store.isConnected());
    }
    assertTrue(
        dovecot.log().lines().anyMatch(l -> l.contains("Login: user=<bob>") && l.contains("TLS")),
        dovecot.log());
  }

  @Test
  void imapsLoginWorksWithTheGeneratedCertificate() throws Exception {
    try (IMAPStore store = dovecot.connect("asha@example.org", Security.IMAPS)) {
      assertTrue(store.isSSL());
      assertTrue(store.getFolder("INBOX").exists());
    }
  }

  @Test
  void untrustedCertificateIsRefusedOverImapsAndStartTls() {
    for (Security security : List.of(Security.IMAPS, Security.STARTTLS)) {
      MessagingException e =
          assertThrows(MessagingException.class, () -> login("bob", security, false, null));
      assertTrue(causes(e).contains("PKIX"), security + ": " + causes(e));
    }
  }

  @Test
  void trustStoreFileMakesTheCertificateTrusted(@TempDir Path dir) throws Exception {
    Path file = dovecot.writeTrustStore(dir.resolve("trust.p12"));
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, DovecotServer.TRUST_STORE_PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    for (Security security : List.of(Security.IMAPS, Security.STARTTLS)) {
      try (IMAPStore store = login("bob", security, false, ctx)) {
        assertTrue(store.isConnected(), security.toString());
      }
    }
  }

  @Test
  void certificateForAnotherHostIsRefusedEvenWhenTrusted() throws Exception {
    try (DovecotServer other =
        DovecotServer.builder().tlsCertificateFor("mail.example.net").build().start()) {
      String user = DovecotServer.DEFAULT_USER;
      assertThrows(MessagingException.class, () -> other.connect(user, Security.IMAPS));
      // The same trusted certificate passes once the host name is not checked: the name did it.
      Properties props = other.sessionProperties(Security.IMAPS, true);
      props.setProperty("mail.imaps.ssl.checkserveridentity", "false");
      try (IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imaps")) {
        store.connect(DovecotServer.HOST, other.imapsPort(), user, other.password(user));
        assertTrue(store.isConnected());
      }
    }
  }

  @Test
  void wrongPasswordIsRefused() {
    Properties props = dovecot.sessionProperties(Security.PLAIN, false);
    assertThrows(
        AuthenticationFailedException.class,
        () -> {
          try (IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap")) {
            store.connect(DovecotServer.HOST, dovecot.port(), "bob", "wrong");
          }
        });
  }

  @Test
  void specialUseFoldersCarryTheirAttributes() throws Exception {
    try (IMAPStore store = dovecot.connect("bob", Security.PLAIN)) {
      assertAttribute(store, dovecot.sentFolder(), "\\Sent");
      assertAttribute(store, dovecot.trashFolder(), "\\Trash");
      assertAttribute(store, dovecot.junkFolder(), "\\Junk");
      assertAttribute(store, dovecot.draftsFolder(), "\\Drafts");
      assertEquals("Gesendet", dovecot.sentFolder());
      assertEquals("Entwürfe", dovecot.draftsFolder());
      for (String filing : dovecot.filingFolders()) {
        IMAPFolder f = (IMAPFolder) store.getFolder(filing);
        assertTrue(f.exists(), filing);
        assertFalse(Arrays.asList(f.getAttributes()).contains("\\Sent"), filing);
      }
    }
  }

  @Test
  void capabilitiesIncludeWhatTrackingUses() throws Exception {
    try (IMAPStore store = dovecot.connect("bob", Security.PLAIN)) {
      for (String cap : List.of("IDLE", "CONDSTORE", "QRESYNC", "SPECIAL-USE", "UIDPLUS")) {
        assertTrue(store.hasCapability(cap), cap);
      }
    }
  }

  @Test
  void usersHaveSeparateMailboxes() throws Exception {
    Mail m =
        Mail.from("x@example.com").to("asha@example.org").subject("only asha").date(T0).build();
    dovecot.append("asha@example.org", "Archiv", m, new Flags());
    try (IMAPStore store = dovecot.connect("carol", Security.PLAIN)) {
      IMAPFolder archive = Imap.examine(store, "Archiv");
      assertEquals(0, archive.getMessageCount());
      archive.close(false);
    }
  }

  @Test
  void maildirMessagesAppearWithFlagsKeywordsAndInternalDate() throws Exception {
    Mail first =
        Mail.from("Asha <asha@example.org>")
            .to("lee@uni.example.edu")
            .subject("Research year")
            .date(T0)
            .build();
    Mail second = first.reply("asha@example.org").date(T0.plus(Duration.ofDays(14))).build();
    Flags seenAndTagged = new Flags(Flags.Flag.SEEN);
    seenAndTagged.add("$FollowUpDue");
    try (MaildirBuilder box = dovecot.maildir("bob")) {
      box.add("Residency/Programs", first, new Flags(Flags.Flag.SEEN));
      box.add("Residency/Programs", second, seenAndTagged);
      box.add(dovecot.draftsFolder(), first, new Flags(Flags.Flag.DRAFT));
    }
    try (IMAPStore store = dovecot.connect("bob", Security.PLAIN)) {
      IMAPFolder f = Imap.examine(store, "Residency/Programs");
      Message[] msgs = f.getMessages();
      FetchProfile fp = new FetchProfile();
      fp.add(UIDFolder.FetchProfileItem.UID);
      fp.add(FetchProfile.Item.FLAGS);
      fp.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
      fp.add("Message-ID");
      f.fetch(msgs, fp);
      assertEquals(2, msgs.length);
      assertEquals(first.messageId(), msgs[0].getHeader("Message-ID")[0]);
      assertEquals(second.messageId(), msgs[1].getHeader("Message-ID")[0]);
      assertTrue(f.getUID(msgs[0]) < f.getUID(msgs[1]), "UIDs follow the order of adding");
      assertEquals(T0, msgs[0].getReceivedDate().toInstant());
      assertEquals(T0.plus(Duration.ofDays(14)), msgs[1].getReceivedDate().toInstant());
      assertTrue(msgs[0].isSet(Flags.Flag.SEEN));
      assertFalse(msgs[0].getFlags().contains("$FollowUpDue"));
      assertTrue(msgs[1].getFlags().contains("$FollowUpDue"), msgs[1].getFlags().toString());
      f.close(false);
      IMAPFolder drafts = Imap.examine(store, dovecot.draftsFolder());
      assertTrue(drafts.getMessage(1).isSet(Flags.Flag.DRAFT));
      drafts.close(false);
    }
  }

  @Test
  void idleSeesAnAppendFromAnotherConnection() throws Exception {
    try (IMAPStore watcher = dovecot.connect("carol", Security.PLAIN)) {
      IMAPFolder inbox = Imap.examine(watcher, "INBOX");
      int before = inbox.getMessageCount();
      CountDownLatch arrived = new CountDownLatch(1);
      inbox.addMessageCountListener(
          new MessageCountAdapter() {
            @Override
            public void messagesAdded(MessageCountEvent e) {
              arrived.countDown();
            }
          });
      AtomicReference<Throwable> failure = new AtomicReference<>();
      Thread idler =
          new Thread(
              () -> {
                try {
                  inbox.idle(true);
                } catch (Throwable t) {
                  failure.set(t);
                }
              },
              "idle-test");
      idler.start();
      Mail m =
          Mail.from("lee@uni.example.edu")
              .to("carol@example.org")
              .subject("Re: hi")
              .date(T0)
              .build();
      dovecot.append("carol", "INBOX", m, new Flags());
      assertTrue(arrived.await(10, TimeUnit.SECONDS), "no EXISTS during IDLE");
      idler.join(10_000);
      assertFalse(idler.isAlive());
      assertEquals(null, failure.get());
      assertEquals(before + 1, inbox.getMessageCount());
      inbox.close(false);
    }
  }

  @Test
  void idleNotifyIntervalIsTunable() throws Exception {
    try (DovecotServer quick =
            DovecotServer.builder().setting("imap_idle_notify_interval", "1 secs").build().start();
        Socket s = new Socket(DovecotServer.HOST, quick.port())) {
      s.setSoTimeout(10_000);
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      OutputStream out = s.getOutputStream();
      in.readLine();
      out.write(
          ("a LOGIN "
                  + DovecotServer.DEFAULT_USER
                  + " "
                  + DovecotServer.DEFAULT_PASSWORD
                  + "\r\nb SELECT INBOX\r\nc IDLE\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      List<String> seen = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null && !line.startsWith("+ idling")) {
        seen.add(line);
      }
      assertTrue(line != null, "no IDLE continuation: " + seen);
      assertEquals("* OK Still here", in.readLine());
    }
  }

  @Test
  void restartKeepsPortAndData() throws Exception {
    try (DovecotServer server = DovecotServer.builder().build().start()) {
      String user = DovecotServer.DEFAULT_USER;
      Mail m =
          Mail.from("lee@uni.example.edu")
              .to(user + "@example.org")
              .subject("kept")
              .date(T0)
              .build();
      long uid = server.append(user, "INBOX", m, new Flags(Flags.Flag.SEEN));
      long validity;
      try (IMAPStore store = server.connect(user, Security.PLAIN)) {
        IMAPFolder inbox = Imap.examine(store, "INBOX");
        validity = inbox.getUIDValidity();
        inbox.close(false);
      }
      int port = server.port();
      server.stop();
      assertFalse(server.isRunning());
      assertThrows(ConnectException.class, () -> new Socket(DovecotServer.HOST, port).close());
      server.start();
      assertEquals(port, server.port());
      try (IMAPStore store = server.connect(user, Security.PLAIN)) {
        IMAPFolder inbox = Imap.examine(store, "INBOX");
        assertEquals(validity, inbox.getUIDValidity());
        Message kept = inbox.getMessageByUID(uid);
        assertEquals("kept", kept.getSubject());
        assertTrue(kept.isSet(Flags.Flag.SEEN));
        inbox.close(false);
      }
    }
  }

  @Test
  void stopEndsEveryDovecotProcessAndCutsClients() throws Exception {
    DovecotServer server = DovecotServer.builder().build().start();
    Path dir = server.directory();
    try (IMAPStore store = server.connect(DovecotServer.DEFAULT_USER, Security.PLAIN)) {
      Folder inbox = Imap.examine(store, "INBOX");
      long master =
          Long.parseLong(Files.readString(server.directory().resolve("base/master.pid")).strip());
      List<ProcessHandle> all =
          new ArrayList<>(ProcessHandle.of(master).orElseThrow().descendants().toList());
      all.add(ProcessHandle.of(master).orElseThrow());
      assertTrue(all.size() > 3, "master and its services: " + all);
      server.stop();
      for (ProcessHandle h : all) {
        h.onExit().get(10, TimeUnit.SECONDS); // Gone, or at worst a zombie awaiting its reaper.
      }
      assertThrows(MessagingException.class, () -> noop(inbox));
    } finally {
      server.close();
    }
    assertFalse(Files.exists(dir), "close() removes the temp folder");
  }

  @Test
  void cutAndStallThroughTheProxyReachAngus() throws Exception {
    try (FaultyProxy proxy = FaultyProxy.start(DovecotServer.HOST, dovecot.port())) {
      Properties props = dovecot.sessionProperties(Security.PLAIN, false);
      props.setProperty("mail.imap.port", Integer.toString(proxy.port()));
      props.setProperty("mail.imap.timeout", "500");
      Session session = Session.getInstance(props);
      try (IMAPStore store = (IMAPStore) session.getStore("imap")) {
        store.connect(DovecotServer.HOST, proxy.port(), "bob", "bob-pw");
        Folder inbox = Imap.examine(store, "INBOX");
        noop(inbox);
        proxy.cutAll();
        assertThrows(FolderClosedException.class, () -> noop(inbox));
      }
      assertEquals(0, proxy.openConnections());
      int before = proxy.connectionCount();
      try (IMAPStore store = (IMAPStore) session.getStore("imap")) {
        store.connect(DovecotServer.HOST, proxy.port(), "bob", "bob-pw");
        Folder inbox = Imap.examine(store, "INBOX");
        proxy.stall(FaultyProxy.Direction.BOTH);
        // A stalled link raises no error by itself: only the client's read timeout notices it.
        assertEquals(before + 1, proxy.openConnections() + before);
        MessagingException e = assertThrows(MessagingException.class, () -> noop(inbox));
        assertTrue(causes(e).contains("timed out"), causes(e));
        proxy.resume();
      }
    }
  }

  @Test
  void missingDovecotSkipsLocallyAndFailsUnderCi() {
    AssertionError e =
        assertThrows(
            AssertionError.class,
            () ->
                DovecotServer.requireOrSkip(
                    java.util.Optional.of(
                        "dovecot not installed: " + "apt-get install dovecot-imapd"),
                    "true"));
    assertTrue(e.getMessage().contains("apt-get install dovecot-imapd"), e.getMessage());
    assertThrows(
        org.opentest4j.TestAbortedException.class,
        () -> DovecotServer.requireOrSkip(java.util.Optional.of("missing"), null));
    DovecotServer.requireOrSkip(java.util.Optional.empty(), "true");
  }

  private static IMAPStore login(String user, Security security, boolean trust, SSLContext context)
      throws MessagingException {
    Properties props = dovecot.sessionProperties(security, trust);
    if (context != null) {
      props.put(
          "mail." + (security == Security.IMAPS ? "imaps" : "imap") + ".ssl.socketFactory",
          context.getSocketFactory());
    }
    IMAPStore store =
        (IMAPStore) Session.getInstance(props).getStore(props.getProperty("mail.store.protocol"));
    store.connect(DovecotServer.HOST, dovecot.port(security), user, dovecot.password(user));
    return store;
  }

  private static void noop(Folder folder) throws MessagingException {
    ((IMAPFolder) folder)
        .doCommand(
            p -> {
              p.noop();
              return null;
            });
  }

  private static void assertAttribute(IMAPStore store, String folder, String attribute)
      throws MessagingException {
    IMAPFolder f = (IMAPFolder) store.getFolder(folder);
    List<String> attributes = Arrays.asList(f.getAttributes());
    assertTrue(attributes.contains(attribute), folder + ": " + attributes);
  }

  private static String causes(Throwable t) {
    StringBuilder s = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      s.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" / ");
    }
    return s.toString();
  }
}
