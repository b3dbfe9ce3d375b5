package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rapport.lint.ThreadContext;
import dev.rapport.track.ContactHistory;
import dev.rapport.track.FolderRole;
import dev.rapport.track.MessageSummary;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader against GreenMail: fast, in-process, but without SPECIAL-USE (folders are found by
 * name).
 */
class MailboxReaderTest {

  private static final String PASSWORD = "s3cret-Pa55";

  @TempDir Path cacheDir;
  private GreenMail greenMail;
  private ImapUrl url;
  private final List<String> notices = new ArrayList<>();
  private final SyncListener listener =
      new SyncListener() {
        @Override
        public void notice(String message) {
          notices.add(message);
        }
      };

  @BeforeEach
  void start() throws Exception {
    greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", "imap").dynamicPort());
    greenMail.start();
    greenMail.setUser(Msg.ME, Msg.ME, PASSWORD);
    url = ImapUrl.parse("imap://" + Msg.ME + "@127.0.0.1:" + greenMail.getImap().getPort());
  }

  @AfterEach
  void stop() {
    greenMail.stop();
  }

  private Store client() throws Exception {
    Store s = Session.getInstance(new Properties()).getStore("imap");
    s.connect("127.0.0.1", greenMail.getImap().getPort(), Msg.ME, PASSWORD);
    return s;
  }

  private void append(String folder, Message... messages) throws Exception {
    try (Store s = client()) {
      Folder f = s.getFolder(folder);
      if (!f.exists()) {
        f.create(Folder.HOLDS_MESSAGES);
      }
      f.appendMessages(messages);
    }
  }

