package dev.rapport.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end in a real headless Thunderbird: the add-on and the host installed as a user would, two
 * drafts sent with {@code compose.sendMessage}; the one with an unfilled placeholder must be
 * stopped and only the good one may reach the SMTP sink.
 */
class ThunderbirdSendIT {

  @TempDir Path tmp;

  static Path built(String property) {
    Path p = Path.of(System.getProperty(property, "missing"));
    assertTrue(Files.isRegularFile(p), property + " not built: " + p + " (run mvn verify)");
    return p;
  }

  static int install(Path jar, Map<String, String> env) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(java.toString(), "-jar", jar.toString(), "install")
            .redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    return p.exitValue();
  }

  @Test
  void aDraftWithAnUnfilledPlaceholderIsStoppedAndOnlyTheGoodOneIsSent() throws Exception {
    Path thunderbird = Thunderbird.require();
    Path jar = built("rapport.bridge.jar");
    Path xpi = built("rapport.addon.xpi");
    Map<String, String> env = Thunderbird.environment(tmp);
    Files.createDirectories(tmp.resolve("tmp"));
    Files.createDirectories(tmp.resolve("home"));

    install(jar, env);
    Path manifest = tmp.resolve("home/.mozilla/native-messaging-hosts/dev.rapport.bridge.json");
    assertTrue(Files.isRegularFile(manifest), "install wrote no manifest under the temporary HOME");

    GreenMail sink = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    sink.start();
    try {
      int port = sink.getSmtp().getPort();
      Path profile = tmp.resolve("profile");
      Thunderbird.writeProfile(profile, port);
      Files.copy(xpi, profile.resolve("extensions/" + Installer.ADDON_ID + ".xpi"));
      Thunderbird.zip(
          Path.of("src/test/e2e-addon"),
          Map.of("drafts.json", drafts()),
          profile.resolve("extensions/rapport-e2e@rapport.dev.xpi"));

      Path log = Path.of("target/thunderbird-e2e.log");
      try (Thunderbird tb = new Thunderbird(thunderbird, profile, env, log)) {
        String done = tb.await("RAPPORT-E2E DONE", 120_000);
        List<String> out = tb.output();
        String report =
            String.join(
                "\n",
                out.stream()
                    .filter(l -> l.contains("RAPPORT-E2E") || l.contains("rapport"))
                    .toList());
        assertNotNull(
            done, "the driver add-on did not finish; see " + log.toAbsolutePath() + "\n" + report);
        String placeholder = line(out, "RAPPORT-E2E result placeholder ");
        String good = line(out, "RAPPORT-E2E result good ");
        assertTrue(
            placeholder.contains(" stopped ") && placeholder.contains("onBeforeSend"), placeholder);
        assertTrue(good.contains(" sent "), good);
        // Opened after the send was already cancelled; by the time the good draft went, it is open.
        assertTrue(
            tb.output().stream().anyMatch(l -> l.contains("rapport: findings window")),
            "the findings window never opened for the stopped draft\n" + report);
        System.out.println(report);
      }

      assertTrue(
          sink.waitForIncomingEmail(10_000, 1), "the good draft never reached the SMTP sink");
      MimeMessage[] received = sink.getReceivedMessages();
      assertEquals(1, received.length, "only the good draft may reach the sink");
      String body = GreenMailUtil.getBody(received[0]);
      assertTrue(body.contains("Dear Dr. Ruiz"), body);
      assertTrue(!body.contains("[Last Name]"), body);
    } finally {
      sink.stop();
    }
    assertTrue(
        Files.list(tmp.resolve("home/.local/state/rapport")).findAny().isPresent(),
        "the host wrote no log under XDG_STATE_HOME");
  }

  private static String line(List<String> out, String prefix) {
    return out.stream()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no line " + prefix + " in\n" + String.join("\n", out)));
  }

  private static String drafts() throws IOException {
    ArrayNode a = HostHarness.JSON.createArrayNode();
    a.addObject()
        .put("name", "placeholder")
        .put("to", SampleDrafts.TO)
        .put("subject", SampleDrafts.SUBJECT)
        .put("body", SampleDrafts.PLACEHOLDER);
    a.addObject()
        .put("name", "good")
        .put("to", SampleDrafts.TO)
        .put("subject", SampleDrafts.SUBJECT)
        .put("body", SampleDrafts.GOOD);
    return HostHarness.JSON.writeValueAsString(a);
  }
}
