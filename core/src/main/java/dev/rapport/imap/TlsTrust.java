package dev.rapport.imap;

import dev.rapport.config.TlsSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The TLS trust of an account: the JVM's certificate authorities, those of a {@code tls.caFile} or
 * {@code tls.trustStore} in addition (or instead, with {@code tls.trustDefaults = false}), and a
 * refusal that says which check failed — the issuer is not trusted, the certificate has expired (or
 * is not valid yet), or it is for another name. Verification is never weakened: the chain is
 * checked by the JVM's PKIX validator and the host name by its endpoint identification.
 *
 * <p>Thread-safe.
 */
public final class TlsTrust {
  private TlsTrust() {}

  /** The largest CA file read: a bundle of every public CA is about 200 KB. */
  private static final long MAX_CA_FILE = 4L * 1024 * 1024;

  /** A refusal of the server's certificate, its message one line naming the check that failed. */
  public static final class Refused extends CertificateException {
    private static final long serialVersionUID = 1L;

    Refused(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }

  private static final class Jvm {
    static final SSLSocketFactory FACTORY = build(List.of(jvmManager()), "the JVM's trust store");
  }

  /**
   * The factory for an account without a {@code tls} table: the JVM's authorities, refusals
   * explained. The trust store is read when the first TLS socket is made, not before: a plaintext
   * session to this machine never pays for it (a quarter of a second of a {@code status} run).
   */
  public static SSLSocketFactory jvmDefault() {
    return Deferred.INSTANCE;
  }

  /** Hands everything to {@link Jvm#FACTORY}, which is built on the first call. */
  private static final class Deferred extends SSLSocketFactory {
    static final Deferred INSTANCE = new Deferred();

    @Override
    public String[] getDefaultCipherSuites() {
      return Jvm.FACTORY.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return Jvm.FACTORY.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return Jvm.FACTORY.createSocket(s, host, port, autoClose);
    }

