package dev.rapport.hostile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A private certificate authority made in a test with the JDK's {@code keytool}: a CA, and server
 * certificates it signs for chosen names and validity. Nothing is fixed in the repository, so no
 * test certificate expires under the suite.
 */
final class TestPki {
  static final String STORE_PASSWORD = "store-pw-T4s";
  private final Path dir;
  final Path caPem;

  /** Makes a CA named {@code CN=cn} in {@code dir}. */
  TestPki(Path dir, String cn) throws IOException, InterruptedException {
    this.dir = Files.createDirectories(dir);
    keytool(
        "-genkeypair",
        "-keystore",
        p("ca.p12"),
        "-alias",
        "ca",
        "-dname",
        "CN=" + cn,
        "-keyalg",
        "EC",
        "-validity",
        "30",
        "-ext",
        "bc:c");
    caPem = dir.resolve("ca.pem");
    keytool(
        "-exportcert", "-rfc", "-keystore", p("ca.p12"), "-alias", "ca", "-file", caPem.toString());
  }

  /**
   * A key store (PKCS#12, {@link #STORE_PASSWORD}) holding a server key and its certificate chain,
   * signed by this CA for {@code san} (keytool's form: {@code dns:localhost,ip:127.0.0.1}).
   *
   * @param startDate keytool's {@code -startdate} (such as {@code -10d}), or {@code null} for now
   * @param validityDays how long it is valid from its start
   */
  Path server(String name, String san, String startDate, int validityDays)
      throws IOException, InterruptedException {
    String store = p(name + ".p12");
    keytool(
        "-genkeypair",
        "-keystore",
        store,
        "-alias",
        "server",
        "-dname",
        "CN=" + name,
        "-keyalg",
        "EC",
        "-validity",
        "30");
    keytool("-certreq", "-keystore", store, "-alias", "server", "-file", p(name + ".csr"));
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-keystore",
                p("ca.p12"),
                "-alias",
                "ca",
                "-infile",
                p(name + ".csr"),
                "-outfile",
                p(name + ".pem"),
                "-rfc",
                "-ext",
                "san=" + san,
                "-validity",
                Integer.toString(validityDays)));
    if (startDate != null) {
      gen.add("-startdate");
      gen.add(startDate);
    }
    keytool(gen.toArray(new String[0]));
    keytool(
        "-importcert", "-noprompt", "-keystore", store, "-alias", "ca", "-file", caPem.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-keystore",
        store,
        "-alias",
        "server",
        "-file",
        p(name + ".pem"));
    return Path.of(store);
  }

  /** A server's TLS context from one of {@link #server} stores. */
  static SSLContext context(Path store) throws Exception {
    KeyStore ks = KeyStore.getInstance(store.toFile(), STORE_PASSWORD.toCharArray());
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, STORE_PASSWORD.toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }

  /** A PKCS#12 trust store holding only this CA, with the given password. */
  Path trustStore(String password) throws IOException, InterruptedException {
    String store = p("trust.p12");
    Files.deleteIfExists(Path.of(store));
    keytool(
        "-importcert",
        "-noprompt",
        "-keystore",
        store,
        "-storetype",
        "PKCS12",
        "-storepass",
        password,
        "-alias",
        "ca",
        "-file",
        caPem.toString());
    return Path.of(store);
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    boolean hasPass = cmd.contains("-storepass");
    if (!hasPass) {
      cmd.add("-storepass");
      cmd.add(STORE_PASSWORD);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }
}
