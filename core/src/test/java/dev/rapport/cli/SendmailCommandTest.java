package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rapport sendmail}: with a real msmtp delivering to a loopback SMTP sink. */
class SendmailCommandTest {

  @TempDir Path dir;
  private GreenMail sink;

  static final String GOOD =
      "From: Chidinma Okeke <chidinma@example.org>\r\nTo: Dr. Lena Hartmann <lhartmann@example.edu>\r\n"
          + "Subject: IMG from Nigeria: 15-minute call about SCI rehabilitation research\r\nMessage-ID: <good-1@example.org>\r\n\r\n"
          + "Dear Dr. Hartmann,\r\n\r\nI am a final-year medical student at the University of Lagos, Nigeria, and I hope to "
          + "train in physical medicine and rehabilitation. Your 2025 paper on robotic gait training after incomplete "
          + "spinal cord injury changed how our ward sets early walking goals.\r\n\r\nWould you have 15 minutes for a video "
          + "call in the next few weeks? I would like to ask how you chose your first research questions. I am not a US "
          + "citizen and would need J-1 sponsorship for residency.\r\n\r\nThank you for considering my request.\r\n\r\n"
          + "Sincerely,\r\nChidinma Okeke\r\n";

  static final String BAD =
      GOOD.replace("Dear Dr. Hartmann,", "Dear Dr. [Last Name],").replace("good-1@", "bad-1@");

  @BeforeEach
  void startSink() {
    sink = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    sink.start();
  }

  @AfterEach
  void stopSink() {
    sink.stop();
  }

  private Path msmtp() throws Exception {
    boolean installed = Files.isExecutable(Path.of("/usr/bin/msmtp"));
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(installed, "msmtp not installed: apt-get install msmtp");
    }
    assumeTrue(installed, "msmtp not installed");
    Path conf = dir.resolve("msmtprc");
    Files.writeString(
        conf,
        "account default\nhost 127.0.0.1\nport "
            + sink.getSmtp().getPort()
            + "\nauth off\ntls off\nfrom chidinma@example.org\n");
    Files.setPosixFilePermissions(
        conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    return conf;
  }

