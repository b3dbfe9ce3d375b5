package dev.rapport.imap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.track.FolderRole;
import dev.rapport.track.MessageSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImapPiecesTest {

  @Test
  void urlsParseWithDefaultPortsAndAnAddressAsUser() throws Exception {
    ImapUrl u = ImapUrl.parse("imaps://chidinma@example.org@imap.example.org");
    assertTrue(u.implicitTls());
    assertEquals("chidinma@example.org", u.user());
    assertEquals("imap.example.org", u.host());
    assertEquals(993, u.port());
    ImapUrl v = ImapUrl.parse("imap://me%40x.org@127.0.0.1:1143/");
    assertEquals("me@x.org", v.user());
    assertEquals(1143, v.port());
    assertTrue(v.isLoopback());
    assertEquals(143, ImapUrl.parse("imap://u@[::1]").port());
    assertTrue(ImapUrl.parse("imap://u@[::1]").isLoopback());
  }

  @Test
  void badUrlsAreRefusedWithoutEchoingAPassword() {
    for (String bad :
        List.of(
            "",
            "imap://",
            "imap://host",
            "pop3://u@h",
            "imaps://u@h:0",
            "imaps://u@h:70000",
            "imaps://u@h/INBOX",
            "imaps://u@h?x=1",
            "imaps://u@bad host",
            "imaps://u@-h-")) {
      ImapException e = assertThrows(ImapException.class, () -> ImapUrl.parse(bad), bad);
      assertEquals(ImapException.Reason.BAD_URL, e.reason());
    }
    ImapException e =
        assertThrows(ImapException.class, () -> ImapUrl.parse("imaps://me:hunter2@h.org"));
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  void onlyLoopbackHostsCountAsLocal() throws Exception {
    assertTrue(ImapUrl.parse("imap://u@localhost").isLoopback());
    assertTrue(ImapUrl.parse("imap://u@127.0.0.2").isLoopback());
    assertFalse(ImapUrl.parse("imap://u@10.0.0.1").isLoopback());
    assertFalse(ImapUrl.parse("imap://u@localhost.example.org").isLoopback());
  }

  @Test
  void plaintextToARemoteHostRequiresStartTls() throws Exception {
    Properties remote =
        ImapConnector.properties(
            ImapUrl.parse("imap://u@mail.example.org"),
            Credentials.password("x"),
            ImapOptions.DEFAULTS);
    assertEquals("true", remote.getProperty("mail.imap.starttls.required"));
    Properties forced =
        ImapConnector.properties(
            ImapUrl.parse("imap://u@mail.example.org"),
            Credentials.password("x"),
            ImapOptions.DEFAULTS.withAllowPlaintext(true));
    assertEquals("false", forced.getProperty("mail.imap.starttls.required"));
    Properties local =
        ImapConnector.properties(
            ImapUrl.parse("imap://u@127.0.0.1"), Credentials.password("x"), ImapOptions.DEFAULTS);
    assertEquals("false", local.getProperty("mail.imap.starttls.required"));
    assertEquals("true", local.getProperty("mail.imap.starttls.enable"));
  }

  @Test
  void timeoutsAreAlwaysSetAndServerIdentityChecked() throws Exception {
    Properties p =
        ImapConnector.properties(
            ImapUrl.parse("imaps://u@h.org"), Credentials.password("x"), ImapOptions.DEFAULTS);
    for (String k : List.of("connectiontimeout", "timeout", "writetimeout")) {
      assertTrue(Long.parseLong(p.getProperty("mail.imaps." + k)) > 0, k);
    }
    assertEquals("true", p.getProperty("mail.imaps.ssl.checkserveridentity"));
    assertFalse(p.toString().contains("\"x\""));
  }

  /**
   * Issue 13: a silent server must fail in about 30 s, not after the 60 s read timeout, which a
   * trickling server resets with every byte anyway.
   */
  @Test
  void aSilentServerMeetsTheDeadlineBeforeTheReadTimeout() {
    assertEquals(java.time.Duration.ofSeconds(30), ImapOptions.DEFAULTS.deadline());
    assertTrue(ImapOptions.DEFAULTS.deadline().compareTo(ImapOptions.DEFAULTS.readTimeout()) < 0);
  }

  @Test
  void oauthTokensUseXoauth2() throws Exception {
    Properties p =
        ImapConnector.properties(
            ImapUrl.parse("imaps://u@h.org"), Credentials.oauth2Token("tok"), ImapOptions.DEFAULTS);
    assertEquals("XOAUTH2", p.getProperty("mail.imaps.auth.mechanisms"));
  }

  @Test
  void credentialsComeFromTheEnvironmentThenTheCommands() throws Exception {
    String command = "printf 'from-command\\nsecond-line\\n'";
    assertEquals(
        "from-env",
        Credentials.resolve(Map.of("RAPPORT_PASSWORD", "from-env"), null, command).secret());
    Credentials c = Credentials.resolve(Map.of(), null, command);
    assertEquals("from-command", c.secret());
    assertFalse(c.toString().contains("from-command"));
    Credentials t = Credentials.resolve(Map.of(), "echo tok123", null);
    assertTrue(t.isOAuth2());
    assertEquals("tok123", t.secret());
  }

  @Test
  void aFailingPasswordCommandIsOneLineWithoutItsOutput() {
    String failing = "echo leaked-secret; exit 3";
    ImapException e =
        assertThrows(ImapException.class, () -> Credentials.resolve(Map.of(), null, failing));
    assertEquals(ImapException.Reason.CREDENTIALS, e.reason());
    assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
    assertFalse(e.getMessage().contains("leaked-secret"));
    ImapException none = assertThrows(ImapException.class, () -> Credentials.resolve(Map.of()));
    assertTrue(none.getMessage().contains("RAPPORT_PASSWORD"));
  }

  @Test
  void specialUseWinsOverNamesAndLocalizedSentIsFound() {
    List<FolderInfo> roles =
        FolderRoles.roles(
            List.of(
                new FolderRoles.Listed("INBOX", '/', List.of()),
                new FolderRoles.Listed("Gesendet", '/', List.of("\\HasNoChildren", "\\Sent")),
                new FolderRoles.Listed("Sent", '/', List.of()),
                new FolderRoles.Listed("Entwürfe", '/', List.of("\\Drafts")),
                new FolderRoles.Listed("Papierkorb", '/', List.of()),
                new FolderRoles.Listed("Projects/Trash", '/', List.of()),
                new FolderRoles.Listed("[Gmail]", '/', List.of("\\Noselect"))));
    Map<String, FolderRole> byName = new TreeMap<>();
    roles.forEach(f -> byName.put(f.name(), f.role()));
    assertEquals(FolderRole.SENT, byName.get("Gesendet"));
    assertEquals(FolderRole.OTHER, byName.get("Sent"));
    assertEquals(FolderRole.DRAFTS, byName.get("Entwürfe"));
    assertEquals(FolderRole.TRASH, byName.get("Papierkorb"));
    assertEquals(FolderRole.OTHER, byName.get("Projects/Trash"));
    assertFalse(byName.containsKey("[Gmail]"));
    assertEquals(FolderRole.INBOX, byName.get("INBOX"));
  }

  @Test
  void gmailLabelsAreRecognized() {
    List<FolderInfo> roles =
        FolderRoles.roles(
            List.of(
                new FolderRoles.Listed("[Gmail]/Sent Mail", '/', List.of()),
                new FolderRoles.Listed("[Gmail]/Spam", '/', List.of())));
    assertEquals(FolderRole.SENT, roles.get(0).role());
    assertEquals(FolderRole.JUNK, roles.get(1).role());
  }

  @Test
  void onGmailOnlyAllMailSentTrashAndSpamAreRead() {
    List<FolderInfo> gmail =
        List.of(
            new FolderInfo("INBOX", FolderRole.INBOX, false),
            new FolderInfo("[Gmail]/All Mail", FolderRole.ALL, true),
            new FolderInfo("[Gmail]/Sent Mail", FolderRole.SENT, true),
            new FolderInfo("[Gmail]/Drafts", FolderRole.DRAFTS, true),
            new FolderInfo("[Gmail]/Trash", FolderRole.TRASH, true),
            new FolderInfo("[Gmail]/Spam", FolderRole.JUNK, true),
            new FolderInfo("Residency", FolderRole.OTHER, false));
    assertEquals(
        List.of("[Gmail]/All Mail", "[Gmail]/Sent Mail", "[Gmail]/Trash", "[Gmail]/Spam"),
        MailboxReader.toRead(gmail, true).stream().map(FolderInfo::name).toList());
    assertEquals(6, MailboxReader.toRead(gmail, false).size());
    List<FolderInfo> noAllMail =
        List.of(
            new FolderInfo("INBOX", FolderRole.INBOX, false),
            new FolderInfo("Residency", FolderRole.OTHER, false));
    assertEquals(2, MailboxReader.toRead(noAllMail, true).size());
  }

  @Test
  void theCacheRoundTripsAndIsPrivate(@TempDir Path dir) throws Exception {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            42,
            Instant.parse("2026-01-02T03:04:05Z"),
            "From: Dr. Ünal <u@x.org>\r\nTo: a@b.org, c@d.org\r\nCc: e@f.org\r\nSubject: Grüße\r\nMessage-ID: <id@x>\r\n"
                + "References: <r1@x> <r2@x>\r\nAuto-Submitted: auto-replied\r\n");
    FolderState st =
        new FolderState(
            "INBOX",
            FolderRole.INBOX,
            7,
            43,
            1,
            new TreeMap<>(Map.of(42L, m)),
            Map.of(42L, "text"));
    SyncCache cache = new SyncCache(dir);
    cache.save(
        "acct",
        Map.of("INBOX", st),
        n -> {
          throw new AssertionError(n);
        });
    Path f = cache.file("acct");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    Map<String, FolderState> back =
        new SyncCache(dir)
            .load(
                "acct",
                n -> {
                  throw new AssertionError(n);
                });
    assertEquals(st, back.get("INBOX"));
    assertEquals(m, back.get("INBOX").messages().get(42L));
  }

  @Test
  void aRestlessFolderStaysRestlessInTheFileAndAVersionOneFileIsStillRead() throws Exception {
    FolderState restless =
        new FolderState("INBOX", FolderRole.INBOX, 7, 43, 0, new TreeMap<>(), Map.of(), true);
    assertEquals(
        restless,
        SyncCache.decode(SyncCache.encode(Map.of("INBOX", restless), "acct"), "acct").get("INBOX"));

    // Version 1, as written before folders could be restless.
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(bytes);
    out.write("RAPPORT-SYNC\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.writeInt(1);
    dev.rapport.internal.Records.str(out, "acct");
    out.writeInt(1);
    dev.rapport.internal.Records.str(out, "INBOX");
    out.writeByte(FolderRole.INBOX.ordinal());
    out.writeLong(7);
    out.writeLong(43);
    out.writeInt(0);
    out.writeInt(0);
    out.writeInt(0);
    out.flush();
    assertEquals(
        new FolderState("INBOX", FolderRole.INBOX, 7, 43, 0, new TreeMap<>(), Map.of()),
        SyncCache.decode(dev.rapport.internal.Records.sealed(bytes.toByteArray()), "acct")
            .get("INBOX"));
  }

  @Test
  void aCacheForAnotherAccountOrVersionIsNotTrusted(@TempDir Path dir) throws Exception {
    SyncCache cache = new SyncCache(dir);
    byte[] bytes = SyncCache.encode(Map.of(), "other");
    Files.write(cache.file("acct"), bytes);
    List<String> notices = new java.util.ArrayList<>();
    assertTrue(cache.load("acct", notices::add).isEmpty());
    assertEquals(1, notices.size());
    Files.write(cache.file("acct"), new byte[] {1, 2, 3});
    assertTrue(new SyncCache(dir).load("acct", notices::add).isEmpty());
    assertEquals(2, notices.size());
  }
}
