package dev.rapport.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Loads rule plugins from jar files for {@link Linter.Builder#plugins(Path)}: jars without a module
 * descriptor through a class loader of their own and {@code META-INF/services}, jars with one as a
 * module layer. Every failure is an {@link IllegalArgumentException} with a one-line message naming
 * the path. Stateless; thread-safe.
 */
final class PluginJars {
  private PluginJars() {}

  private static final String SERVICES = "META-INF/services/" + Rule.class.getName();
  private static final String CORE_MODULE = "dev.rapport";

  /** The packages module-info.java exports (a test keeps the two in step). */
  static final List<String> API_PACKAGES =
      List.of(
          "dev.rapport.app",
          "dev.rapport.draft",
          "dev.rapport.lint",
          "dev.rapport.track",
          "dev.rapport.imap",
          "dev.rapport.watch",
          "dev.rapport.config");

  /**
   * What one plugin path gave.
   *
   * @param name the plugin's name for {@code rapport rules}: the jar's or folder's file name
   * @param rules its rules, in the order its jars list them
   * @param jars the real paths of the jars read
   */
  record Loaded(String name, List<Rule> rules, List<Path> jars) {}

  /**
   * Loads the rules of a jar, or of every jar in a folder, skipping jars in {@code alreadyLoaded}.
   *
   * @throws IllegalArgumentException naming the path, if it cannot be loaded
   */
  static Loaded load(Path path, Set<Path> alreadyLoaded) {
    String what = "cannot load plugin " + path;
    Path name = path.toAbsolutePath().normalize().getFileName();
    String pluginName = name == null ? path.toString() : name.toString();
    List<Path> jars = new ArrayList<>();
    try {
      if (Files.isDirectory(path)) {
        try (Stream<Path> s = Files.list(path)) {
          s.filter(
                  p ->
                      p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".jar")
                          && Files.isRegularFile(p))
              .sorted()
              .forEach(jars::add);
        }
        if (jars.isEmpty()) {
          throw new IllegalArgumentException(what + ": the folder holds no .jar files");
        }
      } else if (Files.isRegularFile(path)) {
        jars.add(path);
      } else {
        throw new IllegalArgumentException(
            what
                + ": "
                + (Files.exists(path) ? "not a jar or a folder" : "no such file or folder"));
      }
      List<Path> real = new ArrayList<>();
      for (Path j : jars) {
        Path r = j.toRealPath();
        if (!alreadyLoaded.contains(r) && !real.contains(r)) {
          real.add(r);
        }
      }
      return new Loaded(pluginName, load(what, real), List.copyOf(real));
    } catch (IOException | UncheckedIOException e) {
      throw new IllegalArgumentException(what + ": " + explain(e), e);
    }
  }

  private static List<Rule> load(String what, List<Path> jars) throws IOException {
    if (jars.isEmpty()) {
      return List.of();
    }
    List<Path> modular = new ArrayList<>();
    List<Path> plain = new ArrayList<>();
    for (Path jar : jars) {
      // Read the jar ourselves rather than ask ModuleFinder: for a plain jar it would derive an
      // automatic module and reject valid class-path plugins over unrelated service files.
      try (JarFile jf = new JarFile(jar.toFile(), true, ZipFile.OPEN_READ, Runtime.version())) {
        if (jf.getJarEntry("dev/rapport/lint/Rule.class") != null) {
          throw new IllegalArgumentException(
              what
                  + ": "
                  + jar.getFileName()
                  + " bundles Rapport itself; declare rapport-core with scope provided so it is left out of the plugin jar");
        }
        (jf.getJarEntry("module-info.class") != null ? modular : plain).add(jar);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            what + ": " + jar.getFileName() + " is not a readable jar (" + explain(e) + ")", e);
      }
    }
    List<Rule> rules = new ArrayList<>();
    try {
      if (!plain.isEmpty()) {
        rules.addAll(fromClassPath(plain));
      }
      if (!modular.isEmpty()) {
        rules.addAll(fromModules(what, modular));
      }
    } catch (ServiceConfigurationError
        | LinkageError
        | FindException
        | ResolutionException
        | LayerInstantiationException
        | SecurityException e) {
      throw new IllegalArgumentException(what + ": " + explain(e), e);
    }
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(
          what
              + ": it declares no rules (a jar needs "
              + SERVICES
              + " listing its Rule classes, or a module-info with 'provides dev.rapport.lint.Rule with ...')");
    }
    return rules;
  }

  private static List<Rule> fromClassPath(List<Path> jars) throws MalformedURLException {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = jars.get(i).toUri().toURL();
    }
    // Never closed: the rules' classes stay in use for as long as the linter lives.
    PluginClassLoader loader = new PluginClassLoader(urls, Rule.class.getClassLoader());
    List<Rule> rules = new ArrayList<>();
    ServiceLoader.load(Rule.class, loader).stream()
        .filter(p -> p.type().getClassLoader() == loader) // not providers the host itself can see
        .forEach(p -> rules.add(p.get()));
    return rules;
  }

  private static List<Rule> fromModules(String what, List<Path> jars) {
    ModuleFinder plugins = ModuleFinder.of(jars.toArray(Path[]::new));
    List<String> roots = new ArrayList<>();
    for (ModuleReference ref : plugins.findAll()) {
      String name = ref.descriptor().name();
      if (name.equals(CORE_MODULE)) {
        throw new IllegalArgumentException(
            what
                + ": it bundles Rapport itself (module "
                + CORE_MODULE
                + "); declare rapport-core with scope provided so it is left out of the plugin");
      }
      roots.add(name);
    }
    Module core = Rule.class.getModule();
    ModuleLayer parent;
    if (core.isNamed()) {
      // Rapport runs as a module: plugins read the real dev.rapport in Rapport's own layer.
      parent = core.getLayer();
      if (parent == null) {
        throw new IllegalArgumentException(
            what + ": Rapport's module is in no layer, so modular plugins cannot be resolved");
      }
    } else {
      parent = standInLayer();
    }
    Configuration cf = parent.configuration().resolve(plugins, ModuleFinder.of(), roots);
    ModuleLayer.Controller controller =
        ModuleLayer.defineModulesWithOneLoader(cf, List.of(parent), Rule.class.getClassLoader());
    ModuleLayer layer = controller.layer();
    if (!core.isNamed()) {
      // The API's classes really live in the class path's unnamed module, which named modules
      // do not read unless told to.
      for (Module m : layer.modules()) {
        controller.addReads(m, core);
      }
    }
    List<Rule> rules = new ArrayList<>();
    ServiceLoader.load(layer, Rule.class).stream()
        .filter(p -> p.type().getModule().getLayer() == layer) // not the parent layers' providers
        .forEach(p -> rules.add(p.get()));
    return rules;
  }

  /**
   * When Rapport runs from the class path (rapport.jar) there is no module {@code dev.rapport} for
   * a plugin's {@code requires dev.rapport} to find. This layer holds a stand-in of that name: it
   * exports the API packages (the resolver wants a module exporting the service's package) but has
   * no classes of its own; its loader hands every request to the class loader that holds Rapport,
   * so a plugin's {@code Rule} is the host's {@code Rule}.
   */
  private static ModuleLayer standInLayer() {
    ModuleDescriptor.Builder d = ModuleDescriptor.newModule(CORE_MODULE);
    API_PACKAGES.forEach(d::exports);
    Configuration cf =
        ModuleLayer.boot()
            .configuration()
            .resolve(new StandIn(d.build()), ModuleFinder.of(), Set.of(CORE_MODULE));
    ClassLoader api = new ClassLoader("rapport-api", Rule.class.getClassLoader()) {};
    return ModuleLayer.boot().defineModules(cf, name -> api);
  }

  /** A one-line account of a loading failure, with its root cause. */
  static String explain(Throwable e) {
    StringBuilder sb = new StringBuilder(Linter.describe(e));
    Throwable c = e.getCause();
    for (int depth = 0; c != null && c != e && depth < 4; depth++) {
      sb.append(" (caused by ").append(Linter.describe(c)).append(')');
      e = c;
      c = c.getCause();
    }
    if (sb.indexOf("UnsupportedClassVersionError") >= 0) {
      sb.append("; the plugin was compiled for a newer Java than this one (")
          .append(Runtime.version().feature())
          .append(")");
    }
    return sb.toString();
  }

  /**
   * A class loader for plugin jars that lists only its own jars' rule services, so a provider the
   * host can already see is never loaded (or fails) on the plugin's account.
   */
  private static final class PluginClassLoader extends URLClassLoader {
    static {
      ClassLoader.registerAsParallelCapable();
    }

    PluginClassLoader(URL[] urls, ClassLoader parent) {
      super("rapport-plugin", urls, parent);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.equals(SERVICES) ? findResources(name) : super.getResources(name);
    }
  }

  /**
   * A module finder that knows one empty module: what Rapport's API is called on the module path.
   */
  private static final class StandIn implements ModuleFinder {
    private final ModuleReference ref;

    StandIn(ModuleDescriptor descriptor) {
      this.ref =
          new ModuleReference(descriptor, null) {
            @Override
            public ModuleReader open() {
              return new ModuleReader() {
                @Override
                public Optional<URI> find(String name) {
                  return Optional.empty();
                }

                @Override
                public Stream<String> list() {
                  return Stream.empty();
                }

                @Override
                public void close() {}
              };
            }
          };
    }

    @Override
    public Optional<ModuleReference> find(String name) {
      return name.equals(ref.descriptor().name()) ? Optional.of(ref) : Optional.empty();
    }

    @Override
    public Set<ModuleReference> findAll() {
      return Collections.singleton(ref);
    }
  }
}