  private MailboxReader reader() {
    return new MailboxReader(
        ImapOptions.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10)),
        new SyncCache(cacheDir));
  }

  private MailboxSnapshot read() throws ImapException {
    return reader().read(url, Credentials.password(PASSWORD), listener);
  }

  private void seed() throws Exception {
    append(
        "Sent",
        Msg.sent(
            "2026-01-05T10:00:00Z",
            "Dr. Lee <lee@uni.edu>",
            "a@me",
            "Observership in stroke rehab",
            "Would a short call work?"),
        Msg.sent(
            "2026-01-06T10:00:00Z",
            "Dr. Kim <kim@uni.edu>",
            "b@me",
            "Research question",
            "Could I ask about your SCI study?"),
        Msg.sent(
            "2026-01-07T10:00:00Z",
            "Dr. Patel <patel@uni.edu>",
            "c@me",
            "Pain clinic",
            "May I visit?"),
        Msg.sent("2026-01-08T10:00:00Z", "gone@uni.edu", "d@me", "Hello", "Are you there?"),
        Msg.sent(
            "2026-01-12T10:00:00Z",
            "Dr. Lee <lee@uni.edu>",
            "e@me",
            "Re: Observership in stroke rehab",
            "Thank you so much for the advice. I will read the paper you mentioned."));
    append(
        "INBOX",
        Msg.reply(
            "2026-01-10T10:00:00Z",
            "Dr. Lee <lee@uni.edu>",
            "r1@uni",
            "a@me",
            "Re: Observership in stroke rehab"),
        Msg.bounce("2026-01-08T10:01:00Z", "gone@uni.edu", "d@me"));
    append(
        "Trash",
        Msg.reply(
            "2026-01-09T10:00:00Z",
            "Dr. Kim <kim@uni.edu>",
            "r2@uni",
            "b@me",
            "Re: Research question"));
    append(
        "Junk",
        Msg.reply(
            "2026-01-09T11:00:00Z",
            "Dr. Patel <patel@uni.edu>",
            "r3@uni",
            "c@me",
            "Re: Pain clinic"));
    append(
        "Drafts",
        Msg.sent("2026-01-20T10:00:00Z", "draft@uni.edu", "x@me", "Unsent", "Not sent yet?"));
  }

  @Test
  void readsEveryFolderButDraftsAndFindsTheRoles() throws Exception {
    seed();
    MailboxSnapshot snap = read();
    assertEquals(FolderRole.SENT, role(snap, "Sent"));
    assertEquals(FolderRole.TRASH, role(snap, "Trash"));
    assertEquals(FolderRole.JUNK, role(snap, "Junk"));
    assertEquals(FolderRole.DRAFTS, role(snap, "Drafts"));
    assertTrue(snap.messages().stream().noneMatch(m -> m.folder().equals("Drafts")));
    assertEquals(9, snap.messages().size());
    assertEquals(
        List.of("gone@uni.edu", "kim@uni.edu", "lee@uni.edu", "patel@uni.edu"),
        List.copyOf(snap.correspondence().contacts().keySet()));
    ContactHistory kim = snap.correspondence().history("kim@uni.edu").orElseThrow();
    assertEquals(FolderRole.TRASH, kim.latestReceived().orElseThrow().role());
    ContactHistory patel = snap.correspondence().history("patel@uni.edu").orElseThrow();
    assertEquals(FolderRole.JUNK, patel.latestReceived().orElseThrow().role());
    ContactHistory gone = snap.correspondence().history("gone@uni.edu").orElseThrow();
    assertEquals(1, gone.bounces().size());
    assertEquals("d@me", gone.bounces().get(0).messageId());
  }

  private static FolderRole role(MailboxSnapshot s, String name) {
    return s.folders().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().role();
  }

  @Test
  void readsTheStartOfTheLatestSentTextOnlyForContactsWhoReplied() throws Exception {
    seed();
    MailboxSnapshot snap = read();
    MessageSummary latestToLee =
        snap.correspondence().history("lee@uni.edu").orElseThrow().latestSent().orElseThrow();
    String text = snap.text(latestToLee).orElse(null);
    assertNotNull(text);
    assertTrue(text.contains("Thank you so much for the advice"), text);
    assertEquals(1, snap.texts().size());
  }

  @Test
  void threadContextTellsTheLinterWhereAThreadStands() throws Exception {
    seed();
    MailboxSnapshot snap = read();
    ThreadContext stranger = snap.threadContext("nobody@else.org");
    assertTrue(stranger.firstContact());
    ThreadContext lee = snap.threadContext("Lee@Uni.edu");
    assertFalse(lee.firstContact());
    assertEquals(1, lee.unansweredMessages());
    assertEquals(java.time.Instant.parse("2026-01-12T10:00:00Z"), lee.lastSent());
    assertEquals(java.time.Instant.parse("2026-01-10T10:00:00Z"), lee.lastReceived());
    ThreadContext gone = snap.threadContext("gone@uni.edu");
    assertEquals(1, gone.unansweredMessages());
    assertEquals(null, gone.lastReceived());
  }

  @Test
  void neverChangesFlagsOrMarksMailSeen() throws Exception {
    seed();
    List<String> before = flags();
    read();
    read();
    assertEquals(before, flags());
    assertTrue(before.stream().noneMatch(f -> f.contains("SEEN")), before.toString());
  }

  private List<String> flags() throws Exception {
    List<String> out = new ArrayList<>();
    try (Store s = client()) {
      for (String name : List.of("INBOX", "Sent", "Trash", "Junk", "Drafts")) {
        Folder f = s.getFolder(name);
        f.open(Folder.READ_ONLY);
        for (Message m : f.getMessages()) {
          StringBuilder b = new StringBuilder(name).append(':');
          for (Flags.Flag fl : m.getFlags().getSystemFlags()) {
            b.append(
                    fl == Flags.Flag.SEEN
                        ? "SEEN"
                        : fl == Flags.Flag.RECENT ? "RECENT" : fl.toString())
                .append(' ');
          }
          for (String u : m.getFlags().getUserFlags()) {
            b.append(u).append(' ');
          }
          out.add(b.toString());
        }
        f.close(false);
      }
    }
    return out;
  }

  @Test
  void aSecondSyncFetchesOnlyWhatIsNew() throws Exception {
    seed();
    assertEquals(9, read().fetched());
    MailboxSnapshot again = read();
    assertEquals(0, again.fetched());
    assertEquals(9, again.messages().size());
    assertEquals(1, again.texts().size());
    append(
        "INBOX",
        Msg.reply(
            "2026-01-15T10:00:00Z",
            "Dr. Kim <kim@uni.edu>",
            "r4@uni",
            "b@me",
            "Re: Research question"));
    MailboxSnapshot third = read();
    assertEquals(1, third.fetched());
    assertEquals(2, third.correspondence().history("kim@uni.edu").orElseThrow().received().size());
  }

  @Test
  void theCacheSurvivesTheProcess() throws Exception {
    seed();
    read();
    MailboxSnapshot fresh =
        new MailboxReader(ImapOptions.DEFAULTS, new SyncCache(cacheDir))
            .read(url, Credentials.password(PASSWORD), listener);
    assertEquals(0, fresh.fetched());
    assertEquals(9, fresh.messages().size());
  }

  @Test
  void expungedMessagesDropOutOfTheCache() throws Exception {
    seed();
    read();
    try (Store s = client()) {
      Folder f = s.getFolder("Trash");
      f.open(Folder.READ_WRITE);
      f.getMessages()[0].setFlag(Flags.Flag.DELETED, true);
      f.close(true);
    }
    MailboxSnapshot snap = read();
    assertFalse(snap.correspondence().history("kim@uni.edu").orElseThrow().hasReplied());
  }

  @Test
  void aDamagedCacheMeansACleanResyncWithANotice() throws Exception {
    seed();
    read();
    Path file = new SyncCache(cacheDir).file(url.account());
    byte[] b = Files.readAllBytes(file);
    b[b.length / 2] ^= 0x5A;
    Files.write(file, b);
    MailboxSnapshot snap =
        new MailboxReader(ImapOptions.DEFAULTS, new SyncCache(cacheDir))
            .read(url, Credentials.password(PASSWORD), listener);
    assertEquals(9, snap.fetched());
    assertTrue(notices.stream().anyMatch(n -> n.contains("damaged")), notices.toString());
    assertEquals(4, snap.correspondence().contacts().size());
  }

  @Test
  void aRecreatedFolderIsReadAfresh() throws Exception {
    seed();
    read();
    try (Store s = client()) {
      Folder f = s.getFolder("Trash");
      // GreenMail's UIDVALIDITY is the folder's creation time in seconds, so a folder made again
      // within the same second keeps it (a real server must change it). Wait for the next second.
      long validity = ((UIDFolder) f).getUIDValidity();
      while (System.currentTimeMillis() / 1000 <= validity) {
        Thread.sleep(20);
      }
      f.delete(true);
    }
    append(
        "Trash",
        Msg.reply(
            "2026-01-11T10:00:00Z",
            "Dr. Patel <patel@uni.edu>",
            "r9@uni",
            "c@me",
            "Re: Pain clinic"));
    MailboxSnapshot snap = read();
    assertFalse(snap.correspondence().history("kim@uni.edu").orElseThrow().hasReplied());
    assertEquals(
        FolderRole.TRASH,
        snap.correspondence()
            .history("patel@uni.edu")
            .orElseThrow()
            .latestReceived()
            .orElseThrow()
            .role());
  }

  @Test
  void aWrongPasswordIsALoginFailureWithoutTheSecret() {
    ImapException e =
        assertThrows(
            ImapException.class,
            () -> reader().read(url, Credentials.password("wrong-horse"), listener));
    assertEquals(ImapException.Reason.LOGIN_FAILED, e.reason());
    assertFalse(e.getMessage().contains("wrong-horse"));
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aClosedPortIsUnreachable() throws Exception {
    int port;
    try (java.net.ServerSocket ss =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = ss.getLocalPort();
    }
    ImapUrl closed = ImapUrl.parse("imap://me@127.0.0.1:" + port);
    ImapException e =
        assertThrows(
            ImapException.class,
            () -> reader().read(closed, Credentials.password(PASSWORD), listener));
    assertEquals(ImapException.Reason.UNREACHABLE, e.reason());
  }

  @Test
  void implicitTlsAgainstAPlainPortIsATlsError() throws Exception {
    ImapUrl wrong = ImapUrl.parse("imaps://me@127.0.0.1:" + greenMail.getImap().getPort());
    ImapException e =
        assertThrows(
            ImapException.class,
            () -> reader().read(wrong, Credentials.password(PASSWORD), listener));
    assertEquals(ImapException.Reason.TLS, e.reason(), e.getMessage());
  }
}
