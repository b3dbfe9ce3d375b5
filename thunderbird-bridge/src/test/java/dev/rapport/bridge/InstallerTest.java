package dev.rapport.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstallerTest {

  @TempDir Path tmp;

  private final List<String> registryCalls = new ArrayList<>();
  private final Installer.Registry fakeRegistry =
      new Installer.Registry() {
        @Override
        public void setDefault(String key, String value) {
          registryCalls.add("set " + key + " = " + value);
        }

        @Override
        public void delete(String key) {
          registryCalls.add("delete " + key);
        }
      };

  private Path jar() throws IOException {
    Path jar = tmp.resolve("build/rapport-bridge.jar");
    Files.createDirectories(jar.getParent());
    Files.write(jar, new byte[] {'P', 'K', 3, 4});
    return jar;
  }

  private Installer installer(Platform p) {
    return new Installer(
        p, Path.of("/opt/java 17/bin/java"), fakeRegistry, (java, jar, archive) -> false);
  }

  @Test
  void linuxInstallWritesTheManifestWhereThunderbirdLooksWithAnAbsoluteLauncher() throws Exception {
    Path home = tmp.resolve("home");
    Platform linux =
        new Platform(Platform.Os.LINUX, Map.of("HOME", home.toString()), "/nonexistent");
    Installer.Installed done = installer(linux).install(jar());

    Path manifest = home.resolve(".mozilla/native-messaging-hosts/dev.rapport.bridge.json");
    assertEquals(manifest, done.manifest());
    JsonNode m = HostHarness.JSON.readTree(Files.readString(manifest));
    assertEquals("dev.rapport.bridge", m.get("name").asText());
    assertEquals("stdio", m.get("type").asText());
    assertEquals(
        List.of("rapport@rapport.dev"), List.of(m.get("allowed_extensions").get(0).asText()));
    assertEquals(1, m.get("allowed_extensions").size());
    Path launcher = Path.of(m.get("path").asText());
    assertTrue(launcher.isAbsolute());
    assertEquals(home.resolve(".local/share/rapport/bridge/rapport-bridge"), launcher);
    assertTrue(Files.isExecutable(launcher));
    String script = Files.readString(launcher);
    assertTrue(script.startsWith("#!/bin/sh\n"));
    assertTrue(script.contains("exec '/opt/java 17/bin/java' "), script);
    assertTrue(script.contains("-jar '" + done.jar() + "' \"$@\""), script);
    assertTrue(script.contains("-Xlog:disable"), "JVM warnings must never reach stdout");
    assertTrue(Files.isRegularFile(done.jar()));
    assertTrue(registryCalls.isEmpty());

    List<Path> removed = installer(linux).uninstall();
    assertFalse(Files.exists(manifest));
    assertFalse(Files.exists(launcher));
    assertFalse(Files.exists(done.jar()));
    assertEquals(3, removed.size());
    assertTrue(installer(linux).uninstall().isEmpty(), "a second uninstall finds nothing");
  }

  @Test
  void aTrainedClassDataArchiveIsNamedInTheLauncherAndRemovedWithIt() throws Exception {
    Path home = tmp.resolve("home");
    Platform linux =
        new Platform(Platform.Os.LINUX, Map.of("HOME", home.toString()), "/nonexistent");
    Installer trained =
        new Installer(
            linux,
            Path.of("/usr/bin/java"),
            fakeRegistry,
            (java, jar, archive) -> {
              try {
                Files.writeString(archive, "archive of " + jar.getFileName());
                return true;
              } catch (IOException e) {
                return false;
              }
            });
    Installer.Installed done = trained.install(jar());
    assertEquals(done.jar().resolveSibling("rapport-bridge.jsa"), done.archive());
    assertTrue(
        Files.readString(done.launcher())
                    .contains(" '-XX:SharedArchiveFile=" + done.archive() + "' ")
                == done.archive().toString().contains(" ")
            || Files.readString(done.launcher())
                .contains(" -XX:SharedArchiveFile=" + done.archive() + " "),
        Files.readString(done.launcher()));
    trained.uninstall();
    assertFalse(Files.exists(done.archive()));
    // Without an archive the launcher names none (an absent archive would only slow each start).
    assertFalse(
        Files.readString(installer(linux).install(jar()).launcher()).contains("SharedArchiveFile"));
  }

  @Test
  void xdgDataHomeIsHonouredAndARelativeOneIgnored() throws Exception {
    Path home = tmp.resolve("home");
    Path data = tmp.resolve("data");
    Platform p =
        new Platform(
            Platform.Os.LINUX,
            Map.of("HOME", home.toString(), "XDG_DATA_HOME", data.toString()),
            "/x");
    assertEquals(
        data.resolve("rapport/bridge/rapport-bridge"), installer(p).install(jar()).launcher());
    Platform relative =
        new Platform(
            Platform.Os.LINUX, Map.of("HOME", home.toString(), "XDG_STATE_HOME", "state"), "/x");
    assertEquals(home.resolve(".local/state/rapport"), relative.logDir());
  }

  @Test
  void macInstallUsesTheApplicationSupportFolder() throws Exception {
    Path home = tmp.resolve("mac");
    Platform mac = new Platform(Platform.Os.MAC, Map.of("HOME", home.toString()), "/x");
    Installer.Installed done = installer(mac).install(jar());
    assertEquals(
        home.resolve(
            "Library/Application Support/Mozilla/NativeMessagingHosts/dev.rapport.bridge.json"),
        done.manifest());
    assertTrue(
        Files.readString(done.manifest())
            .contains(
                home.resolve("Library/Application Support/Rapport/bridge/rapport-bridge")
                    .toString()));
  }

  @Test
  void windowsInstallNamesTheManifestInTheUsersRegistryKey() throws Exception {
    Path local = tmp.resolve("AppData/Local");
    Platform win =
        new Platform(
            Platform.Os.WINDOWS,
            Map.of("USERPROFILE", tmp.toString(), "LOCALAPPDATA", local.toString()),
            "/x");
    Installer.Installed done = installer(win).install(jar());
    assertEquals(local.resolve("Rapport/bridge/dev.rapport.bridge.json"), done.manifest());
    assertEquals(
        List.of(
            "set HKCU\\Software\\Mozilla\\NativeMessagingHosts\\dev.rapport.bridge = "
                + done.manifest()),
        registryCalls);
    String cmd = Files.readString(done.launcher());
    assertTrue(done.launcher().toString().endsWith("rapport-bridge.cmd"));
    assertTrue(cmd.startsWith("@echo off\r\n\"/opt/java 17/bin/java\" "), cmd);
    assertTrue(cmd.endsWith(" %*\r\n"), cmd);
    installer(win).uninstall();
    assertEquals(
        "delete HKCU\\Software\\Mozilla\\NativeMessagingHosts\\dev.rapport.bridge",
        registryCalls.get(1));
    assertFalse(Files.exists(done.manifest()));
  }

  @Test
  void installingAgainReplacesTheCopyInPlace() throws Exception {
    Platform linux =
        new Platform(Platform.Os.LINUX, Map.of("HOME", tmp.resolve("h").toString()), "/x");
    Path jar = jar();
    installer(linux).install(jar);
    Files.write(jar, new byte[] {'P', 'K', 3, 4, 9});
    Installer.Installed again = installer(linux).install(jar);
    assertEquals(5, Files.size(again.jar()));
    try (var files = Files.list(again.jar().getParent())) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void commandLineErrorsAreOneLineWithExitCodeTwo() {
    Platform linux = new Platform(Platform.Os.LINUX, Map.of("HOME", tmp.toString()), "/x");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, BridgeMain.run(new String[] {"instal"}, linux, o, e));
    assertEquals(1, err.toString(StandardCharsets.UTF_8).strip().lines().count());
    assertEquals(2, BridgeMain.run(new String[] {"install", "--force"}, linux, o, e));
    assertEquals(0, BridgeMain.run(new String[] {"--help"}, linux, o, e));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("install"));
    // Run from a classes folder (as here) install cannot copy a jar: it says so.
    err.reset();
    assertEquals(2, BridgeMain.install(linux, null, o, e));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("rapport-bridge.jar"));
  }

  @Test
  void thunderbirdsArgumentsMeanServe() {
    assertTrue(BridgeMain.serves(new String[0]));
    assertTrue(
        BridgeMain.serves(
            new String[] {
              "/home/a/.mozilla/native-messaging-hosts/dev.rapport.bridge.json",
              "rapport@rapport.dev"
            }));
    assertFalse(BridgeMain.serves(new String[] {"install"}));
  }
}
