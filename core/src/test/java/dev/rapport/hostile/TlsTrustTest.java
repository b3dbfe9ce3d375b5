package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An account's {@code tls} table against an imaps server on loopback whose certificates a private
 * CA, made in the test, signed: trusted through {@code tls.caFile} or {@code tls.trustStore} it
 * works; without them, for another name, or expired, {@code status} exits 2 with one line that says
 * which check failed.
 */
@Timeout(120)
class TlsTrustTest {
  private static final String PASSWORD = "pw-Tls-9q";
  @TempDir static Path pkiDir;
  static TestPki pki;
  static Path localhost;
  static Path otherName;
  static Path expired;

  @TempDir Path dir;

  @BeforeAll
  static void makeCertificates() throws Exception {
    pki = new TestPki(pkiDir.resolve("pki"), "Rapport Test CA");
    localhost = pki.server("localhost", "dns:localhost,ip:127.0.0.1", null, 10);
    otherName = pki.server("mail.example.org", "dns:mail.example.org", null, 10);
    expired = pki.server("old", "dns:localhost,ip:127.0.0.1", "-10d", 2);
  }

  private ChildCli status(ScriptedImapServer server, String tls) throws Exception {
    // An honest, empty mailbox: what is tested is the connection, not the reading.
    server.on(
        "STATUS",
        (t, l, o) ->
            ScriptedImapServer.send(
                o,
                "* STATUS " + l.split(" ")[2] + " (MESSAGES 0 UIDNEXT 1 UIDVALIDITY 7)",
                t + " OK done"));
    server.on(
        "EXAMINE",
        (t, l, o) ->
            ScriptedImapServer.send(
                o,
                "* 0 EXISTS",
                "* 0 RECENT",
                "* OK [UIDVALIDITY 7] ok",
                "* OK [UIDNEXT 1] ok",
                t + " OK [READ-ONLY] done"));
    Path conf = Files.createDirectories(dir.resolve(".config/rapport")).resolve("rapport.toml");
    Files.writeString(
        conf, "[[accounts]]\nname = \"lab\"\nimap = \"" + server.url() + "\"\n" + tls);
    ChildCli r =
        ChildCli.run(
                dir,
                "< /dev/null",
                Map.of("RAPPORT_PASSWORD", PASSWORD, "RAPPORT_IMAP_DEADLINE", "5"),
                "status",
                "--now",
                "2026-03-01T12:00:00Z")
            .withinContract();
    System.out.println(
        "tls " + tls.replace('\n', ' ') + " -> exit " + r.exit + ": " + r.firstErrLine());
    assertFalse(r.err.contains(PASSWORD) || r.out.contains(PASSWORD), r::toString);
    return r;
  }

  private static String caFile(Path pem) {
    return "[accounts.tls]\ncaFile = \"" + pem + "\"\n";
  }

  @Test
  void aPrivateCaTrustedThroughCaFileWorks() throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer(TestPki.context(localhost))) {
      ChildCli r = status(server, caFile(pki.caPem));
      assertEquals(0, r.exit, r::toString);
      assertEquals("", r.firstErrLine(), r::toString);
    }
  }

  @Test
  void onlyThePrivateCaWithTrustDefaultsOffWorks() throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer(TestPki.context(localhost))) {
      ChildCli r = status(server, caFile(pki.caPem) + "trustDefaults = false\n");
      assertEquals(0, r.exit, r::toString);
    }
  }

  @Test
  void withoutCaFileTheCertificateIsNotTrusted() throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer(TestPki.context(localhost))) {
      ChildCli r = status(server, "");
      assertEquals(2, r.exit, r::toString);
      assertTrue(
          r.firstErrLine()
              .startsWith(
                  "rapport: TLS with 127.0.0.1:"
                      + server.port()
                      + " refused: certificate not trusted (issuer CN=Rapport Test CA"),
          r::toString);
      assertTrue(r.firstErrLine().contains("tls.caFile"), r::toString);
    }
  }

  @Test
  void aCertificateForAnotherNameDoesNotMatch() throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer(TestPki.context(otherName))) {
      ChildCli r = status(server, caFile(pki.caPem));
      assertEquals(2, r.exit, r::toString);
      assertTrue(
          r.firstErrLine()
              .contains(
                  "name does not match (certificate is for mail.example.org, you asked for 127.0.0.1)"),
          r::toString);
    }
  }

  @Test
  void anExpiredCertificateIsSaidToBeExpired() throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer(TestPki.context(expired))) {
      ChildCli r = status(server, caFile(pki.caPem));
      assertEquals(2, r.exit, r::toString);
      assertTrue(r.firstErrLine().contains("refused: certificate expired on "), r::toString);
    }
  }

  @Test
  void aTrustStoreWithItsPasswordFromACommandWorks() throws Exception {
    Path store = pki.trustStore("trust-pw-Zz8");
    try (ScriptedImapServer server = new ScriptedImapServer(TestPki.context(localhost))) {
      ChildCli r =
          status(
              server,
              "[accounts.tls]\ntrustStore = \""
                  + store
                  + "\"\ntrustStorePasswordCommand = \"echo trust-pw-Zz8\"\n");
      assertEquals(0, r.exit, r::toString);
      assertFalse(r.err.contains("trust-pw-Zz8"), r::toString);
      ChildCli wrong =
          status(
              server,
              "[accounts.tls]\ntrustStore = \""
                  + store
                  + "\"\ntrustStorePasswordCommand = \"echo nope\"\n");
      assertEquals(2, wrong.exit, wrong::toString);
      assertTrue(
          wrong.firstErrLine().contains("lab: tls.trustStore " + store + ": wrong password"),
          wrong::toString);
    }
  }

  @Test
  void aMissingCaFileIsAConfigErrorNamingTheAccount() throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer(TestPki.context(localhost))) {
      ChildCli r = status(server, caFile(dir.resolve("nope.pem")));
      assertEquals(2, r.exit, r::toString);
      assertTrue(
          r.firstErrLine()
              .contains("lab: tls.caFile " + dir.resolve("nope.pem") + ": no such file"),
          r::toString);
      Files.writeString(dir.resolve("empty.pem"), "not a certificate\n");
      ChildCli e = status(server, caFile(dir.resolve("empty.pem")));
      assertEquals(2, e.exit, e::toString);
      assertTrue(
          e.firstErrLine().contains("tls.caFile " + dir.resolve("empty.pem") + ": "), e::toString);
    }
  }

  @Test
  void aPasswordInTheTlsTableIsRefused() throws Exception {
    try (ScriptedImapServer server = new ScriptedImapServer(TestPki.context(localhost))) {
      ChildCli r =
          status(
              server, "[accounts.tls]\ntrustStore = \"x.p12\"\ntrustStorePassword = \"secret\"\n");
      assertEquals(2, r.exit, r::toString);
      assertTrue(
          r.firstErrLine().contains("accounts[0].tls.trustStorePassword is not read"), r::toString);
    }
  }
}