    @Override
    public Socket createSocket() throws IOException {
      return Jvm.FACTORY.createSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return Jvm.FACTORY.createSocket(host, port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return Jvm.FACTORY.createSocket(host, port, localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return Jvm.FACTORY.createSocket(host, port);
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return Jvm.FACTORY.createSocket(address, port, localAddress, localPort);
    }
  }

  /**
   * Returns the socket factory for these settings.
   *
   * @throws ImapException with {@link ImapException.Reason#TLS} when a file cannot be read or holds
   *     no certificate, or the trust store's password is wrong or its command fails
   */
  public static SSLSocketFactory socketFactory(TlsSettings settings) throws ImapException {
    if (settings.isDefault()) {
      return jvmDefault();
    }
    List<X509ExtendedTrustManager> managers = new ArrayList<>();
    String where;
    if (settings.caFile() != null) {
      managers.add(manager(caFile(settings.caFile())));
      where = "tls.caFile";
    } else {
      managers.add(
          manager(trustStore(settings.trustStore(), settings.trustStorePasswordCommand())));
      where = "tls.trustStore";
    }
    if (settings.trustDefaults()) {
      managers.add(jvmManager());
      where = "the JVM's trust store or " + where;
    }
    return build(managers, where);
  }

  private static KeyStore caFile(Path file) throws ImapException {
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_CA_FILE) {
        throw fileError(
            "tls.caFile "
                + file
                + ": larger than "
                + (MAX_CA_FILE >> 20)
                + " MB; is it a CA certificate file?",
            null);
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw fileError("tls.caFile " + file + ": no such file", e);
    } catch (IOException e) {
      throw fileError(
          "tls.caFile " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
    }
    Collection<? extends Certificate> certs;
    try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
      certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (CertificateException | IOException e) {
      throw fileError("tls.caFile " + file + ": not a PEM file of certificates", e);
    }
    if (certs.isEmpty()) {
      throw fileError(
          "tls.caFile " + file + ": holds no certificate (expected -----BEGIN CERTIFICATE-----)",
          null);
    }
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : certs) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
      return ks;
    } catch (GeneralSecurityException | IOException e) {
      throw fileError(
          "tls.caFile " + file + ": cannot be used (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static KeyStore trustStore(Path file, @Nullable String passwordCommand)
      throws ImapException {
    if (!Files.isRegularFile(file)) {
      throw fileError("tls.trustStore " + file + ": no such file", null);
    }
    char[] password =
        passwordCommand == null
            ? null
            : Credentials.run(passwordCommand, "tls.trustStorePasswordCommand").toCharArray();
    try {
      return KeyStore.getInstance(file.toFile(), password);
    } catch (IOException e) {
      if (e.getCause() instanceof java.security.UnrecoverableKeyException
          || String.valueOf(e.getMessage()).contains("password")) {
        throw fileError(
            "tls.trustStore "
                + file
                + ": wrong password (from tls.trustStorePasswordCommand"
                + (passwordCommand == null ? ", which is not set" : "")
                + ")",
            e);
      }
      throw fileError("tls.trustStore " + file + ": not a PKCS#12 or JKS trust store", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw fileError("tls.trustStore " + file + ": not a PKCS#12 or JKS trust store", e);
    } finally {
      if (password != null) {
        java.util.Arrays.fill(password, '\0');
      }
    }
  }

  private static ImapException fileError(String message, @Nullable Throwable cause) {
    return new ImapException(ImapException.Reason.TLS, message, cause);
  }

  private static X509ExtendedTrustManager jvmManager() {
    try {
      return manager(null);
    } catch (ImapException e) {
      throw new IllegalStateException("the JVM has no usable trust store", e);
    }
  }

  private static X509ExtendedTrustManager manager(@Nullable KeyStore ks) throws ImapException {
    try {
      TrustManagerFactory f =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      f.init(ks);
      for (TrustManager m : f.getTrustManagers()) {
        if (m instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
    } catch (GeneralSecurityException e) {
      throw fileError("the trust store cannot be used (" + e.getClass().getSimpleName() + ")", e);
    }
    throw fileError("the JVM offers no X.509 trust manager", null);
  }

  private static SSLSocketFactory build(List<X509ExtendedTrustManager> managers, String where) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new Explaining(managers, where)}, null);
      return new Identified(ctx.getSocketFactory());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }

  /**
   * Accepts a chain one of the managers accepts, then lets that manager check the host name (the
   * socket's endpoint identification); a refusal names what failed.
   */
  private static final class Explaining extends X509ExtendedTrustManager {
    private final List<X509ExtendedTrustManager> managers;
    private final String where;

    Explaining(List<X509ExtendedTrustManager> managers, String where) {
      this.managers = managers;
      this.where = where;
    }

    private X509ExtendedTrustManager chainTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      CertificateException first = null;
      for (X509ExtendedTrustManager m : managers) {
        try {
          m.checkServerTrusted(chain, authType);
          return m;
        } catch (CertificateException e) {
          if (first == null) {
            first = e;
          }
        }
      }
      X509Certificate leaf = chain.length > 0 ? chain[0] : null;
      if (leaf == null) {
        throw new Refused("the server sent no certificate", first);
      }
      java.util.Date now = new java.util.Date();
      for (X509Certificate c : chain) {
        if (now.after(c.getNotAfter())) {
          throw new Refused(
              (c == leaf
                      ? "certificate expired on "
                      : "a certificate in its chain (" + name(c) + ") expired on ")
                  + day(c.getNotAfter())
                  + " (certificate is for "
                  + names(leaf)
                  + ")",
              first);
        }
        if (now.before(c.getNotBefore())) {
          throw new Refused(
              "certificate not valid until "
                  + day(c.getNotBefore())
                  + " (certificate is for "
                  + names(leaf)
                  + "); is this machine's clock right?",
              first);
        }
      }
      X509Certificate top = chain[chain.length - 1];
      throw new Refused(
          "certificate not trusted (issuer "
              + clip(top.getIssuerX500Principal().getName())
              + ", not in "
              + where
              + "); to trust a private CA, name its PEM file as tls.caFile in the account's config",
          first);
    }

    private void checkIdentity(
        X509ExtendedTrustManager m,
        X509Certificate[] chain,
        String authType,
        @Nullable String host,
        Check check)
        throws CertificateException {
      try {
        check.run(m);
      } catch (CertificateException e) {
        throw new Refused(
            "name does not match (certificate is for "
                + names(chain[0])
                + ", you asked for "
                + clip(String.valueOf(host))
                + ")",
            e);
      }
    }

    private interface Check {
      void run(X509ExtendedTrustManager m) throws CertificateException;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      X509ExtendedTrustManager m = chainTrusted(chain, authType);
      String host =
          socket instanceof SSLSocket s && s.getHandshakeSession() != null
              ? s.getHandshakeSession().getPeerHost()
              : null;
      checkIdentity(m, chain, authType, host, x -> x.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      X509ExtendedTrustManager m = chainTrusted(chain, authType);
      checkIdentity(
          m,
          chain,
          authType,
          engine.getPeerHost(),
          x -> x.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      chainTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("Rapport is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("Rapport is never a TLS server");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("Rapport is never a TLS server");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>();
      for (X509TrustManager m : managers) {
        all.addAll(List.of(m.getAcceptedIssuers()));
      }
      return all.toArray(new X509Certificate[0]);
    }
  }

  /**
   * The names a certificate is for: its DNS and IP subject alternative names, else its common name.
   */
  static String names(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> alt = c.getSubjectAlternativeNames();
      if (alt != null) {
        for (List<?> e : alt) {
          Object type = e.get(0);
          if ((Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type))
              && e.get(1) instanceof String s) {
            out.add(s);
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      // Fall back to the subject.
    }
    if (out.isEmpty()) {
      return name(c);
    }
    String joined =
        String.join(", ", out.size() > 5 ? out.subList(0, 5) : out)
            + (out.size() > 5 ? " and " + (out.size() - 5) + " more" : "");
    return clip(joined);
  }

  private static String name(X509Certificate c) {
    String dn = c.getSubjectX500Principal().getName();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|,)CN=([^,]*)").matcher(dn);
    return clip(m.find() ? m.group(1) : dn);
  }

  private static String day(java.util.Date d) {
    return DateTimeFormatter.ISO_LOCAL_DATE.format(d.toInstant().atOffset(ZoneOffset.UTC));
  }

  /** Server-chosen text, made safe for one line of a terminal. */
  private static String clip(String s) {
    String one =
        s.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]", "?")
            .strip();
    return one.length() > 120 ? one.substring(0, 120) + "…" : one;
  }

  /**
   * Sets endpoint identification on every socket it makes, so the host name is checked by the trust
   * manager whatever the caller's properties say.
   */
  private static final class Identified extends ForwardingSslSocketFactory {
    Identified(SSLSocketFactory d) {
      super(d);
    }

    @Override
    Socket made(Socket s) {
      if (s instanceof SSLSocket ssl) {
        SSLParameters p = ssl.getSSLParameters();
        if (p.getEndpointIdentificationAlgorithm() == null
            || p.getEndpointIdentificationAlgorithm().isEmpty()) {
          p.setEndpointIdentificationAlgorithm("HTTPS");
          ssl.setSSLParameters(p);
        }
      }
      return s;
    }
  }
}
