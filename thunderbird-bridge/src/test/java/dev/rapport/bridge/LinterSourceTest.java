package dev.rapport.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rapport.config.RapportConfig;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.VisaNeed;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinterSourceTest {

  @TempDir Path tmp;

  @Test
  void theOptionsPageProfileIsLaidOverTheConfiguredOne() throws Exception {
    Path file = tmp.resolve("rapport.toml");
    Files.writeString(
        file,
        "[profile]\nname = \"Chidinma Okeke\"\ncountry = \"Nigeria\"\nvisa = \"H-1B\"\n\n[lint]\nfailUnder = 55\n");
    LinterSource source = new LinterSource(file, RapportConfig::empty);
    SenderProfile override =
        new SenderProfile(null, "University of Lagos", null, null, VisaNeed.J1);
    LinterSource.Configured c = source.linter(override);
    assertEquals(
        new SenderProfile("Chidinma Okeke", "University of Lagos", "Nigeria", null, VisaNeed.J1),
        c.linter().profile());
    assertEquals(55, c.failUnder());
    assertEquals(VisaNeed.H1B, source.linter(null).linter().profile().visa());
  }

  @Test
  void aLinterIsBuiltOncePerProfileAndAgainWhenTheFileChanges() throws Exception {
    Path file = tmp.resolve("rapport.toml");
    Files.writeString(file, "[lint]\nfailUnder = 10\n");
    LinterSource source = new LinterSource(file, RapportConfig::empty);
    LinterSource.Configured a = source.linter(null);
    assertSame(a, source.linter(null));
    Files.writeString(file, "[lint]\nfailUnder = 20\n");
    Files.setLastModifiedTime(
        file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    LinterSource.Configured b = source.linter(null);
    assertNotSame(a, b);
    assertEquals(20, b.failUnder());
    assertEquals(a.generation() + 1, b.generation());
  }

  @Test
  void withoutAFileTheDefaultsApply() throws Exception {
    LinterSource source = new LinterSource(tmp.resolve("missing.toml"), RapportConfig::empty);
    assertEquals(0, source.linter(null).failUnder());
    assertEquals(SenderProfile.UNKNOWN, source.linter(null).linter().profile());
  }
}
