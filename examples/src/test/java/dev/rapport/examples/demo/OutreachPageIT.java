package dev.rapport.examples.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picture of the outreach ({@code rapport status --format html}, here of the demo's mailbox)
 * opened in a real headless Chromium, which must draw it into a screenshot that is not blank. The
 * browser runs with networking features off and a fresh profile; the page needs nothing else.
 */
class OutreachPageIT {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path tmp;

  /** Chromium's executable; skips without one, except on CI where it fails. */
  static Path chromium() {
    Optional<Path> found =
        Arrays.stream(
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator))
            .flatMap(d -> List.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")).stream())
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty()) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(
            "chromium is not installed (apt-get install -y chromium); CI must run this test");
      }
      Assumptions.abort("chromium is not installed; skipping the screenshot test (CI runs it)");
    }
    return found.get();
  }

  @Test
  void chromiumDrawsThePageIntoANonBlankScreenshot() throws Exception {
    Path chromium = chromium();
    Path page = tmp.resolve("outreach.html");
    DemoJarIT.Result demo = DemoJarIT.runJar(tmp, "--html", page.toString());
    assertEquals(0, demo.exitCode(), demo.output());
    assertTrue(Files.size(page) > 2_000, "page too small");

    Path profile = Files.createDirectories(tmp.resolve("profile"));
    Path shot = tmp.resolve("outreach.png");
    ProcessBuilder pb =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--screenshot=" + shot,
                "--window-size=1200,900",
                page.toUri().toString())
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("chromium.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("HOME", Files.createDirectories(tmp.resolve("home")).toString());
    env.put("XDG_CONFIG_HOME", tmp.resolve("home/.config").toString());
    env.put("XDG_CACHE_HOME", tmp.resolve("home/.cache").toString());
    Process p = pb.start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "chromium did not finish in 60 seconds:\n"
                + Files.readString(tmp.resolve("chromium.log")));
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String log = Files.readString(tmp.resolve("chromium.log"));
    assertEquals(0, p.exitValue(), log);
    assertTrue(Files.isRegularFile(shot), "no screenshot written:\n" + log);

    byte[] png = Files.readAllBytes(shot);
    assertArrayEquals(PNG, Arrays.copyOf(png, PNG.length), "not a PNG");
    assertTrue(png.length > 20_000, "suspiciously small screenshot: " + png.length + " bytes");
    BufferedImage image = ImageIO.read(shot.toFile());
    assertEquals(1200, image.getWidth());
    assertEquals(900, image.getHeight());
    // Not blank: many colours (text, state colours, marks), and plenty of pixels unlike the
    // background.
    int background = image.getRGB(image.getWidth() - 3, image.getHeight() - 3);
    Set<Integer> colours = new HashSet<>();
    long different = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y);
        colours.add(rgb);
        if (rgb != background) {
          different++;
        }
      }
    }
    long sampled = (long) (image.getWidth() / 2) * (image.getHeight() / 2);
    assertTrue(colours.size() > 50, "only " + colours.size() + " colours: a blank or broken page");
    assertTrue(
        different > sampled / 50,
        "only " + different + " of " + sampled + " pixels differ from the background");
    // The state colours are drawn: the badge of "replied" (#1a7f37 in light mode, #3fb950 in dark).
    assertTrue(
        colours.contains(0xff1a7f37) || colours.contains(0xff3fb950),
        "no state colour in the screenshot");
  }
}
