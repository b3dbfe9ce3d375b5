package dev.rapport.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.testing.GreenMailServer;
import dev.rapport.testing.Mail;
import jakarta.mail.Flags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged host as Thunderbird runs it: installed with {@code install} under a temporary home,
 * started through its launcher with the manifest's path and the add-on's id, over real pipes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostProcessIT {

  // Installed once (install trains the class-data archive, which takes a few seconds).
  @TempDir static Path tmp;
  private static Map<String, String> env;
  private static List<String> launcher;

  @BeforeAll
  static void install() throws Exception {
    env = Thunderbird.environment(tmp);
    Files.createDirectories(tmp.resolve("home"));
    ThunderbirdSendIT.install(ThunderbirdSendIT.built("rapport.bridge.jar"), env);
    Path manifestFile = tmp.resolve("home/.mozilla/native-messaging-hosts/dev.rapport.bridge.json");
    JsonNode manifest = HostHarness.JSON.readTree(Files.readString(manifestFile));
    Path path = Path.of(manifest.get("path").asText());
    assertTrue(path.isAbsolute() && Files.isExecutable(path), path.toString());
    assertTrue(
        Files.isRegularFile(path.resolveSibling("rapport-bridge.jsa")),
        "install trained no class-data archive");
    launcher = List.of(path.toString(), manifestFile.toString(), Installer.ADDON_ID);
  }

  private HostProcess start() throws Exception {
    return new HostProcess(launcher, env, tmp.resolve("stderr.txt"));
  }

  @Test
  @Order(1)
  void manyRequestsThenStdinClosedIsACleanExitWithOnlyFramesOnStdout() throws Exception {
    try (HostProcess h = start()) {
      for (int i = 0; i < 40; i++) {
        h.send(
            i % 4 == 0
                ? "{\"id\":" + i + ",\"type\":\"ping\"}"
                : HostHarness.lint(
                    i, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.PLACEHOLDER + i));
        JsonNode r = HostHarness.JSON.readTree(h.receive());
        assertEquals(i, r.get("id").asInt());
      }
      assertEquals(0, h.closeAndWait(20));
      assertEquals(0, h.rest().length, "nothing but frames on stdout");
    }
    String log = Files.readString(tmp.resolve("home/.local/state/rapport/bridge0.log"));
    assertTrue(log.contains("served 40 requests"), log);
    assertFalse(
        log.contains("Ruiz") || log.contains("example.edu"),
        "drafts and addresses are never logged");
  }

  @Test
  void stdinClosedInsideAFrameEndsTheHostWithoutAStackTrace() throws Exception {
    try (HostProcess h = start()) {
      h.send("{\"id\":1,\"type\":\"ping\"}");
      assertNotNull(h.receive());
      byte[] frame =
          HostHarness.frame("{\"id\":2,\"type\":\"ping\"}".getBytes(StandardCharsets.UTF_8));
      h.sendRaw(java.util.Arrays.copyOf(frame, 10));
      assertEquals(1, h.closeAndWait(20));
      assertNull(h.receive());
    }
    String err = Files.readString(tmp.resolve("stderr.txt"));
    assertFalse(err.contains("Exception") || err.contains("\tat "), err);
  }

  @Test
  void oversizedBrokenAndUnknownRequestsAreAnsweredAndTheHostGoesOn() throws Exception {
    try (HostProcess h = start()) {
      byte[] huge = new byte[BridgeHost.MAX_REQUEST_BYTES + 10];
      java.util.Arrays.fill(huge, (byte) 'x');
      h.send(huge);
      assertEquals("too-large", HostHarness.JSON.readTree(h.receive()).get("code").asText());
      h.send("{\"id\":2,\"type\":");
      assertEquals("bad-json", HostHarness.JSON.readTree(h.receive()).get("code").asText());
      h.send("{\"id\":3,\"type\":\"reboot\"}");
      assertEquals("unknown-type", HostHarness.JSON.readTree(h.receive()).get("code").asText());
      h.send(HostHarness.lint(4, SampleDrafts.TO, SampleDrafts.SUBJECT, SampleDrafts.GOOD));
      assertEquals("scorecard", HostHarness.JSON.readTree(h.receive()).get("type").asText());
      assertEquals(0, h.closeAndWait(20));
    }
  }

  @Test
  void withAnAccountInTheConfigTheInstalledHostKnowsTheThread() throws Exception {
    String user = "chidinma@example.org";
    Path config = tmp.resolve("home/.config/rapport/rapport.toml");
    try (GreenMailServer mail = new GreenMailServer().user(user, "gm-Host-7").start()) {
      mail.append(
          user,
          "Sent",
          Mail.from("Chidinma Okeke <" + user + ">")
              .to(SampleDrafts.TO)
              .subject("Observership question")
              .date(Instant.now().minus(Duration.ofDays(3)))
              .body("Would a short call about an observership suit you?")
              .build(),
          new Flags(Flags.Flag.SEEN));
      Files.createDirectories(config.getParent());
      Files.writeString(
          config,
          "[[accounts]]\nname = \"work\"\nimap = \""
              + mail.url(user)
              + "\"\n"
              + "passwordCommand = \"printf %s gm-Host-7\"\n");
      String followUp =
          "Dear Dr. Ruiz,\n\nI wanted to follow up on my note about an observership in spinal cord injury "
              + "rehabilitation. Would a 15-minute call next week suit you?\n\nBest regards,\nChidinma\n";
      try (HostProcess h = start()) {
        // The host reads the mailbox in the background from its start; until then drafts are
        // checked without the thread (thread: null). Ask again until it is known, within a bound.
        JsonNode reply = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (int i = 1; System.nanoTime() < deadline; i++) {
          h.send(
              HostHarness.lint(
                  i, SampleDrafts.TO, "Following up on my observership question", followUp + i));
          reply = HostHarness.JSON.readTree(h.receive());
          assertEquals("scorecard", reply.path("type").asText(), reply.toString());
          if (!reply.path("thread").isNull()) {
            break;
          }
          Thread.sleep(100);
        }
        JsonNode thread = reply.path("thread");
        assertFalse(
            thread.isNull(),
            "the host never read the mailbox: " + Files.readString(tmp.resolve("stderr.txt")));
        assertEquals("work", thread.path("account").asText(), reply.toString());
        assertEquals(1, thread.path("unanswered").asInt(), reply.toString());
        assertTrue(reply.toString().contains("\"FOLLOW_UP_TOO_SOON\""), reply.toString());
        assertEquals(0, h.closeAndWait(20));
      }
    } finally {
      Files.deleteIfExists(config);
    }
    String log = Files.readString(tmp.resolve("home/.local/state/rapport/bridge0.log"));
    assertFalse(log.contains("gm-Host-7"), "the password is never logged");
  }

  @Test
  @Order(Integer.MAX_VALUE) // after the others: it removes what they run
  void uninstallRemovesTheManifestAndTheLauncher() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            "-jar",
            ThunderbirdSendIT.built("rapport.bridge.jar").toString(),
            "uninstall");
    pb.environment().putAll(env);
    Process p = pb.redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertFalse(Files.exists(Path.of(launcher.get(0))));
    assertFalse(Files.exists(Path.of(launcher.get(1))));
  }
}
