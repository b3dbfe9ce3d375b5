package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and streams a user's shell can hand rapport: a directory, an endless device, a FIFO that
 * never ends, a closed standard input, file names with newlines, escape codes and bytes that are
 * not UTF-8. Each runs in a child JVM with a 256 MB heap and must end within the contract.
 */
class HostileStreamsTest {

  @TempDir Path dir;

  private static final String DRAFT =
      "From: Amara Okafor <amara@example.com>\r\nTo: Dr. Ana Ruiz <ana@example.edu>\r\n"
          + "Subject: Question about your stroke rehabilitation outcomes paper\r\n\r\n"
          + "Dear Dr. Ruiz,\r\n\r\nI read your 2023 paper on early mobilisation after stroke and found the gait "
          + "outcomes striking. Would you have 15 minutes for a video call next month to talk about how you chose "
          + "the outcome measures?\r\n\r\nBest regards,\r\nAmara Okafor\r\n";

  private ChildCli rapport(String stdin, String... args) throws Exception {
    return ChildCli.run(dir, stdin, Map.of(), args).withinContract();
  }

  @Test
  void sendmailFromADirectoryIsAnInputErrorAndRunsNothing() throws Exception {
    Path marker = dir.resolve("ran");
    ChildCli r = rapport("< " + dir, "sendmail", "--", "touch", marker.toString());
    assertEquals(2, r.exit, r::toString);
    assertEquals(
        "rapport: cannot read the message on standard input: Is a directory; not sent",
        r.firstErrLine());
    assertFalse(Files.exists(marker));
  }

  @Test
  void lintOfADirectoryOnStandardInputIsAnInputError() throws Exception {
    ChildCli r = rapport("< " + dir, "lint", "-");
    assertEquals(2, r.exit, r::toString);
    assertTrue(r.firstErrLine().startsWith("rapport: -: cannot read: "), r::toString);
  }

  @Test
  void devZeroStopsAtTheLimit() throws Exception {
    ChildCli r = rapport("< /dev/null", "lint", "/dev/zero");
    assertEquals(2, r.exit, r::toString);
    assertEquals(
        "rapport: /dev/zero: draft too large: more than 25 MB (the limit)", r.firstErrLine());
  }

  @Test
  void devZeroOnStandardInputStopsAtTheLimit() throws Exception {
    ChildCli r = rapport("< /dev/zero", "lint", "-");
    assertEquals(2, r.exit, r::toString);
    assertEquals("rapport: -: draft too large: more than 25 MB (the limit)", r.firstErrLine());
  }

