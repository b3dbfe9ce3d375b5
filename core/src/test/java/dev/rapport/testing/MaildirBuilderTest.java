package dev.rapport.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirBuilderTest {
  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @Test
  void foldersFollowDovecotsMaildirPlusPlusLayout() {
    Path root = Path.of("/m");
    assertEquals(root, MaildirBuilder.folderDirectory(root, "INBOX"));
    assertEquals(root, MaildirBuilder.folderDirectory(root, "inbox"));
    assertEquals(root.resolve(".Gesendet"), MaildirBuilder.folderDirectory(root, "Gesendet"));
    assertEquals(root.resolve(".Entw&APw-rfe"), MaildirBuilder.folderDirectory(root, "Entwürfe"));
    assertEquals(
        root.resolve(".Residency.PM&-R"), MaildirBuilder.folderDirectory(root, "Residency/PM&R"));
    assertThrows(IllegalArgumentException.class, () -> MaildirBuilder.folderDirectory(root, "a.b"));
    assertThrows(
        IllegalArgumentException.class, () -> MaildirBuilder.folderDirectory(root, "a//b"));
  }

  @Test
  void messageFilesCarryFlagsSizesAndInternalDate(@TempDir Path dir) throws Exception {
    Path maildir = dir.resolve("Maildir");
    Flags flags = new Flags(Flags.Flag.SEEN);
    flags.add(Flags.Flag.ANSWERED);
    flags.add("$FollowUpDue");
    flags.add("Later");
    byte[] raw = "Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    try (MaildirBuilder box = builder(maildir)) {
      box.add("Archiv", raw, T0, flags);
      box.add("Archiv", raw, T0.plus(Duration.ofDays(1)), new Flags("Later"));
      assertEquals(2, box.count());
    }
    Path cur = maildir.resolve(".Archiv/cur");
    List<Path> files;
    try (Stream<Path> s = Files.list(cur)) {
      files = s.sorted(java.util.Comparator.comparing(MaildirBuilderTest::mtime)).toList();
    }
    assertEquals(2, files.size());
    String first = files.get(0).getFileName().toString();
    assertTrue(first.matches("\\d+\\.M\\d+P\\d+\\.rapport-test,S=17,W=20:2,RSab"), first);
    // Keyword i is letter 'a' + i; which keyword comes first depends on Flags' hash order.
    List<String> keywords = Files.readAllLines(maildir.resolve(".Archiv/dovecot-keywords"));
    assertEquals(2, keywords.size(), keywords.toString());
    char later = keywords.contains("0 Later") ? 'a' : 'b';
    assertTrue(keywords.contains((later - 'a') + " Later"), keywords.toString());
    assertTrue(keywords.contains((1 - (later - 'a')) + " $FollowUpDue"), keywords.toString());
    assertTrue(files.get(1).getFileName().toString().endsWith(":2," + later), files.toString());
    assertArrayEquals(
        "Subject: x\n\nbody\n".getBytes(StandardCharsets.US_ASCII),
        Files.readAllBytes(files.get(0)));
    assertEquals(T0, Files.getLastModifiedTime(files.get(0)).toInstant());
    assertTrue(Files.exists(maildir.resolve(".Archiv/maildirfolder")));
  }

  @Test
  void aFolderHoldsAtMostTwentySixKeywords(@TempDir Path dir) {
    try (MaildirBuilder box = builder(dir)) {
      for (int i = 0; i < 26; i++) {
        box.add("INBOX", "\r\n".getBytes(StandardCharsets.US_ASCII), T0, new Flags("k" + i));
      }
      assertThrows(
          IllegalArgumentException.class,
          () -> box.add("INBOX", new byte[0], T0, new Flags("k26")));
    }
  }

  @Test
  void closedBuilderRefusesMore(@TempDir Path dir) {
    MaildirBuilder box = builder(dir);
    box.close();
    assertThrows(IllegalStateException.class, () -> box.add("INBOX", new byte[0], T0));
  }

  @Test
  void tenThousandMessagesBuiltBeforeStartAreAllServed() throws Exception {
    try (DovecotServer server = DovecotServer.builder().build()) {
      String user = DovecotServer.DEFAULT_USER;
      List<String> folders = List.of("INBOX", server.sentFolder(), "Archiv", server.trashFolder());
      Mail template =
          Mail.from("Lee <lee@uni.example.edu>")
              .to("alice@example.org")
              .subject("Re: Research year")
              .date(T0)
              .body("Thanks for writing.\n")
              .build();
      byte[] raw = template.bytes();
      try (MaildirBuilder box = server.maildir(user)) {
        for (int i = 0; i < 10_000; i++) {
          box.add(
              folders.get(i % folders.size()),
              raw,
              T0.plusSeconds(i * 60L),
              i % 3 == 0 ? new Flags(Flags.Flag.SEEN) : new Flags());
        }
      }
      server.start();
      try (IMAPStore store = server.connect(user, DovecotServer.Security.PLAIN)) {
        int total = 0;
        for (String f : folders) {
          Folder folder = store.getFolder(f);
          total += folder.getMessageCount();
        }
        assertEquals(10_000, total);
        IMAPFolder archive = Imap.examine(store, "Archiv");
        assertEquals(T0.plusSeconds(2 * 60L), archive.getMessage(1).getReceivedDate().toInstant());
        assertEquals(2500, archive.getMessageCount());
        archive.close(false);
      }
    }
  }

  @Test
  void messagesWrittenUnderARunningServerAppearAtOnce() throws Exception {
    try (DovecotServer server = DovecotServer.builder().build().start();
        IMAPStore store =
            server.connect(DovecotServer.DEFAULT_USER, DovecotServer.Security.PLAIN)) {
      IMAPFolder inbox = Imap.examine(store, "INBOX");
      assertEquals(0, inbox.getMessageCount());
      Mail m =
          Mail.from("lee@uni.example.edu").to("alice@example.org").subject("live").date(T0).build();
      try (MaildirBuilder box = server.maildir(DovecotServer.DEFAULT_USER)) {
        box.add("INBOX", m).add("Neu/Unterordner", m);
      }
      inbox.close(false);
      inbox = Imap.examine(store, "INBOX");
      assertEquals(1, inbox.getMessageCount());
      assertEquals("live", inbox.getMessage(1).getSubject());
      inbox.close(false);
      assertEquals(1, store.getFolder("Neu/Unterordner").getMessageCount());
    }
  }

  private static Instant mtime(Path p) {
    try {
      return Files.getLastModifiedTime(p).toInstant();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static MaildirBuilder builder(Path maildir) {
    try {
      Files.createDirectories(maildir);
      int uid = (Integer) Files.getAttribute(maildir, "unix:uid");
      int gid = (Integer) Files.getAttribute(maildir, "unix:gid");
      return new MaildirBuilder(maildir, uid, gid, false, null);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
