package dev.rapport.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input through the real command line, one row a case: crafted drafts (broken MIME, wrong
 * charsets, floods of parts, addresses and header bytes, binary, deep HTML), bad options, bad
 * configs, bad URLs and environment. Each runs {@code rapport} in a child JVM with {@code -Xmx256m}
 * and must end with an exit code the row allows (never 3), at most one line on stderr that contains
 * the row's words, no stack trace; a {@code sendmail} row's command gets the very same bytes or
 * does not run.
 */
class HostileInputTest {

  @TempDir Path dir;

  static final String HEAD =
      "From: Amara Okafor <amara@example.com>\r\nTo: Dr. Ana Ruiz <ana@example.edu>\r\n"
          + "Subject: Question about your stroke rehabilitation outcomes paper\r\n";
  static final String BODY =
      "Dear Dr. Ruiz,\r\n\r\nI read your 2023 paper on early mobilisation after stroke. Would you have "
          + "15 minutes for a video call next month about how you chose the outcome measures?\r\n\r\nBest regards,\r\nAmara Okafor\r\n";
  static final String DRAFT = HEAD + "\r\n" + BODY;
  static final String MIME = HEAD + "MIME-Version: 1.0\r\n";

  static final Set<Integer> DRAFT_EXITS = Set.of(0, 1);
  static final Set<Integer> INPUT_ERROR = Set.of(2);

  /**
   * One case: the files it needs (name → bytes; {@code in} is standard input), the environment, the
   * arguments, the exits allowed and the words stderr's one line must hold ({@code null}: stderr
   * may be empty).
   */
  record Case(
      String name,
      Map<String, byte[]> files,
      Map<String, String> env,
      List<String> args,
      Set<Integer> exits,
      String stderr) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private static Case lintFile(String name, byte[] content, Set<Integer> exits, String stderr) {
    return new Case(
        name,
        Map.of("d.eml", content),
        Map.of(),
        List.of("lint", "--color=never", "d.eml"),
        exits,
        stderr);
  }

  private static Case draft(String name, String content) {
    return lintFile(name, ascii(content), DRAFT_EXITS, null);
  }

  private static Case refused(String name, byte[] content, String stderr) {
    return lintFile(name, content, INPUT_ERROR, stderr);
  }

  private static Case cli(String name, Set<Integer> exits, String stderr, String... args) {
    return new Case(name, Map.of(), Map.of(), List.of(args), exits, stderr);
  }

  private static Case sendmail(String name, byte[] message, Set<Integer> exits, String stderr) {
    return new Case(
        name,
        Map.of("in", message),
        Map.of(),
        List.of("sendmail", "--", "/bin/sh", "-c", "cat > got"),
        exits,
        stderr);
  }

  private static String multipart(String boundary, String... parts) {
    StringBuilder sb =
        new StringBuilder(MIME)
            .append("Content-Type: multipart/mixed; boundary=\"")
            .append(boundary)
            .append("\"\r\n\r\n");
    for (String p : parts) {
      sb.append("--").append(boundary).append("\r\n").append(p);
    }
    return sb.append("--").append(boundary).append("--\r\n").toString();
  }

  private static String text(String headers, String body) {
    return "Content-Type: text/plain" + headers + "\r\n\r\n" + body + "\r\n";
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(13).nextBytes(b);
    return b;
  }