  private static Cli sendmail(String message, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "sendmail";
    System.arraycopy(args, 0, all, 1, args.length);
    return Cli.run(
        new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), Map.of(), all);
  }

  /**
   * The draft of issue 15: "Dear Sir or Madam", "any opportunity", "ASAP" and an unrequested CV.
   */
  static final String POOR =
      "From: Chidinma Okeke <chidinma@example.org>\r\nTo: Dr. Priya Raman <praman@example.edu>\r\n"
          + "Subject: Observership request\r\nMessage-ID: <poor-1@example.org>\r\nMIME-Version: 1.0\r\n"
          + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
          + "Dear Sir or Madam,\r\n\r\nI am a medical graduate from Nigeria. I am writing to ask for any opportunity in your "
          + "department. Please reply ASAP. My CV is attached.\r\n\r\nSincerely,\r\nChidinma Okeke\r\n"
          + "--b1\r\nContent-Type: application/pdf; name=cv.pdf\r\nContent-Disposition: attachment; filename=cv.pdf\r\n"
          + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n";

  @Test
  void aPoorDraftIsHeldBackByDefaultWithTheFullRecipientAndBodyPositions() throws Exception {
    Path marker = dir.resolve("ran");
    Cli r = sendmail(POOR, "--", "sh", "-c", "cat > " + marker);
    assertEquals(1, r.exit, r.toString());
    assertFalse(Files.exists(marker), "never handed on");
    String first = r.err.lines().findFirst().orElse("");
    assertTrue(
        first.startsWith("rapport: message not sent: ")
            && first.contains("a careful reader would not send it"),
        r.err);
    assertTrue(
        r.err.contains("to: Dr. Priya Raman <praman@example.edu>"),
        "the whole recipient: " + r.err);
    // "Dear Sir or Madam," is the first line of the body as typed, whatever headers the client
    // added.
    assertTrue(r.err.contains("message body:1:1: warning: "), r.err);
    assertFalse(
        r.err.contains("message:1"), "no positions counted from the top of the message: " + r.err);
    assertTrue(
        r.err.contains("X-Rapport: send-anyway") && r.err.contains("RAPPORT_SEND_ANYWAY=1"),
        "says how to send anyway: " + r.err);
  }

  @Test
  void theDefaultHoldsBackUnder60AndAnExplicitSettingWins() throws Exception {
    Path sent = dir.resolve("sent.eml");
    // --fail-under is the explicit setting: 0 lets the same draft go, with its findings shown.
    Cli r = sendmail(POOR, "--fail-under", "0", "--", "sh", "-c", "cat > \"$0\"", sent.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.err.contains("rapport: sending anyway: the message passes"), r.err);
    assertArrayEquals(POOR.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(sent));
    // So is lint.failUnder in the configuration.
    Path config = dir.resolve("rapport.toml");
    Files.writeString(config, "[lint]\nfailUnder = 0\n");
    Files.delete(sent);
    r =
        sendmail(
            POOR, "--config", config.toString(), "--", "sh", "-c", "cat > \"$0\"", sent.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(Files.exists(sent));
    Files.writeString(config, "[lint]\nfailUnder = 99\n");
    r =
        sendmail(
            GOOD.replace(
                "Would you have 15 minutes", "Please reply ASAP. Would you have 15 minutes"),
            "--config",
            config.toString(),
            "--",
            "sh",
            "-c",
            "cat >/dev/null");
    assertEquals(1, r.exit, r.toString());
  }

  @Test
  void theSendAnywayHeaderSendsItAndIsTheOnlyBytesRemoved() throws Exception {
    Path sent = dir.resolve("sent.eml");
    // Folded, odd case, mixed line endings: only the X-Rapport field's own lines go.
    String with =
        POOR.replace(
            "Subject: Observership request\r\n",
            "Subject: Observership request\r\nx-rapport:\r\n send-anyway\r\n");
    Cli r = sendmail(with, "--", "sh", "-c", "cat > \"$0\"", sent.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(
        r.err.contains("rapport: sending anyway, as the header 'X-Rapport: send-anyway' asks"),
        r.err);
    assertArrayEquals(
        POOR.getBytes(StandardCharsets.UTF_8),
        Files.readAllBytes(sent),
        "byte-identical but for the header");
    String lf =
        "To: Dr. Lee <lee@example.edu>\nX-Rapport: send-anyway\nSubject: Q\n\nCan we talk?\nX-Rapport: send-anyway\n";
    r = sendmail(lf, "--", "sh", "-c", "cat > \"$0\"", sent.toString());
    assertEquals(0, r.exit, r.toString());
    // A line in the body that looks like the header is text, and stays.
    assertEquals(
        "To: Dr. Lee <lee@example.edu>\nSubject: Q\n\nCan we talk?\nX-Rapport: send-anyway\n",
        Files.readString(sent));
  }

  @Test
  void theSendAnywayVariableSendsTheBytesUnchanged() throws Exception {
    Path sent = dir.resolve("sent.eml");
    Cli r =
        Cli.run(
            new ByteArrayInputStream(POOR.getBytes(StandardCharsets.UTF_8)),
            Map.of("RAPPORT_SEND_ANYWAY", "1"),
            "sendmail",
            "--",
            "sh",
            "-c",
            "cat > \"$0\"",
            sent.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.err.contains("as RAPPORT_SEND_ANYWAY=1 asks"), r.err);
    assertArrayEquals(POOR.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(sent));
  }

  @Test
  void aSendAnywayHeaderWithATypoHoldsTheMessageBackAndSaysWhy() {
    String typo = POOR.replace("MIME-Version", "X-Rapport: sendanyway\r\nMIME-Version");
    Cli r = sendmail(typo, "--", "sh", "-c", "cat >/dev/null");
    assertEquals(1, r.exit, r.toString());
    assertTrue(r.err.contains("X-Rapport: 'sendanyway' is not understood"), r.err);
  }

  @Test
  void theIgnoreHeaderLeavesOutOneRuleForOneMessageAndIsStripped() throws Exception {
    Path sent = dir.resolve("sent.eml");
    Cli r =
        sendmail(
            BAD.replace(
                "Message-ID", "X-Rapport-Ignore: unfilled_placeholder, NO_SUCH_RULE\r\nMessage-ID"),
            "--",
            "sh",
            "-c",
            "cat > \"$0\"",
            sent.toString());
    assertEquals(0, r.exit, r.toString());
    assertFalse(r.err.contains("[UNFILLED_PLACEHOLDER]"), r.err);
    assertTrue(r.err.contains("not checked for UNFILLED_PLACEHOLDER"), r.err);
    assertTrue(r.err.contains("X-Rapport-Ignore: no rule NO_SUCH_RULE"), r.err);
    assertArrayEquals(BAD.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(sent));
  }

  @Test
  void stripReturnsTheSameArrayWhenThereIsNothingToStrip() {
    byte[] b = GOOD.getBytes(StandardCharsets.UTF_8);
    assertTrue(SendmailCommand.strip(b).bytes() == b);
    byte[] headerless = "Dear Dr. Lee,\nX-Rapport: send-anyway\n".getBytes(StandardCharsets.UTF_8);
    assertTrue(
        SendmailCommand.strip(headerless).bytes() == headerless,
        "not a header section: nothing taken out");
  }

  @Test
  void warningsOfAPassingMessageAreShownAndTheBytesStillGoOutUnchanged() throws Exception {
    String poor =
        GOOD.replace("Would you have 15 minutes", "Please reply ASAP. Would you have 15 minutes");
    Path sent = dir.resolve("sent.eml");
    Cli r = sendmail(poor, "--fail-under", "0", "--", "sh", "-c", "cat > \"$0\"", sent.toString());
    assertEquals(0, r.exit, r.toString());
    assertTrue(r.err.contains("message body:") && r.err.contains(": warning: "), r.err);
    assertTrue(r.err.contains("rapport: sending anyway"), r.err);
    assertArrayEquals(
        poor.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(sent), "the same bytes");
  }

  @Test
  void aCleanMessageGoesOutSilently() throws Exception {
    Path sent = dir.resolve("sent.eml");
    Cli r = sendmail(GOOD, "--", "sh", "-c", "cat > \"$0\"", sent.toString());
    assertEquals(0, r.exit, r.toString());
    assertArrayEquals(GOOD.getBytes(StandardCharsets.UTF_8), Files.readAllBytes(sent));
    if (!r.err.isEmpty()) {
      assertTrue(r.err.contains("sending anyway"), "only the findings and the one line: " + r.err);
    }
  }

  @Test
  void passingMessageGoesOutThroughMsmtp() throws Exception {
    Path conf = msmtp();
    Cli r =
        sendmail(
            GOOD,
            "--",
            "msmtp",
            "-C",
            conf.toString(),
            "-a",
            "default",
            "-oi",
            "--",
            "lhartmann@example.edu");
    assertEquals(0, r.exit, r.toString());
    assertTrue(sink.waitForIncomingEmail(10_000, 1), "the sink got the message");
    MimeMessage[] got = sink.getReceivedMessages();
    assertEquals(1, got.length);
    assertEquals("<good-1@example.org>", got[0].getMessageID());
  }

  @Test
  void failingMessageIsNeverHandedToMsmtp() throws Exception {
    Path conf = msmtp();
    Cli r =
        sendmail(
            BAD,
            "--",
            "msmtp",
            "-C",
            conf.toString(),
            "-a",
            "default",
            "--",
            "lhartmann@example.edu");
    assertEquals(1, r.exit, r.toString());
    assertTrue(r.err.contains("[UNFILLED_PLACEHOLDER]"), r.err);
    assertTrue(r.err.contains("not sent"), r.err);
    assertFalse(sink.waitForIncomingEmail(1_000, 1), "nothing reached the sink");
  }

  @Test
  void theCommandGetsTheExactBytes() throws Exception {
    Path copy = dir.resolve("copy.eml");
    // Odd bytes on purpose: bare LF and CRLF mixed, a Latin-1 byte, no final newline.
    byte[] original = (GOOD + "P.S. caf\u00e9").getBytes(StandardCharsets.ISO_8859_1);
    Cli r =
        Cli.run(
            new ByteArrayInputStream(original),
            Map.of(),
            "sendmail",
            "--",
            "sh",
            "-c",
            "cat > " + copy);
    assertEquals(0, r.exit, r.toString());
    assertArrayEquals(original, Files.readAllBytes(copy));
  }

  @Test
  void theCommandsExitCodeIsReturned() {
    Cli r = sendmail(GOOD, "--", "sh", "-c", "cat >/dev/null; exit 75");
    assertEquals(75, r.exit, r.toString());
  }

  @Test
  void failingMessageNeverRunsTheCommand() throws Exception {
    Path marker = dir.resolve("ran");
    Cli r = sendmail(BAD, "--", "sh", "-c", "touch " + marker);
    assertEquals(1, r.exit, r.toString());
    assertFalse(Files.exists(marker));
  }

  @Test
  void headerlessMessageWhoseFirstLineIsTheGreetingIsCheckedNotSent() throws Exception {
    // No header block: "Dear Dr. [Last Name]," must be read as the greeting, not as a header.
    String headerless = BAD.substring(BAD.indexOf("\r\n\r\n") + 4);
    Path marker = dir.resolve("ran");
    Cli r = sendmail(headerless, "--", "sh", "-c", "touch " + marker);
    assertEquals(1, r.exit, r.toString());
    assertTrue(r.err.contains("[Last Name]"), r.toString());
    assertFalse(Files.exists(marker));
  }

  @Test
  void failUnderRefusesALowScore() throws Exception {
    Path marker = dir.resolve("ran");
    String thin =
        "To: Dr. Lee <lee@example.edu>\r\nSubject: Question\r\n\r\nDear Dr. Lee,\r\n\r\nCan we talk?\r\n\r\nBest,\r\nAna\r\n";
    Cli r = sendmail(thin, "--fail-under", "99", "--", "sh", "-c", "touch " + marker);
    assertEquals(1, r.exit, r.toString());
    assertFalse(Files.exists(marker));
  }

  @Test
  void aMissingCommandIsExitTwoAndOneLine() {
    Cli r = sendmail(GOOD, "--", "/nonexistent/sendmail-binary");
    assertEquals(2, r.exit, r.toString());
    assertEquals(1, r.err.lines().count(), r.err);
    assertTrue(r.err.contains("not sent"), r.err);
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(2, sendmail(GOOD).exit);
  }
}
