package dev.rapport.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The service files in {@code dist/} start {@code rapport watch} the way dist/README.md says. */
class DistFilesTest {

  private static final Path DIST =
      Path.of(System.getProperty("basedir", ".")).resolve("../dist").normalize();

  @TempDir Path tmp;

  @Test
  void theSystemdUnitRunsWatchAndTreatsSigtermAsAStop() throws Exception {
    List<String> lines = Files.readAllLines(DIST.resolve("rapport-watch.service"));
    String exec = lines.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
    assertTrue(exec.contains("-jar %h/.local/share/rapport/rapport.jar watch"), exec);
    assertTrue(lines.contains("SuccessExitStatus=143"));
    assertTrue(lines.contains("Restart=on-failure"));
    assertTrue(
        lines.stream().noneMatch(l -> l.contains("RAPPORT_PASSWORD=") && !l.startsWith("#")),
        "no password in the unit");
  }

  @Test
  void systemdAcceptsTheUnit() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze not installed");
    Path unit = tmp.resolve("rapport-watch.service");
    Files.copy(DIST.resolve("rapport-watch.service"), unit);
    Process p =
        new ProcessBuilder(analyze.toString(), "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(
        out.lines()
            .noneMatch(l -> l.contains("rapport-watch.service") && !l.contains("Documentation")),
        out);
  }

  @Test
  void theLaunchdAgentRunsWatchAndRestartsOnlyAfterAFailure() throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Document d = f.newDocumentBuilder().parse(DIST.resolve("dev.rapport.watch.plist").toFile());
    Element dict = (Element) d.getDocumentElement().getElementsByTagName("dict").item(0);
    List<String> args = new ArrayList<>();
    NodeList keys = dict.getElementsByTagName("key");
    String label = null;
    boolean keepAliveOnFailure = false;
    for (int i = 0; i < keys.getLength(); i++) {
      Element k = (Element) keys.item(i);
      Element value = next(k);
      switch (k.getTextContent()) {
        case "Label" -> label = value.getTextContent();
        case "ProgramArguments" -> {
          NodeList s = value.getElementsByTagName("string");
          for (int j = 0; j < s.getLength(); j++) {
            args.add(s.item(j).getTextContent());
          }
        }
        case "SuccessfulExit" -> keepAliveOnFailure = value.getTagName().equals("false");
        default -> {}
      }
    }
    assertEquals("dev.rapport.watch", label);
    assertEquals("watch", args.get(args.indexOf("-jar") + 2), args.toString());
    assertTrue(keepAliveOnFailure);
  }

  private static Element next(Element e) {
    org.w3c.dom.Node n = e.getNextSibling();
    while (!(n instanceof Element)) {
      n = n.getNextSibling();
    }
    return (Element) n;
  }

  @Test
  void theExampleHookPassesHeaderTextAsDataNeverAsCode() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path record = tmp.resolve("args");
    Path fake = bin.resolve("notify-send");
    Files.writeString(
        fake, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + record + "'\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    Path pwned = tmp.resolve("pwned");
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", DIST.resolve("on-event").toString());
    pb.environment().put("PATH", bin + ":/usr/bin:/bin");
    pb.environment().put("RAPPORT_EVENT_STATE", "REPLIED");
    pb.environment()
        .put("RAPPORT_EVENT_NAME", "Dr. $(touch " + pwned + ") `touch " + pwned + "` Kim");
    pb.environment().put("RAPPORT_EVENT_REASON", "they replied; your move");
    Process p = pb.start();
    p.getOutputStream().write("{\"event\":\"state\"}\n".getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertEquals(
        List.of(
            "--app-name=Rapport",
            "--",
            "Rapport: Dr. $(touch " + pwned + ") `touch " + pwned + "` Kim",
            "they replied; your move"),
        Files.readAllLines(record));
    assertTrue(Files.notExists(pwned));
  }

  @Test
  void theExampleHookIgnoresStatesThatAskNothing() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", DIST.resolve("on-event").toString())
            .redirectErrorStream(true);
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("RAPPORT_EVENT_STATE", "AWAITING_REPLY");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals("", out);
  }
}
