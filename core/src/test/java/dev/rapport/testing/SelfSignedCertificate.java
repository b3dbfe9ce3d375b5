package dev.rapport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate and key in PEM files, made with the {@code openssl} command (which
 * Dovecot's package depends on), plus a PKCS#12 trust store holding only that certificate.
 */
final class SelfSignedCertificate {
  static final String TRUST_STORE_PASSWORD = "changeit";

  final Path certificatePem;
  final Path keyPem;
  final X509Certificate certificate;

  private SelfSignedCertificate(Path certificatePem, Path keyPem, X509Certificate certificate) {
    this.certificatePem = certificatePem;
    this.keyPem = keyPem;
    this.certificate = certificate;
  }

  /**
   * Writes {@code cert.pem} and {@code key.pem} into {@code dir}; names are DNS names or IP
   * addresses, the first one also the subject's CN.
   */
  static SelfSignedCertificate generate(Path dir, List<String> names) throws IOException {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs at least one name");
    }
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    List<String> san = new ArrayList<>();
    for (String n : names) {
      san.add((n.matches("[0-9.]+|.*:.*") ? "IP:" : "DNS:") + n);
    }
    List<String> command =
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "3650",
            "-subj",
            "/CN=" + names.get(0),
            "-addext",
            "subjectAltName=" + String.join(",", san),
            "-keyout",
            key.toString(),
            "-out",
            cert.toString());
    Path log = dir.resolve("openssl.log");
    Process p;
    try {
      p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new IOException("cannot run openssl (apt-get install openssl): " + e.getMessage(), e);
    }
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("openssl failed: " + Files.readString(log).strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while generating a certificate", e);
    }
    try (InputStream in = Files.newInputStream(cert)) {
      X509Certificate x509 =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return new SelfSignedCertificate(cert, key, x509);
    } catch (GeneralSecurityException e) {
      throw new IOException("openssl wrote an unreadable certificate: " + e.getMessage(), e);
    }
  }

  KeyStore trustStore() {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("rapport-test", certificate);
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store", e);
    }
  }

  void writeTrustStore(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      trustStore().store(out, TRUST_STORE_PASSWORD.toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write a trust store: " + e.getMessage(), e);
    }
  }

  SSLContext trustingContext() {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trustStore());
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot build an SSL context", e);
    }
  }
}