  static Stream<Case> cases() {
    List<Case> c = new ArrayList<>();
    // Drafts that are malformed but readable: a score, never a crash.
    c.add(
        draft(
            "multipart without a boundary parameter",
            MIME + "Content-Type: multipart/mixed\r\n\r\n" + BODY));
    c.add(
        draft(
            "multipart whose boundary never appears",
            MIME + "Content-Type: multipart/mixed; boundary=nowhere\r\n\r\n" + BODY));
    c.add(
        draft(
            "multipart with no closing delimiter",
            multipart("b1", text("", BODY)).replace("--b1--\r\n", "")));
    c.add(
        draft(
            "multipart with an empty boundary",
            MIME + "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n" + BODY));
    c.add(draft("multiparts nested 60 deep", nested(60)));
    c.add(
        draft(
            "base64 text part of garbage",
            multipart(
                "b1", text("\r\nContent-Transfer-Encoding: base64", "!!!*** not base64 @@@"))));
    c.add(
        draft(
            "base64 text part cut mid-quantum",
            multipart(
                "b1",
                text(
                    "\r\nContent-Transfer-Encoding: base64",
                    "RGVhciBEci4gUnVpeiwK\r\nSSByZWFk="))));
    c.add(
        draft(
            "quoted-printable with broken escapes",
            multipart(
                "b1",
                text(
                    "\r\nContent-Transfer-Encoding: quoted-printable",
                    "Dear Dr. Ruiz,=ZZ =\r\n=4 =\r\nWould you have 15 minutes?="))));
    c.add(
        draft(
            "an unknown transfer encoding",
            multipart("b1", text("\r\nContent-Transfer-Encoding: x-martian", BODY))));
    c.add(
        draft(
            "uuencoded text part",
            multipart(
                "b1",
                text(
                    "\r\nContent-Transfer-Encoding: x-uuencode",
                    "begin 644 a\r\n#86)C\r\n`\r\nend"))));
    c.add(draft("an unknown charset", multipart("b1", text("; charset=x-klingon", BODY))));
    c.add(
        draft(
            "a charset name full of junk",
            multipart("b1", text("; charset=\"utf-8\\\"\u0001;;==\"", BODY))));
    c.add(
        draft(
            "UTF-7 text",
            multipart("b1", text("; charset=utf-7", "Dear Dr. Ruiz, +AOk-t+AOk- 15 minutes?"))));
    c.add(lintFile("UTF-16 text with a byte-order mark", utf16(BODY), DRAFT_EXITS, null));
    c.add(
        lintFile(
            "bytes that are not UTF-8 in the headers",
            concat(
                ascii(
                    "From: Am\u00e9ra <a@example.com>\r\nTo: Dr. Ruiz \u00ff\u00fe <ana@example.edu>\r\n"
                        + "Subject: Caf\u00e9 \u00c3\u00a9\u0080\r\n\r\n"),
                ascii(BODY)),
            DRAFT_EXITS,
            null));
    c.add(
        draft(
            "malformed RFC 2047 words",
            DRAFT.replace(
                "Subject: Question", "Subject: =?utf-8?B?!!!?= =?x-nope?Q?a=ZZ?= =?utf-8?Q?")));
    c.add(draft("a header line without a colon", HEAD + "this is not a header\r\n\r\n" + BODY));
    c.add(
        draft(
            "a To: that is only a group",
            DRAFT.replace("To: Dr. Ana Ruiz <ana@example.edu>", "To: undisclosed-recipients:;")));
    c.add(
        draft(
            "a To: of unbalanced brackets and quotes",
            DRAFT.replace(
                "To: Dr. Ana Ruiz <ana@example.edu>", "To: \"Dr. <Ruiz <<ana@@example.edu>>,,\"")));
    c.add(
        draft(
            "a 200 KB From: line",
            DRAFT.replace("From: Amara Okafor", "From: " + "A".repeat(200_000))));
    c.add(draft("a body of one 2 MB line", HEAD + "\r\n" + "word ".repeat(400_000)));
    c.add(draft("CR-only line endings", DRAFT.replace("\r\n", "\r")));
    c.add(
        draft(
            "a message/rfc822 part that is broken",
            multipart(
                "b1",
                text("", BODY),
                "Content-Type: message/rfc822\r\n\r\nFrom: <<<\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n")));
    c.add(
        draft(
            "HTML nested 20,000 elements deep",
            MIME + "Content-Type: text/html\r\n\r\n" + "<div>".repeat(20_000) + BODY));
    c.add(
        draft(
            "HTML with scripts, styles and entities",
            MIME
                + "Content-Type: text/html\r\n\r\n<script>alert(1)</script><style>*{}</style>"
                + "<p>Dear Dr. Ruiz,&#0;&#xFFFFFFFF;&bogus;</p><p>Would you have 15 minutes?</p>"));
    c.add(draft("a thousand attachments (the most accepted)", multipart("b1", parts(999))));
    // Drafts past a bound, or not drafts at all: exit 2 and why.
    c.add(refused("an empty file", new byte[0], "empty draft"));
    c.add(refused("only blank lines", ascii("\r\n \r\n\t\r\n"), "empty draft"));
    c.add(refused("random binary", random(4096), "binary data, not a draft"));
    c.add(
        refused(
            "a PNG image",
            concat(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13},
                random(512)),
            "binary data"));
    c.add(
        refused(
            "26 MB of text",
            ascii(DRAFT + "word ".repeat(26 * 1024 * 1024 / 5)),
            "draft too large"));
    c.add(
        refused(
            "100,000 MIME parts",
            ascii(multipart("b1", parts(100_000))),
            "too many MIME parts: more than 1000"));
    c.add(
        refused(
            "10,000 To: addresses",
            ascii(DRAFT.replace("To: Dr. Ana Ruiz <ana@example.edu>", "To: " + addresses(10_000))),
            "too many recipients: 10000 addresses"));
    c.add(
        refused(
            "a 300 KB header section",
            ascii(HEAD + "X-Pad: y\r\n".repeat(30_000) + "\r\n" + BODY),
            "header section too large"));
    c.add(
        refused(
            "a thousand and one boundaries declared",
            ascii(multipart("b1", declarations(1001))),
            "too many MIME parts"));
    // Options, files and configuration.
    c.add(cli("no command: the help, on stdout", Set.of(0), null));
    c.add(cli("an unknown command", Set.of(2), "did you mean", "frobnicate"));
    c.add(cli("lint with no file", Set.of(2), "see 'rapport lint --help'", "lint"));
    c.add(
        cli(
            "lint of a file that does not exist",
            Set.of(2),
            "no such file",
            "lint",
            "nothing-here.eml"));
    c.add(cli("lint of a directory", Set.of(2), "is a directory", "lint", "."));
    c.add(cli("an unknown format", Set.of(2), "yaml", "lint", "--format", "yaml", "-"));
    c.add(
        cli(
            "--fail-under that is not a number",
            Set.of(2),
            "abc",
            "lint",
            "--fail-under",
            "abc",
            "-"));
    c.add(cli("--fail-under past 100", Set.of(2), "101", "lint", "--fail-under", "101", "-"));
    c.add(
        cli(
            "a config file that does not exist",
            Set.of(2),
            "missing.toml",
            "lint",
            "--config",
            "missing.toml",
            "-"));
    c.add(
        new Case(
            "a config file that is not TOML",
            Map.of("c.toml", ascii("[[accounts\nname = = \"x\n")),
            Map.of(),
            List.of("lint", "--config", "c.toml", "-"),
            Set.of(2),
            "c.toml"));
    c.add(
        new Case(
            "a config file that is binary",
            Map.of("c.toml", random(2048)),
            Map.of(),
            List.of("lint", "--config", "c.toml", "-"),
            Set.of(2),
            "config file c.toml is not UTF-8 text"));
    c.add(
        cli(
            "/dev/zero as the config file",
            Set.of(2),
            "larger than 1 MB",
            "lint",
            "--config",
            "/dev/zero",
            "-"));
    c.add(cli("a directory as the config file", Set.of(2), "config", "lint", "--config", ".", "-"));
    c.add(
        cli(
            "a plugin that is not a jar",
            Set.of(2),
            "plugin",
            "lint",
            "--plugin",
            "/etc/hostname",
            "-"));
    c.add(cli("status with no account", Set.of(2), "no mail account", "status"));
    c.add(
        cli(
            "status with an http URL",
            Set.of(2),
            "bad IMAP URL",
            "status",
            "--imap",
            "http://amara@example.org"));
    c.add(
        cli(
            "status with a URL of control characters",
            Set.of(2),
            "bad IMAP URL",
            "status",
            "--imap",
            "imap://a\u001b[2J@\u0007host\n:1"));
    c.add(
        cli(
            "an IMAP URL without a host",
            Set.of(2),
            "bad IMAP URL",
            "status",
            "--imap",
            "imap://amara@"));
    c.add(
        cli(
            "an IMAP URL with a port past 65535",
            Set.of(2),
            "bad IMAP URL",
            "status",
            "--imap",
            "imap://amara@127.0.0.1:99999"));
    c.add(
        cli(
            "status with --now that is not a time",
            Set.of(2),
            "yesterday",
            "status",
            "--imap",
            "imap://amara@127.0.0.1:1",
            "--now",
            "yesterday"));
    c.add(
        new Case(
            "an IMAP deadline that is not a number",
            Map.of(),
            Map.of("RAPPORT_PASSWORD", "x", "RAPPORT_IMAP_DEADLINE", "soon"),
            List.of("status", "--imap", "imap://amara@127.0.0.1:1"),
            Set.of(2),
            "RAPPORT_IMAP_DEADLINE must be a number of seconds"));
    c.add(
        new Case(
            "nothing listening on the IMAP port",
            Map.of(),
            Map.of("RAPPORT_PASSWORD", "x"),
            List.of("status", "--imap", "imap://amara@127.0.0.1:1"),
            Set.of(2),
            "cannot connect"));
    c.add(
        cli(
            "watch with an unknown format",
            Set.of(2),
            "xml",
            "watch",
            "--imap",
            "imap://amara@127.0.0.1:1",
            "--format",
            "xml"));
    c.add(
        cli(
            "watch with a digest time that is not a time",
            Set.of(2),
            "25:99",
            "watch",
            "--imap",
            "imap://amara@127.0.0.1:1",
            "--digest=25:99"));
    // sendmail: the same bytes, or nothing run.
    c.add(sendmail("sendmail with an empty message", new byte[0], Set.of(2), "not sent"));
    c.add(sendmail("sendmail with binary", random(10_000), Set.of(2), "not sent"));
    c.add(
        sendmail(
            "sendmail with 100,000 parts",
            ascii(multipart("b1", parts(100_000))),
            Set.of(2),
            "too many MIME parts"));
    c.add(
        sendmail(
            "sendmail with broken MIME",
            ascii(multipart("b1", text("\r\nContent-Transfer-Encoding: base64", "!!!"))),
            Set.of(0, 1),
            null));
    c.add(
        sendmail(
            "sendmail with bytes that are not UTF-8",
            concat(
                ascii(HEAD + "\r\n"),
                new byte[] {(byte) 0xff, (byte) 0xfe, '\r', '\n'},
                ascii(BODY)),
            Set.of(0, 1),
            null));
    c.add(cli("sendmail with no command", Set.of(2), "rapport", "sendmail"));
    c.add(
        new Case(
            "sendmail with a command that does not exist",
            Map.of("in", ascii(DRAFT)),
            Map.of(),
            List.of("sendmail", "--fail-under", "0", "--", "/nonexistent/sendmail"),
            Set.of(2),
            "cannot run /nonexistent/sendmail"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  @Timeout(120)
  void hostileInputEndsWithinTheContract(Case c) throws Exception {
    for (Map.Entry<String, byte[]> f : c.files().entrySet()) {
      Files.write(dir.resolve(f.getKey()), f.getValue());
    }
    String stdin = c.files().containsKey("in") ? "< in" : "< /dev/null";
    ChildCli r =
        ChildCli.run(dir, stdin, c.env(), c.args().toArray(String[]::new)).withinContract();
    System.out.println(c.name() + " -> exit " + r.exit + ": " + r.firstErrLine());
    assertTrue(
        c.exits().contains(r.exit),
        () -> "exit " + r.exit + ", expected one of " + c.exits() + ": " + r);
    if (c.stderr() != null) {
      assertTrue(
          r.firstErrLine().startsWith("rapport") && r.firstErrLine().contains(c.stderr()),
          () -> "expected '" + c.stderr() + "' on stderr: " + r);
    }
    if (!c.args().isEmpty() && c.args().get(0).equals("sendmail") && c.files().containsKey("in")) {
      Path got = dir.resolve("got");
      if (r.exit == 0) {
        assertArrayEquals(
            c.files().get("in"), Files.readAllBytes(got), "the command got other bytes");
      } else if (c.exits().equals(Set.of(2))) {
        assertFalse(Files.exists(got), "the command ran though the message was refused");
      }
    }
  }

  private static String nested(int depth) {
    StringBuilder sb = new StringBuilder(MIME);
    for (int i = 0; i < depth; i++) {
      sb.append("Content-Type: multipart/mixed; boundary=n")
          .append(i)
          .append("\r\n\r\n--n")
          .append(i)
          .append("\r\n");
    }
    sb.append(text("", BODY));
    for (int i = depth - 1; i >= 0; i--) {
      sb.append("--n").append(i).append("--\r\n");
    }
    return sb.toString();
  }

  private static String[] parts(int n) {
    String[] p = new String[n + 1];
    p[0] = text("", BODY);
    Arrays.fill(
        p,
        1,
        n + 1,
        "Content-Type: application/pdf; name=cv.pdf\r\nContent-Disposition: attachment\r\n\r\nx\r\n");
    return p;
  }

  private static String[] declarations(int n) {
    String[] p = new String[n + 1];
    p[0] = text("", BODY);
    for (int i = 1; i <= n; i++) {
      p[i] =
          "Content-Type: multipart/mixed; boundary=d"
              + i
              + "\r\n\r\n--d"
              + i
              + "\r\n\r\nx\r\n--d"
              + i
              + "--\r\n";
    }
    return p;
  }

  private static String addresses(int n) {
    StringBuilder sb = new StringBuilder("ana@example.edu");
    for (int i = 1; i < n; i++) {
      sb.append(", p").append(i).append("@example.org");
    }
    return sb.toString();
  }

  private static byte[] utf16(String s) {
    return concat(new byte[] {(byte) 0xfe, (byte) 0xff}, s.getBytes(StandardCharsets.UTF_16BE));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