  @Test
  void anEndlessFifoStopsAtTheLimit() throws Exception {
    Path fifo = dir.resolve("fifo");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    Process yes = new ProcessBuilder("/bin/sh", "-c", "exec yes > \"$0\"", fifo.toString()).start();
    try {
      ChildCli r = rapport("< /dev/null", "lint", fifo.toString());
      assertEquals(2, r.exit, r::toString);
      assertEquals(
          "rapport: " + fifo + ": draft too large: more than 25 MB (the limit)", r.firstErrLine());
    } finally {
      yes.destroyForcibly();
      yes.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void endlessStandardInputToSendmailStopsAtItsLimitAndRunsNothing() throws Exception {
    Path marker = dir.resolve("ran");
    ChildCli r = rapport("< /dev/zero", "sendmail", "--", "touch", marker.toString());
    assertEquals(2, r.exit, r::toString);
    assertEquals("rapport: message larger than 64 MB; not sent", r.firstErrLine());
    assertFalse(Files.exists(marker));
  }

  @Test
  void aClosedStandardInputIsSaidToBeClosed() throws Exception {
    ChildCli r = rapport("<&-", "lint", "-");
    assertEquals(2, r.exit, r::toString);
    assertEquals("rapport: -: standard input is closed", r.firstErrLine());
    ChildCli s = rapport("<&-", "sendmail", "--", "true");
    assertEquals(2, s.exit, s::toString);
    assertEquals(
        "rapport: cannot read the message on standard input: standard input is closed; not sent",
        s.firstErrLine());
  }

  @Test
  void fileNamesWithNewlinesAndEscapesArePrintedVisibly() throws Exception {
    String name = "nl\nx\u001b[31m.eml";
    Files.writeString(dir.resolve(name), DRAFT);
    ChildCli r = rapport("< /dev/null", "lint", "--color=never", name);
    assertTrue(r.exit == 0 || r.exit == 1, r::toString);
    assertTrue(r.out.startsWith("nl\\nx\\e[31m.eml:"), r::toString);
    assertFalse(r.out.contains("\u001b"), r::toString);
    ChildCli missing = rapport("< /dev/null", "lint", "gone\n\u001b]0;title\u0007.eml");
    assertEquals(2, missing.exit, missing::toString);
    assertEquals("rapport: gone\\n\\e]0;title\\x07.eml: no such file", missing.firstErrLine());
    ChildCli json = rapport("< /dev/null", "lint", "--format=json", name);
    assertTrue(
        json.out.contains("\"nl\\nx\\u001B[31m.eml\"")
            || json.out.contains("\"nl\\nx\\u001b[31m.eml\""),
        json::toString);
  }

  @Test
  void aFileNameThatIsNotUtf8IsFound() throws Exception {
    // Made by the shell, byte for byte: Java cannot name such a file itself.
    Files.writeString(dir.resolve("ok.eml"), DRAFT);
    Process mk2 =
        new ProcessBuilder("/bin/sh", "-c", "cp ok.eml \"$(printf 'bad\\377.eml')\"")
            .directory(dir.toFile())
            .start();
    assertEquals(0, mk2.waitFor());
    // The name reaches the child from the shell as raw bytes, as it would from a user's shell.
    ProcessBuilder pb =
        new ProcessBuilder(
            "/bin/sh", "-c", "exec \"$@\" \"$(printf 'bad\\377.eml')\" </dev/null", "sh");
    pb.command().addAll(ChildCli.java("lint", "--color=never"));
    pb.directory(dir.toFile()).redirectErrorStream(true);
    Process p = pb.start();
    String all = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(ChildCli.BOUND_SECONDS, TimeUnit.SECONDS));
    assertTrue(p.exitValue() == 0 || p.exitValue() == 1, all);
    assertTrue(all.contains("/100"), all);
    assertFalse(all.contains("no such file"), all);
  }

  @Test
  void sendmailsLimitCountsTheTextNotTheAttachments() throws Exception {
    // 30 MB of attachment: more than the 25 MB lint limit, within sendmail's 64 MB.
    byte[] blob = new byte[22 * 1024 * 1024];
    new java.util.Random(7).nextBytes(blob);
    String b64 = java.util.Base64.getMimeEncoder().encodeToString(blob);
    String msg =
        DRAFT
                .replace(
                    "Subject:",
                    "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\nSubject:")
                .replace(
                    "\r\n\r\nDear",
                    "\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDear")
            + "--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"data.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + b64
            + "\r\n--b1--\r\n";
    Path in = dir.resolve("big.eml");
    Files.writeString(in, msg, StandardCharsets.US_ASCII);
    assertTrue(Files.size(in) > 25L * 1024 * 1024);
    Path got = dir.resolve("got.eml");
    ChildCli r =
        rapport(
            "< " + in,
            "sendmail",
            "--fail-under",
            "0",
            "--",
            "/bin/sh",
            "-c",
            "cat > \"$0\"",
            got.toString());
    assertEquals(0, r.exit, r::toString);
    assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(got));
  }

  @Test
  void sendmailRefusesAMessageWhoseTextIsOverTheLintLimit() throws Exception {
    StringBuilder body = new StringBuilder(DRAFT);
    String line =
        "All work and no play makes a very long draft that nobody would read to the end.\r\n";
    while (body.length() < 26 * 1024 * 1024) {
      body.append(line);
    }
    Path in = dir.resolve("long.eml");
    Files.writeString(in, body, StandardCharsets.US_ASCII);
    Path marker = dir.resolve("ran");
    ChildCli r = rapport("< " + in, "sendmail", "--", "touch", marker.toString());
    assertEquals(2, r.exit, r::toString);
    assertTrue(
        r.firstErrLine()
            .startsWith("rapport: cannot check the message (message text too large: 26.0 MB"),
        r::toString);
    assertFalse(Files.exists(marker));
  }
}
