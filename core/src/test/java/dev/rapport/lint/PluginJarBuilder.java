package dev.rapport.lint;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a small rule plugin from Java source at test time and packs it as a jar: a plain jar
 * with {@code META-INF/services}, or a modular jar with a {@code module-info}. Not thread-safe.
 */
public final class PluginJarBuilder {

  private final Map<String, String> sources = new LinkedHashMap<>();
  private final List<String> services = new ArrayList<>();
  private final List<Path> classPath = new ArrayList<>();
  private String module = "";

  /**
   * Returns the source of a rule class that flags a word in the body (case-sensitive), with one
   * option, {@code deduction} (0..50, default 5), for tests of option bounds.
   */
  public static String wordRule(String className, String id, String word) {
    int dot = className.lastIndexOf('.');
    return """
        package %s;

        import dev.rapport.lint.*;
        import java.util.List;

        public final class %s implements Rule {
          public String id() { return "%s"; }
          public Dimension dimension() { return Dimension.HYGIENE; }
          public String description() { return "Flags the word %s."; }
          public List<RuleOption> options() {
            return List.of(RuleOption.integer("deduction", 5, 0, 50, "points per finding"));
          }
          public List<RuleExample> examples() {
            return List.of(RuleExample.bad("Hello,\\n\\nThis is %s.\\n\\nAna"), RuleExample.good("Hello,\\n\\nThis is fine.\\n\\nAna"));
          }
          public void check(LintContext context, Reporter reporter) {
            String text = context.draft().text();
            int at = text.indexOf("%s");
            if (at >= 0) {
              reporter.report(Span.body(at, at + %d), "The word %s is here.", "Drop it.", context.options().integer("deduction"));
            }
          }
        }
        """
        .formatted(
            className.substring(0, dot),
            className.substring(dot + 1),
            id,
            word,
            word,
            word,
            word.length(),
            word);
  }

  /** Adds a class; {@code className} is fully qualified. */
  public PluginJarBuilder source(String className, String code) {
    sources.put(className, code);
    return this;
  }

  /** Lists a class in {@code META-INF/services/dev.rapport.lint.Rule}. */
  public PluginJarBuilder service(String className) {
    services.add(className);
    return this;
  }

  /** Makes the jar a module with this {@code module-info.java}. */
  public PluginJarBuilder moduleInfo(String code) {
    this.module = code;
    return this;
  }

  /** Adds a jar the sources compile against (and that the plugin needs at run time). */
  public PluginJarBuilder compileAgainst(Path jar) {
    classPath.add(jar);
    return this;
  }

  /** Compiles and writes the jar. */
  public Path build(Path jar) throws IOException {
    Path work = Files.createTempDirectory(jar.getParent(), "src");
    Path src = work.resolve("src");
    Path out = work.resolve("classes");
    Files.createDirectories(out);
    List<String> args =
        new ArrayList<>(
            List.of("--release", "17", "-proc:none", "-Xlint:none", "-d", out.toString()));
    if (module.isEmpty()) {
      List<Path> cp = new ArrayList<>(classPath);
      cp.add(coreClasses());
      args.add("-cp");
      args.add(join(cp));
    } else {
      List<Path> mp = new ArrayList<>(classPath);
      mp.addAll(coreModulePath());
      args.add("--module-path");
      args.add(join(mp));
      write(src.resolve("module-info.java"), module);
      args.add(src.resolve("module-info.java").toString());
    }
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
      write(f, e.getValue());
      args.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
    if (rc != 0) {
      throw new IllegalStateException(
          "plugin did not compile: " + diagnostics.toString(StandardCharsets.UTF_8));
    }
    if (!services.isEmpty()) {
      write(
          out.resolve("META-INF/services/dev.rapport.lint.Rule"),
          String.join("\n", services) + "\n");
    }
    jar(out, jar);
    return jar;
  }

  /** Writes a jar of every file under {@code dir}. */
  public static void jar(Path dir, Path jar) throws IOException {
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream j = new JarOutputStream(os);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        j.putNextEntry(new JarEntry(dir.relativize(f).toString().replace(File.separatorChar, '/')));
        j.write(Files.readAllBytes(f));
        j.closeEntry();
      }
    }
  }

  private static void write(Path f, String text) throws IOException {
    Files.createDirectories(f.getParent());
    Files.writeString(f, text, StandardCharsets.UTF_8);
  }

  private static String join(List<Path> paths) {
    return String.join(File.pathSeparator, paths.stream().map(Path::toString).toList());
  }

  /** Where core's own classes are (target/classes when tests run). */
  public static Path coreClasses() {
    try {
      return Path.of(Rule.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Returns core's classes plus the jars of every module {@code dev.rapport} needs, found among the
   * test class path's entries (optional ones included): a module path to compile or run a plugin
   * with.
   */
  public static List<Path> coreModulePath(String... extraModules) {
    Map<String, Path> byName = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!Files.exists(p)) {
        continue;
      }
      try {
        for (ModuleReference ref : ModuleFinder.of(p).findAll()) {
          byName.putIfAbsent(ref.descriptor().name(), p);
        }
      } catch (FindException e) {
        // not a usable module (a test folder, an odd jar name): never needed by dev.rapport
      }
    }
    byName.put("dev.rapport", coreClasses());
    Set<Path> out = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of("dev.rapport"));
    todo.addAll(List.of(extraModules));
    Set<String> seen = new LinkedHashSet<>();
    while (!todo.isEmpty()) {
      String name = todo.pop();
      Path p = byName.get(name);
      if (!seen.add(name) || p == null) {
        continue; // a JDK module
      }
      out.add(p);
      ModuleDescriptor d = ModuleFinder.of(p).find(name).orElseThrow().descriptor();
      for (ModuleDescriptor.Requires r : d.requires()) {
        // Static ones too: javac wants dev.rapport's 'requires static transitive org.jspecify'.
        todo.add(r.name());
      }
    }
    return List.copyOf(out);
  }
}
