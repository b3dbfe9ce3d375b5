package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input gets a sane score or a one-line error, a defined exit code, no stack
 * trace, no hang.
 */
class BadInputTest {

  @TempDir Path dir;

  /** A hang guard, not a speed measurement: generous on purpose. */
  private static final Duration GUARD = Duration.ofSeconds(60);

  private Cli lint(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return assertTimeoutPreemptively(GUARD, () -> Cli.run("lint", "--color=never", p.toString()));
  }

  private Cli lint(String name, String content) throws Exception {
    return lint(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static void noStackTrace(Cli r) {
    assertFalse(r.err.contains("Exception"), r.toString());
    assertFalse(r.err.contains("\tat "), r.toString());
    assertTrue(r.exit == 0 || r.exit == 1 || r.exit == 2, r.toString());
  }

  private static void scored(Cli r) {
    noStackTrace(r);
    assertTrue(r.exit == 0 || r.exit == 1, r.toString());
    assertTrue(r.out.contains("/100"), r.toString());
  }

  @Test
  void emptyFileIsAOneLineError() throws Exception {
    for (String name : new String[] {"empty.txt", "empty.eml", "blank.html"}) {
      Cli r = lint(name, name.startsWith("blank") ? " \n\t\n" : "");
      noStackTrace(r);
      assertEquals(2, r.exit, r.toString());
      assertTrue(r.err.contains("empty draft"), r.err);
      assertEquals(1, r.err.lines().count(), r.err);
    }
  }

  @Test
  void truncatedMimeAndMissingBoundaryAreRead() throws Exception {
    scored(
        lint(
            "trunc.eml",
            "To: a@example.edu\nSubject: x\nContent-Type: multipart/mixed; boundary=ZZ\n\n--ZZ\nContent-Type: text/plain\n\nDear Dr. A,\nHello"));
    scored(
        lint(
            "noboundary.eml",
            "To: a@example.edu\nSubject: x\nContent-Type: multipart/alternative\n\nDear Dr. A,\nHello\n"));
    scored(
        lint(
            "badtype.eml",
            "To: a@example.edu\nSubject: x\nContent-Type: ;;;===\n\nDear Dr. A,\nHello\n"));
  }

  @Test
  void unknownCharsetFallsBack() throws Exception {
    scored(
        lint(
            "charset.eml",
            "To: a@example.edu\nSubject: =?x-klingon?Q?abc?=\nContent-Type: text/plain; charset=x-klingon\n\nDear Dr. A,\nHello\n"));
  }

  @Test
  void malformedHeadersAndEncodedWords() throws Exception {
    scored(
        lint(
            "hdr.eml",
            "To: <<<@@@>>>, \"unterminated\nSubject: =?UTF-8?B?!!!not base64?=\nDate: yesterday-ish\nFrom: \n\nDear Dr. A,\nHello\n"));
  }

  @Test
  void twentyMegabytesOfTextIsHandled() throws Exception {
    StringBuilder sb = new StringBuilder("Dear Dr. Adeyemi,\n\n");
    String para =
        "I am writing about my interest in stroke rehabilitation and would value your advice on research. ";
    while (sb.length() < 20 * 1024 * 1024) {
      sb.append(para);
      if (sb.length() % 2000 < para.length()) {
        sb.append("\n\n");
      }
    }
    Cli r = lint("huge.txt", sb.toString());
    scored(r);
    assertTrue(
        r.out.contains("BODY_LENGTH"),
        "a 20 MB draft is long: " + r.out.lines().findFirst().orElse(""));
  }

  @Test
  void moreThanTheLimitIsAOneLineError() throws Exception {
    byte[] big = new byte[26 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    Cli r = lint("toobig.txt", big);
    noStackTrace(r);
    assertEquals(2, r.exit);
    assertTrue(r.err.contains("draft too large"), r.err);
  }

  @Test
  void deeplyNestedAndHostileHtml() throws Exception {
    String nested = "<div>".repeat(50_000) + "Dear Dr. Ito, hello." + "</div>".repeat(50_000);
    scored(lint("nested.html", nested));
    String hostile =
        "<html><head><script>while(1){}</script><style>p{}</style><meta http-equiv=refresh content=0;url=http://x></head>"
            + "<body onload=alert(1)><p>Dear Dr. Ito,</p><img src=x onerror=alert(1)><iframe src=http://evil></iframe>"
            + "<p style=\"display:none\">hidden [Last Name]</p><p>I read your paper.</p><svg><script>1</script></svg>"
            + "<p>&lt;NAME&gt; &#0; &#xD800; &bogus;</p><table><tr><td>a<td>b</table></body>";
    Cli r = lint("hostile.html", hostile);
    scored(r);
    assertFalse(r.out.contains("hidden [Last Name]"), "hidden text is not visible text");
  }

  @Test
  void aDraftThatIsAllQuoteIsScored() throws Exception {
    scored(
        lint(
            "quote.txt",
            "On Mon, Dr. A <a@example.edu> wrote:\n> Thanks.\n> Please send your CV.\n"));
  }

  @Test
  void adversarialLinesDoNotBacktrack() throws Exception {
    String[] lines = {
      "a ".repeat(200_000),
      "(".repeat(100_000),
      "[".repeat(100_000) + "x",
      "{{" + " ".repeat(100_000),
      "Dear ".repeat(50_000),
      "On ".repeat(50_000) + "wrote",
      "-".repeat(100_000),
      ">".repeat(100_000),
      "Thank you ".repeat(30_000),
      "From: ".repeat(30_000),
    };
    for (String l : lines) {
      scored(lint("adv.txt", l + "\n" + l + "\n"));
    }
  }
}
