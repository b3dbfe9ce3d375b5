package dev.rapport.draft;

import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.jspecify.annotations.Nullable;

/**
 * A thread context class loader that answers jakarta.mail's search for its {@link StreamProvider}
 * from memory, set only while a message is parsed.
 *
 * <p>jakarta.mail 2.1 looks the provider up through {@link java.util.ServiceLoader} on every {@code
 * BodyPart} and {@code Multipart} it constructs and on every {@code InternetHeaders.load}
 * (jakartaee/mail-api issue 861), with the thread's context class loader first. On the class path
 * that opens every jar's {@code META-INF/services} entry each time, which costs more than parsing a
 * short message. This loader delegates everything to the loader of the provider found once, when
 * the class is initialised, except that one service file, which it serves from memory; the
 * ServiceLoader then finds the same provider class without touching a jar. No system property is
 * set and nothing outside the parse sees the loader. Stateless and thread-safe.
 */
final class StreamProviderLoader extends ClassLoader {
  static {
    // Delegated class loads are not serialised on one lock when several threads parse at once.
    ClassLoader.registerAsParallelCapable();
  }

  private static final String SERVICE_FILE = "META-INF/services/" + StreamProvider.class.getName();

  /**
   * The loader to use, or {@code null} if the provider could not be found up front (parse as
   * usual).
   */
  private static final @Nullable StreamProviderLoader INSTANCE = create();

  private final URL serviceFile;

  private StreamProviderLoader(ClassLoader parent, URL serviceFile) {
    super(parent);
    this.serviceFile = serviceFile;
  }

  private static @Nullable StreamProviderLoader create() {
    try {
      StreamProvider provider = StreamProvider.provider();
      ClassLoader parent = provider.getClass().getClassLoader();
      if (parent == null) {
        return null;
      }
      byte[] content = (provider.getClass().getName() + "\n").getBytes(StandardCharsets.UTF_8);
      URLStreamHandler handler =
          new URLStreamHandler() {
            @Override
            protected URLConnection openConnection(URL u) {
              return new URLConnection(u) {
                @Override
                public void connect() {}

                @Override
                public InputStream getInputStream() {
                  return new ByteArrayInputStream(content);
                }
              };
            }
          };
      return new StreamProviderLoader(
          parent, new URL("rapport-memory", "", -1, "/" + SERVICE_FILE, handler));
    } catch (RuntimeException | ServiceConfigurationError | MalformedURLException e) {
      return null; // no provider: jakarta.mail reports that itself, as it would without this loader
    }
  }

  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (name.equals(SERVICE_FILE)) {
      return Collections.enumeration(List.of(serviceFile));
    }
    return super.getResources(name);
  }

  /**
   * Makes the loader the context class loader of {@code thread}, if the provider was found; the
   * caller restores the previous one in a {@code finally} block.
   */
  static void install(Thread thread) {
    if (INSTANCE != null) {
      thread.setContextClassLoader(INSTANCE);
    }
  }
}
