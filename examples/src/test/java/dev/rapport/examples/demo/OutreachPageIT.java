package dev.rapport.examples.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.track.ContactState;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The picture of the outreach ({@code rapport status --format html}, here of the demo's mailbox)
 * opened in a real headless Chromium: it must draw it into a screenshot that is not blank, and lay
 * it out at a phone's 420 px, at the narrowest two-column width and on a desktop with no scale
 * labels touching, no date broken over two lines and nothing wider than the screen. The browser
 * runs with networking features off and a fresh profile; the page needs nothing else. The demo runs
 * once for both tests.
 */
class OutreachPageIT {

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir static Path tmp;

  private static @Nullable Path page;

  /** The demo's page, written once (by the built jar, as a user would). */
  static Path page() throws Exception {
    if (page == null) {
      Path file = tmp.resolve("outreach.html");
      DemoJarIT.Result demo = DemoJarIT.runJar(tmp, "--html", file.toString());
      assertEquals(0, demo.exitCode(), demo.output());
      assertTrue(Files.size(file) > 2_000, "page too small");
      page = file;
    }
    return page;
  }

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

  /**
   * Runs headless Chromium with a fresh profile and home folder on {@code url} with {@code
   * arguments}; returns what it printed on stdout (stderr goes to a log, shown on failure).
   */
  private static String runChromium(String name, String url, String... arguments) throws Exception {
    Path chromium = chromium();
    Path profile = Files.createDirectories(tmp.resolve(name + "-profile"));
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile));
    command.addAll(List.of(arguments));
    command.add(url);
    Path stdout = tmp.resolve(name + ".out");
    Path log = tmp.resolve(name + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(log.toFile());
    Map<String, String> env = pb.environment();
    Path home = Files.createDirectories(tmp.resolve(name + "-home"));
    env.put("HOME", home.toString());
    env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    env.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    Process p = pb.start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError(
            "chromium did not finish in 60 seconds:\n" + Files.readString(log));
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    assertEquals(0, p.exitValue(), Files.readString(log));
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  @Test
  void chromiumDrawsThePageIntoANonBlankScreenshot() throws Exception {
    chromium();
    Path shot = tmp.resolve("outreach.png");
    runChromium(
        "screenshot", page().toUri().toString(), "--screenshot=" + shot, "--window-size=1200,900");
    assertTrue(Files.isRegularFile(shot), "no screenshot written");

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

  /**
   * Viewport widths to lay the page out at: a phone, the narrowest two-column layout (where the
   * timeline is narrowest of all) and a desktop.
   */
  private static final int[] WIDTHS = {420, 760, 1280};

  @Test
  void atAPhonesWidthAndWiderNoLabelsTouchAndNoDateBreaks() throws Exception {
    chromium();
    Path page = page();
    // Headless Chromium makes no window narrower than 500 px: the page is laid out in frames of
    // the widths wanted, where it sees the frame's width as its viewport (and media queries follow
    // it). layout-check.js measures each frame as the browser drew it.
    String script;
    try (InputStream in =
        Objects.requireNonNull(OutreachPageIT.class.getResourceAsStream("layout-check.js"))) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder frames = new StringBuilder();
    for (int w : WIDTHS) {
      frames.append(
          String.format(
              "<iframe src=\"%s\" width=\"%d\" height=\"4000\" onload=\"measure(this)\"></iframe>%n",
              page.getFileName(), w));
    }
    Path wrapper = page.resolveSibling("layout.html");
    Files.writeString(
        wrapper,
        "<!doctype html><html><head><meta charset=\"utf-8\"><script>\n"
            + script
            + "</script></head><body>\n"
            + frames
            + "</body></html>\n");
    String dom =
        runChromium(
            "layout",
            wrapper.toUri().toString(),
            "--allow-file-access-from-files",
            "--window-size=1400,1000",
            "--dump-dom");

    List<JsonNode> measured = new ArrayList<>();
    for (Element pre : Jsoup.parse(dom).select("pre.layout-check")) {
      measured.add(new ObjectMapper().readTree(pre.wholeText()));
    }
    assertEquals(WIDTHS.length, measured.size(), "one measurement per frame:\n" + dom);
    Set<String> labels = new HashSet<>();
    for (ContactState s : ContactState.values()) {
      labels.add(s.label());
    }
    Set<Integer> widths = new HashSet<>();
    for (JsonNode m : measured) {
      int width = m.get("viewport").asInt();
      widths.add(width);
      String at = width + " px: " + m;
      // Labels: "today" and at least two month labels, none touching, all on the screen.
      assertTrue(m.get("labels").size() >= 3, at);
      assertEquals(0, m.get("overlaps").size(), at);
      for (JsonNode l : m.get("labels")) {
        assertTrue(l.get("left").asDouble() >= 0 && l.get("right").asDouble() <= width, at);
      }
      assertTrue(m.get("scrollWidth").asInt() <= width, "wider than the screen at " + at);
      // Dates: every one in a <time class="date">, each drawn on one line.
      assertTrue(m.get("dates").asInt() >= 10, at);
      assertEquals(0, m.get("unwrappedDates").size(), at);
      assertEquals(0, m.get("brokenDates").size(), at);
      // States: one spelling, ContactState.label(), as the reader sees it (text-transform
      // applied).
      assertEquals(10, m.get("states").size(), at);
      for (JsonNode state : m.get("states")) {
        assertTrue(labels.contains(state.asText()), state + " at " + at);
      }
      for (JsonNode count : m.get("counts")) {
        assertTrue(labels.contains(count.asText().replaceFirst("^\\d+ ", "")), count + " at " + at);
      }
      assertTrue(
          m.get("asOf")
              .asText()
              .matches(
                  "as of \\w+ \\d{1,2} \\w+ \\d{4}, \\d{2}:\\d{2} (UTC|\\S+ \\(UTC[+-]\\d{2}:\\d{2}\\))"),
          "the time zone is named: " + at);
    }
    assertEquals(Set.of(420, 760, 1280), widths, "each frame was its own viewport");
  }
}
