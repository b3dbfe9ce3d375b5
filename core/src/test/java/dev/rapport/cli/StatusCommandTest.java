package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.testing.GreenMailServer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code rapport status} end to end through {@link Main#run} against GreenMail. */
class StatusCommandTest {

  private static final String ME = "chidinma@example.org";
  private static final String PASSWORD = "pw-Zebra-42";

  @TempDir Path home;
  @RegisterExtension final GreenMailServer greenMail = new GreenMailServer().user(ME, PASSWORD);
  private String url;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void url() {
    url = "imap://" + ME + "@127.0.0.1:" + greenMail.imapPort();
  }

  private static MimeMessage msg(String when, String text) throws MessagingException {
    Date d = Date.from(Instant.parse(when));
    String date =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.parse(when).atZone(ZoneOffset.UTC));
    String full = text.replace("DATE", date).replace("\n", "\r\n");
    return new MimeMessage(
        Session.getInstance(new Properties()),
        new ByteArrayInputStream(full.getBytes(StandardCharsets.UTF_8))) {
      @Override
      public Date getReceivedDate() {
        return d;
      }
    };
  }

  private void append(String folder, Message... ms) throws Exception {
    try (Store s = Session.getInstance(new Properties()).getStore("imap")) {
      s.connect("127.0.0.1", greenMail.imapPort(), ME, PASSWORD);
      Folder f = s.getFolder(folder);
      if (!f.exists()) {
        f.create(Folder.HOLDS_MESSAGES);
      }
      f.appendMessages(ms);
    }
  }

  private void seed() throws Exception {
    append(
        "Sent",
        msg(
            "2026-01-05T10:00:00Z",
            "From: "
                + ME
                + "\nTo: Dr. Lee <Lee@Uni.edu>\nSubject: Observership\nMessage-ID: <a@me>\nDate: DATE\n\nWould a call work?\n"),
        msg(
            "2026-01-06T10:00:00Z",
            "From: "
                + ME
                + "\nTo: kim@uni.edu\nSubject: Research\nMessage-ID: <b@me>\nDate: DATE\n\nMay I ask?\n"),
        msg(
            "2026-02-10T10:00:00Z",
            "From: "
                + ME
                + "\nTo: new@uni.edu\nSubject: Hello\nMessage-ID: <c@me>\nDate: DATE\n\nCould we talk?\n"));
    append(
        "INBOX",
        msg(
            "2026-01-08T10:00:00Z",
            "From: Dr. Lee <lee@uni.edu>\nTo: "
                + ME
                + "\nSubject: Re: Observership\nMessage-ID: <r@uni>\nIn-Reply-To: <a@me>\nDate: DATE\n\nSure.\n"));
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("RAPPORT_PASSWORD", PASSWORD);
    env.put("HOME", home.toString());
    env.put("XDG_CACHE_HOME", home.resolve("cache").toString());
    env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    return env;
  }

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        new PrintWriter(out),
        new PrintWriter(err),
        new ByteArrayInputStream(new byte[0]),
        env);
  }

  @Test
  void jsonGivesEveryContactsStateSortedByUrgency() throws Exception {
    seed();
    assertEquals(
        0,
        run(env(), "status", "--imap", url, "--now", "2026-02-12T09:00:00Z", "--format", "json"),
        err.toString());
    JsonNode arr = new ObjectMapper().readTree(out.toString());
    Map<String, String> states = new LinkedHashMap<>();
    arr.forEach(n -> states.put(n.get("contact").asText(), n.get("state").asText()));
    assertEquals(
        Map.of(
            "lee@uni.edu",
            "REPLIED",
            "kim@uni.edu",
            "FOLLOW_UP_DUE",
            "new@uni.edu",
            "AWAITING_REPLY"),
        states);
    assertEquals("lee@uni.edu", arr.get(0).get("contact").asText());
    JsonNode lee = arr.get(0);
    assertEquals("Dr. Lee", lee.get("name").asText());
    assertEquals("2026-01-05T10:00:00Z", lee.get("lastSent").asText());
    assertEquals("2026-01-08T10:00:00Z", lee.get("lastReceived").asText());
    assertEquals(0, lee.get("followUps").asInt());
    assertTrue(lee.has("due"));
    assertTrue(arr.get(2).get("lastReceived").isNull());
    assertTrue(
        Files.exists(home.resolve("cache").resolve("rapport")),
        "cache written under XDG_CACHE_HOME");
  }

  @Test
  void namesFromHeadersCannotSendControlCharactersToTheTerminal() {
    StringWriter table = new StringWriter();
    StatusCommand.printText(
        new PrintWriter(table),
        java.util.List.of(
            new dev.rapport.track.ContactStatus(
                "x@y.org",
                "Evil\u001b[2J\r\nName",
                dev.rapport.track.ContactState.REPLIED,
                null,
                Instant.EPOCH,
                0,
                Instant.EPOCH,
                "they replied",
                false)),
        ZoneOffset.UTC);
    assertFalse(table.toString().contains("\u001b"), table.toString());
    assertEquals(4, table.toString().split("\n").length, table.toString());
  }

  @Test
  void longAddressesAreShownWholeWhenTheTerminalIsWideEnoughAndCutOnlyWhenNot() {
    String address = "praman.physical-medicine-and-rehabilitation@medicine.example-university.edu";
    java.util.List<dev.rapport.track.ContactStatus> one =
        java.util.List.of(
            new dev.rapport.track.ContactStatus(
                address,
                "Priya Raman",
                dev.rapport.track.ContactState.REPLIED,
                null,
                Instant.EPOCH,
                0,
                Instant.EPOCH,
                "they replied",
                false));
    StringWriter wide = new StringWriter();
    StatusCommand.printText(
        new PrintWriter(wide),
        one,
        ZoneOffset.UTC,
        StatusCommand.columns(Map.of("COLUMNS", "230")));
    assertTrue(wide.toString().contains("Priya Raman <" + address + ">"), wide.toString());
    StringWriter narrow = new StringWriter();
    StatusCommand.printText(
        new PrintWriter(narrow),
        one,
        ZoneOffset.UTC,
        StatusCommand.columns(Map.of("COLUMNS", "80")));
    assertTrue(
        narrow.toString().contains("…") && !narrow.toString().contains(address), narrow.toString());
    StringWriter forced = new StringWriter();
    StatusCommand.printText(new PrintWriter(forced), one, ZoneOffset.UTC, Integer.MAX_VALUE);
    assertTrue(forced.toString().contains(address), "--wide");
    assertEquals(0, StatusCommand.columns(Map.of("COLUMNS", "wide")));
  }

  @Test
  void nowJudgesTheMailboxAsItStoodThen() throws Exception {
    seed();
    assertEquals(
        0,
        run(env(), "status", "--imap", url, "--now", "2026-01-07T00:00:00Z", "--format", "json"),
        err.toString());
    JsonNode arr = new ObjectMapper().readTree(out.toString());
    Map<String, String> states = new LinkedHashMap<>();
    arr.forEach(n -> states.put(n.get("contact").asText(), n.get("state").asText()));
    assertEquals(Map.of("lee@uni.edu", "AWAITING_REPLY", "kim@uni.edu", "AWAITING_REPLY"), states);
  }

  @Test
  void textIsATableWithAOneLineSummary() throws Exception {
    seed();
    assertEquals(0, run(env(), "status", "--imap", url, "--now", "2026-02-12"), err.toString());
    String text = out.toString();
    assertTrue(text.startsWith("STATE"), text);
    assertTrue(text.contains("replied") && text.contains("Dr. Lee <lee@uni.edu>"), text);
    assertTrue(
        text.strip().endsWith("1 reply waiting for you, 1 follow-up due; 1 awaiting a reply."),
        text);
  }

  @Test
  void contactsMetInPersonComeFromTheConfig() throws Exception {
    seed();
    Path cfg = home.resolve("rapport.toml");
    Files.writeString(
        cfg,
        "[[contacts]]\nemail = \"Park@Clinic.org\"\nname = \"Dr. Park\"\nmetAt = \"AAPM&R\"\nmetOn = 2026-02-10\n");
    assertEquals(
        0,
        run(
            env(),
            "status",
            "--imap",
            url,
            "--now",
            "2026-02-12T09:00:00Z",
            "--format",
            "json",
            "--config",
            cfg.toString()),
        err.toString());
    JsonNode arr = new ObjectMapper().readTree(out.toString());
    boolean found = false;
    for (JsonNode n : arr) {
      if (n.get("contact").asText().equals("park@clinic.org")) {
        assertEquals("THANK_YOU_DUE", n.get("state").asText());
        found = true;
      }
    }
    assertTrue(found, out.toString());
  }

  @Test
  void accountsComeFromTheConfigFileToo() throws Exception {
    seed();
    Path cfg = home.resolve("rapport.toml");
    Files.writeString(
        cfg,
        "[[accounts]]\nname = \"school\"\nimap = \""
            + url
            + "\"\npasswordCommand = \"printf '%s\\\\n' "
            + PASSWORD
            + "\"\n");
    Map<String, String> env = env();
    env.remove("RAPPORT_PASSWORD");
    assertEquals(
        0,
        run(
            env,
            "status",
            "--now",
            "2026-02-12T09:00:00Z",
            "--format",
            "json",
            "--config",
            cfg.toString()),
        err.toString());
    assertEquals(3, new ObjectMapper().readTree(out.toString()).size());
  }

  private void assertOneLineError(int code, String expected) {
    assertEquals(2, code, out + "" + err);
    String e = err.toString().strip();
    assertFalse(e.contains("\n"), e);
    assertTrue(e.startsWith("rapport: "), e);
    assertTrue(e.contains(expected), e);
    assertFalse(e.contains(PASSWORD), e);
    assertFalse(e.contains("Exception"), e);
  }

  @Test
  void aWrongPasswordIsOneLineAndExitTwo() {
    Map<String, String> env = env();
    env.put("RAPPORT_PASSWORD", "not-it");
    assertOneLineError(run(env, "status", "--imap", url), "wrong user name or password");
  }

  @Test
  void aMissingPasswordIsOneLineAndExitTwo() {
    Map<String, String> env = env();
    env.remove("RAPPORT_PASSWORD");
    assertOneLineError(run(env, "status", "--imap", url), "RAPPORT_PASSWORD");
  }

  @Test
  void aBadUrlIsOneLineAndExitTwo() {
    assertOneLineError(run(env(), "status", "--imap", "http://example.org"), "imap:// or imaps://");
    err.getBuffer().setLength(0);
    assertOneLineError(
        run(env(), "status", "--imap", "imaps://me:hunter2@example.org"), "password in the URL");
  }

  @Test
  void aGarbageNowIsOneLineAndExitTwo() {
    assertOneLineError(run(env(), "status", "--imap", url, "--now", "next tuesday"), "--now");
  }

  @Test
  void noAccountIsOneLineAndExitTwo() {
    assertOneLineError(run(env(), "status"), "--imap");
  }

  @Test
  void anUnreachableHostIsOneLineAndExitTwo() throws Exception {
    int port;
    try (java.net.ServerSocket ss =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = ss.getLocalPort();
    }
    assertOneLineError(
        run(env(), "status", "--imap", "imap://me@127.0.0.1:" + port), "cannot connect");
  }
}
