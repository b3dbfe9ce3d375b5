package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.testing.RuleExamples;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PluginJarsTest {

  @TempDir Path tmp;

  private static final Draft URGENT =
      Drafts.parseText("Dear Dr. Lee,\n\nThis is URGENT.\n\nBest,\nAna");

  /** A plain jar: one rule flagging a word, listed in META-INF/services. */
  static Path plainPlugin(Path dir, String jarName, String pkg, String id, String word)
      throws IOException {
    Files.createDirectories(dir);
    return new PluginJarBuilder()
        .source(pkg + ".WordRule", PluginJarBuilder.wordRule(pkg + ".WordRule", id, word))
        .service(pkg + ".WordRule")
        .build(dir.resolve(jarName));
  }

  /** A modular jar: the same rule, provided through module-info only. */
  static Path modularPlugin(Path dir, String jarName, String module, String id, String word)
      throws IOException {
    Files.createDirectories(dir);
    String pkg = module + ".impl";
    return new PluginJarBuilder()
        .source(pkg + ".WordRule", PluginJarBuilder.wordRule(pkg + ".WordRule", id, word))
        .moduleInfo(
            "module "
                + module
                + " { requires dev.rapport; provides dev.rapport.lint.Rule with "
                + pkg
                + ".WordRule; }")
        .build(dir.resolve(jarName));
  }

  private static List<Finding> findings(Linter linter, Draft draft, String rule) {
    return linter.lint(draft).findings().stream().filter(f -> f.rule().equals(rule)).toList();
  }

  @Test
  void aPlainJarIsLoadedThroughItsServiceFile() throws IOException {
    Path jar = plainPlugin(tmp, "acme.jar", "com.acme", "ACME.URGENT", "URGENT");

    Linter linter = Linter.builder().plugins(jar).build();

    Linter.ActiveRule rule =
        linter.rules().stream()
            .filter(r -> r.rule().id().equals("ACME.URGENT"))
            .findFirst()
            .orElseThrow();
    assertEquals("plugin acme.jar", rule.origin());
    assertFalse(
        rule.rule().getClass().getModule().isNamed(), "a plain jar's rule lives on a class path");
    assertTrue(
        rule.rule().getClass().getClassLoader() != Rule.class.getClassLoader(),
        "a plugin gets a class loader of its own");
    List<Finding> found = findings(linter, URGENT, "ACME.URGENT");
    assertEquals(1, found.size());
    assertEquals("The word URGENT is here.", found.get(0).message());
    RuleExamples.verify(rule.rule());
  }

  @Test
  void aModularJarIsLoadedAsAModuleLayer() throws IOException {
    Path jar = modularPlugin(tmp, "acme-modular.jar", "com.acme.rules", "ACME.URGENT", "URGENT");

    Linter linter = Linter.builder().plugins(jar).build();

    Rule rule =
        linter.rules().stream()
            .map(Linter.ActiveRule::rule)
            .filter(r -> r.id().equals("ACME.URGENT"))
            .findFirst()
            .orElseThrow();
    Module m = rule.getClass().getModule();
    assertTrue(m.isNamed(), "loaded as a module, not from the class path");
    assertEquals("com.acme.rules", m.getName());
    assertTrue(m.getLayer() != ModuleLayer.boot());
    assertEquals(1, findings(linter, URGENT, "ACME.URGENT").size());
  }

  @Test
  void aFolderIsOnePluginMadeOfEveryJarInIt() throws IOException {
    Path folder = tmp.resolve("acme-plugin");
    // The rule jar uses a class from a second jar of the same folder: both share one class loader.
    Path lib = folder.resolve("words-lib.jar");
    Files.createDirectories(folder);
    new PluginJarBuilder()
        .source(
            "com.words.Words",
            "package com.words; public final class Words { public static String loud() { return \"URGENT\"; } }")
        .build(lib);
    new PluginJarBuilder()
        .compileAgainst(lib)
        .source(
            "com.acme.Loud",
            """
            package com.acme;
            import dev.rapport.lint.*;
            import java.util.List;
            public final class Loud implements Rule {
              public String id() { return "ACME.LOUD"; }
              public Dimension dimension() { return Dimension.HYGIENE; }
              public String description() { return "Flags a loud word."; }
              public List<RuleExample> examples() { return List.of(); }
              public void check(LintContext c, Reporter r) {
                int at = c.draft().text().indexOf(com.words.Words.loud());
                if (at >= 0) r.report(Span.body(at, at + 6), "Loud.", "", 1);
              }
            }
            """)
        .service("com.acme.Loud")
        .build(folder.resolve("acme-rules.jar"));
    Files.writeString(folder.resolve("README.txt"), "not a jar: ignored");

    Linter linter = Linter.builder().plugins(folder).build();

    assertEquals(
        "plugin acme-plugin",
        linter.rules().stream()
            .filter(r -> r.rule().id().equals("ACME.LOUD"))
            .findFirst()
            .orElseThrow()
            .origin());
    assertEquals(1, findings(linter, URGENT, "ACME.LOUD").size());
  }

  @Test
  void aJarAlreadyLoadedIsNotLoadedTwice() throws IOException {
    Path jar = plainPlugin(tmp.resolve("p"), "acme.jar", "com.acme", "ACME.URGENT", "URGENT");

    // The config's lint.plugins names the folder, the command line the jar in it.
    Linter linter = Linter.builder().plugins(tmp.resolve("p")).plugins(jar).build();

    assertEquals(
        1, linter.rules().stream().filter(r -> r.rule().id().equals("ACME.URGENT")).count());
  }

  @Test
  void aMissingPluginIsAOneLineErrorNamingIt() {
    Path missing = tmp.resolve("nope.jar");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(missing));
    assertEquals("cannot load plugin " + missing + ": no such file or folder", e.getMessage());
  }

  @Test
  void aFileThatIsNotAJarIsAnError() throws IOException {
    Path notJar = Files.writeString(tmp.resolve("rules.jar"), "hello");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(notJar));
    assertTrue(
        e.getMessage()
            .startsWith("cannot load plugin " + notJar + ": rules.jar is not a readable jar"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void anEmptyFolderIsAnError() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(empty));
    assertEquals(
        "cannot load plugin " + empty + ": the folder holds no .jar files", e.getMessage());
  }

  @Test
  void aJarThatDeclaresNoRulesIsAnError() throws IOException {
    Path jar =
        new PluginJarBuilder()
            .source("com.acme.Nothing", "package com.acme; public class Nothing {}")
            .build(tmp.resolve("nothing.jar"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(jar));
    assertTrue(e.getMessage().contains("it declares no rules"), e.getMessage());
  }

  @Test
  void aRuleThatCannotBeCreatedIsAnErrorNamingIt() throws IOException {
    Path jar =
        new PluginJarBuilder()
            .source(
                "com.acme.Broken",
                """
                package com.acme;
                import dev.rapport.lint.*;
                import java.util.List;
                public final class Broken implements Rule {
                  public Broken() { throw new IllegalStateException("no dictionary found"); }
                  public String id() { return "ACME.BROKEN"; }
                  public Dimension dimension() { return Dimension.HYGIENE; }
                  public String description() { return "Never works."; }
                  public List<RuleExample> examples() { return List.of(); }
                  public void check(LintContext c, Reporter r) {}
                }
                """)
            .service("com.acme.Broken")
            .build(tmp.resolve("broken.jar"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(jar));
    assertTrue(e.getMessage().contains("com.acme.Broken"), e.getMessage());
    assertTrue(e.getMessage().contains("no dictionary found"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aServiceFileNamingAMissingClassIsAnError() throws IOException {
    Path jar =
        new PluginJarBuilder()
            .source("com.acme.Real", "package com.acme; public class Real {}")
            .service("com.acme.Gone")
            .build(tmp.resolve("gone.jar"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(jar));
    assertTrue(e.getMessage().contains("com.acme.Gone"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "URGENT, malformed rule id 'URGENT'",
    "acme.urgent, malformed rule id 'acme.urgent'",
    "UNFILLED_PLACEHOLDER, is taken by a built-in rule",
    "CONFIG.URGENT, uses the namespace CONFIG",
  })
  void pluginRuleIdsAreCheckedWhenLoaded(String id, String expected) throws IOException {
    Path jar = plainPlugin(tmp, "bad.jar", "com.acme", id, "URGENT");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(jar));
    assertTrue(e.getMessage().startsWith("cannot load plugin " + jar + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void aPluginWithOneBadRuleAddsNone() throws IOException {
    Path jar =
        new PluginJarBuilder()
            .source(
                "com.acme.Good",
                PluginJarBuilder.wordRule("com.acme.Good", "ACME.URGENT", "URGENT"))
            .source(
                "com.acme.Twin", PluginJarBuilder.wordRule("com.acme.Twin", "ACME.URGENT", "ASAP"))
            .service("com.acme.Good")
            .service("com.acme.Twin")
            .build(tmp.resolve("twins.jar"));
    Linter.Builder builder = Linter.builder();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.plugins(jar));

    assertTrue(
        e.getMessage()
            .contains(
                "rule id ACME.URGENT (com.acme.Twin) is already taken by com.acme.Good (plugin twins.jar)"),
        e.getMessage());
    assertTrue(
        builder.build().rules().stream().noneMatch(r -> r.rule().id().startsWith("ACME.")),
        "nothing of the plugin was added");
  }

  @Test
  void twoPluginsWithTheSameRuleIdClash() throws IOException {
    Path a = plainPlugin(tmp.resolve("a"), "acme.jar", "com.acme", "ACME.URGENT", "URGENT");
    Path b = modularPlugin(tmp.resolve("b"), "acme-copy.jar", "com.copy", "ACME.URGENT", "ASAP");
    Linter.Builder builder = Linter.builder().plugins(a);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> builder.plugins(b));
    assertEquals(
        "cannot load plugin "
            + b
            + ": rule id ACME.URGENT (com.copy.impl.WordRule) is already taken by com.acme.WordRule (plugin acme.jar)",
        e.getMessage());
  }

  @Test
  void twoPluginsMayNotShareANamespace() throws IOException {
    Path a = plainPlugin(tmp.resolve("a"), "acme.jar", "com.acme", "ACME.URGENT", "URGENT");
    Path b = plainPlugin(tmp.resolve("b"), "other.jar", "com.other", "ACME.ASAP", "ASAP");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(a).plugins(b));
    assertTrue(
        e.getMessage().contains("uses the namespace ACME, which plugin acme.jar already uses"),
        e.getMessage());
  }

  @Test
  void aPluginThatBundlesRapportItselfIsRejected() throws IOException {
    Path jar = tmp.resolve("fat.jar");
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(os)) {
      j.putNextEntry(new JarEntry("dev/rapport/lint/Rule.class"));
      j.write(new byte[] {1, 2, 3});
      j.closeEntry();
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(jar));
    assertTrue(e.getMessage().contains("bundles Rapport itself"), e.getMessage());
  }

  @Test
  void pluginOptionsAreCheckedAgainstTheirBoundsLikeBuiltIns() throws IOException {
    Path jar = plainPlugin(tmp, "acme.jar", "com.acme", "ACME.URGENT", "URGENT");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Linter.builder().plugins(jar).option("ACME.URGENT", "deduction", 80).build());
    assertEquals(
        "rule ACME.URGENT: option 'deduction' must be between 0 and 50, not 80", e.getMessage());

    Linter linter = Linter.builder().plugins(jar).option("acme.urgent", "deduction", 20).build();
    assertEquals(20, findings(linter, URGENT, "ACME.URGENT").get(0).deduction());
  }

  @Test
  void aModularPluginMissingADependencyIsAnErrorNamingIt() throws IOException {
    Path dictionary =
        new PluginJarBuilder()
            .source(
                "com.acme.dictionary.Words",
                "package com.acme.dictionary; public final class Words { public static final String LOUD = \"URGENT\"; }")
            .moduleInfo("module com.acme.dictionary { exports com.acme.dictionary; }")
            .build(tmp.resolve("dictionary.jar"));
    Path dir = Files.createDirectories(tmp.resolve("plugin"));
    Path jar =
        new PluginJarBuilder()
            .compileAgainst(dictionary)
            .source(
                "com.acme.rules.impl.WordRule",
                PluginJarBuilder.wordRule("com.acme.rules.impl.WordRule", "ACME.URGENT", "URGENT"))
            .moduleInfo(
                "module com.acme.rules { requires dev.rapport; requires com.acme.dictionary;"
                    + " provides dev.rapport.lint.Rule with com.acme.rules.impl.WordRule; }")
            .build(dir.resolve("acme.jar"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Linter.builder().plugins(jar));
    assertTrue(e.getMessage().startsWith("cannot load plugin " + jar + ": "), e.getMessage());
    assertTrue(e.getMessage().contains("com.acme.dictionary not found"), e.getMessage());

    // With its dependency beside it in the plugin's folder it loads.
    Files.copy(dictionary, dir.resolve("dictionary.jar"));
    assertTrue(
        Linter.builder().plugins(dir).build().rules().stream()
            .anyMatch(r -> r.rule().id().equals("ACME.URGENT")));
  }

  @Test
  void theStandInModuleExportsWhatTheRealOneExports() {
    var real =
        java.lang.module.ModuleFinder.of(PluginJarBuilder.coreClasses())
            .find("dev.rapport")
            .orElseThrow()
            .descriptor();
    var exported =
        real.exports().stream()
            .filter(x -> !x.isQualified())
            .map(java.lang.module.ModuleDescriptor.Exports::source)
            .sorted()
            .toList();
    assertEquals(
        exported,
        PluginJars.API_PACKAGES.stream().sorted().toList(),
        "PluginJars.API_PACKAGES must list module-info.java's exports, or class-path Rapport cannot load modular plugins using them");
  }

  @Test
  void aModularPluginLoadsWhenRapportItselfRunsAsAModule() throws Exception {
    Path jar = modularPlugin(tmp, "acme-modular.jar", "com.acme.rules", "ACME.URGENT", "URGENT");
    List<Path> modulePath = PluginJarBuilder.coreModulePath("info.picocli");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
                java,
                "--module-path",
                String.join(File.pathSeparator, modulePath.stream().map(Path::toString).toList()),
                "--add-modules",
                "info.picocli",
                "-m",
                "dev.rapport/dev.rapport.cli.Main",
                "rules",
                "--plugin",
                jar.toString())
            .redirectErrorStream(true);
    pb.environment().put("HOME", tmp.toString());
    pb.environment().remove("XDG_CONFIG_HOME");
    pb.environment().remove("RAPPORT_CONFIG");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the rules command did not end");
    assertEquals(0, p.exitValue(), out);
    assertTrue(
        out.lines()
            .anyMatch(l -> l.startsWith("ACME.URGENT") && l.contains("plugin acme-modular.jar")),
        out);
  }
}
