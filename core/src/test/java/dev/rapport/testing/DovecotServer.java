package dev.rapport.testing;

import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Dovecot IMAP server for tests, on 127.0.0.1 and a free port, configured from a file it
 * generates in its own temp folder. Each user gets a Maildir with special-use folders (by default
 * localized: {@code Gesendet} is {@code \Sent}, {@code Papierkorb} {@code \Trash}, {@code Spam}
 * {@code \Junk}, {@code Entwürfe} {@code \Drafts}) and ordinary filing folders.
 *
 * <p>Use it as a JUnit 5 extension (a {@code static} field starts it once per class, an instance
 * field once per test):
 *
 * <pre>{@code
 * @RegisterExtension
 * static final DovecotServer dovecot = DovecotServer.builder().user("asha", "pw").tls().build();
 *
 * @Test void readsSent() throws Exception {
 *   try (MaildirBuilder box = dovecot.maildir("asha")) { box.add(dovecot.sentFolder(), mail); }
 *   try (IMAPStore store = dovecot.connect("asha", DovecotServer.Security.STARTTLS)) { ... }
 * }
 * }</pre>
 *
 * <p>or as a plain {@link AutoCloseable} ({@link #start()} then {@link #close()}). {@link #stop()}
 * and {@link #start()} again keep the port and every message, for "server restarted" tests.
 *
 * <p>Unlike a stock server, failed logins are refused at once and never slow down later ones (no
 * {@code auth_failure_delay}, no auth penalty), so a wrong-password test does not delay the rest;
 * {@link Builder#setting} can bring the delay back.
 *
 * <p>Dovecot needs root (it switches to uid 65534 for the mail) and the {@code dovecot-imapd}
 * package. Without them tests are skipped, or fail when the environment has {@code CI=true}.
 *
 * <p>Thread-safe: lifecycle methods are synchronized; the accessors may be called from any thread.
 */
public final class DovecotServer extends TestServer {

  /** How a client reaches the server. */
  public enum Security {
    /** Plain IMAP on {@link #port()}; passwords travel in clear text (loopback only). */
    PLAIN,
    /** IMAP on {@link #port()} upgraded with STARTTLS (needs {@link Builder#tls()}). */
    STARTTLS,
    /** Implicit TLS on {@link #imapsPort()} (needs {@link Builder#tls()}). */
    IMAPS
  }

  /** The address every server listens on. */
  public static final String HOST = "127.0.0.1";

  /** The user added when a builder names none. */
  public static final String DEFAULT_USER = "alice";

  /** The password of {@link #DEFAULT_USER}. */
  public static final String DEFAULT_PASSWORD = "alice-secret";

  /** Password of the file written by {@link #writeTrustStore(Path)}. */
  public static final String TRUST_STORE_PASSWORD = SelfSignedCertificate.TRUST_STORE_PASSWORD;

  /** Angus Mail timeouts set by {@link #sessionProperties}; Angus's own default is infinite. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** Read and write timeout set by {@link #sessionProperties}. */
  public static final Duration IO_TIMEOUT = Duration.ofSeconds(15);

  /** The uid and gid that own every Maildir (Debian's "nobody"). */
  static final int MAIL_UID = 65534;

  private static final String INSTALL_HINT = "dovecot not installed: apt-get install dovecot-imapd";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
  private static final Set<DovecotServer> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> RUNNING.forEach(DovecotServer::stopQuietly), "dovecot-server-shutdown"));
  }

  private final Map<String, String> users;
  private final String sentFolder;
  private final String trashFolder;
  private final String junkFolder;
  private final String draftsFolder;
  private final List<String> filingFolders;
  private final @Nullable List<String> certificateNames;
  private final Map<String, String> settings;

  private @Nullable Path root;
  private @Nullable SelfSignedCertificate certificate;
  private final Map<String, Path> homes = new LinkedHashMap<>();
  private int port;
  private int imapsPort;
  private @Nullable Process process;
  private boolean closed;
  private boolean startedOnce;

  private DovecotServer(Builder b) {
    this.users = new LinkedHashMap<>(b.users);
    if (users.isEmpty()) {
      users.put(DEFAULT_USER, DEFAULT_PASSWORD);
    }
    this.sentFolder = b.sent;
    this.trashFolder = b.trash;
    this.junkFolder = b.junk;
    this.draftsFolder = b.drafts;
    this.filingFolders = List.copyOf(b.filing);
    this.certificateNames = b.certificateNames == null ? null : List.copyOf(b.certificateNames);
    this.settings = new LinkedHashMap<>(b.settings);
  }

  /** A builder with one user ({@link #DEFAULT_USER}) unless users are added, and no TLS. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link DovecotServer}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> users = new LinkedHashMap<>();
    private String sent = "Gesendet";
    private String trash = "Papierkorb";
    private String junk = "Spam";
    private String drafts = "Entwürfe";
    private List<String> filing = List.of("Archiv", "Residency/Programs");
    private @Nullable List<String> certificateNames;
    private final Map<String, String> settings = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a login; neither part may contain ':' or a line break (passwd-file format). */
    public Builder user(String login, String password) {
      if (login.isEmpty() || login.matches(".*[:\\s\"].*")) {
        throw new IllegalArgumentException("unusable login: '" + login + "'");
      }
      if (password.matches("(?s).*[:\\r\\n].*")) {
        throw new IllegalArgumentException("a password may not contain ':' or a line break");
      }
      users.put(login, password);
      return this;
    }

    /** Names the {@code \Sent} folder (default {@code Gesendet}). */
    public Builder sentFolder(String name) {
      sent = checkFolder(name);
      return this;
    }

    /** Names the {@code \Trash} folder (default {@code Papierkorb}). */
    public Builder trashFolder(String name) {
      trash = checkFolder(name);
      return this;
    }

    /** Names the {@code \Junk} folder (default {@code Spam}). */
    public Builder junkFolder(String name) {
      junk = checkFolder(name);
      return this;
    }

    /** Names the {@code \Drafts} folder (default {@code Entwürfe}). */
    public Builder draftsFolder(String name) {
      drafts = checkFolder(name);
      return this;
    }

    /**
     * Replaces the ordinary folders created for every user (default {@code Archiv} and {@code
     * Residency/Programs}); {@code /} separates levels.
     */
    public Builder filingFolders(String... names) {
      List<String> list = new ArrayList<>();
      for (String n : names) {
        list.add(checkFolder(n));
      }
      filing = List.copyOf(list);
      return this;
    }

    /**
     * Turns on STARTTLS on {@link #port()} and implicit TLS on {@link #imapsPort()}, with a
     * self-signed certificate for {@code localhost} and {@code 127.0.0.1}. Plain logins stay
     * allowed on {@link #port()}.
     */
    public Builder tls() {
      return tlsCertificateFor("localhost", HOST);
    }

    /**
     * Like {@link #tls()}, with a certificate naming only these hosts: a certificate for {@code
     * mail.example.net} makes clients that check the server's identity refuse 127.0.0.1.
     */
    public Builder tlsCertificateFor(String... names) {
      if (names.length == 0) {
        throw new IllegalArgumentException("a certificate needs at least one name");
      }
      certificateNames = List.of(names);
      return this;
    }

    /**
     * Adds or overrides a top-level Dovecot setting, such as {@code imap_idle_notify_interval = 5
     * secs} or {@code mail_max_userip_connections = 20}; written after the generated ones.
     */
    public Builder setting(String name, String value) {
      if (!name.matches("[a-z_]+") || value.contains("\n")) {
        throw new IllegalArgumentException("not a Dovecot setting: " + name);
      }
      settings.put(name, value);
      return this;
    }

    /** The server, not yet started. */
    public DovecotServer build() {
      return new DovecotServer(this);
    }

    private static String checkFolder(String name) {
      if (name.isBlank()
          || name.equalsIgnoreCase("INBOX")
          || name.matches(".*[.\"\\\\\\p{Cntrl}].*")
          || name.startsWith("/")
          || name.endsWith("/")
          || name.contains("//")) {
        throw new IllegalArgumentException(
            "unusable folder name (no '.', '\"', '\\', empty levels or INBOX): '" + name + "'");
      }
      return name;
    }
  }

  // ---------------------------------------------------------------- availability

  /** Whether Dovecot is installed and this process may run it (it must be root). */
  public static boolean isAvailable() {
    return unavailableReason().isEmpty();
  }

  /**
   * Skips the calling test when Dovecot cannot run here, or fails it when the environment variable
   * {@code CI} is {@code true}, where a missing Dovecot is a broken machine, not a choice.
   */
  public static void assumeAvailable() {
    requireOrSkip(unavailableReason(), System.getenv("CI"));
  }

  static void requireOrSkip(Optional<String> reason, @Nullable String ci) {
    if (reason.isEmpty()) {
      return;
    }
    if ("true".equalsIgnoreCase(ci)) {
      throw new AssertionError(reason.get() + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(reason.get());
  }

  private static Optional<String> unavailableReason() {
    if (dovecotBinary().isEmpty()) {
      return Optional.of(INSTALL_HINT);
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("dovecot tests must run as root (Dovecot switches to uid 65534)");
    }
    return Optional.empty();
  }

  private static Optional<Path> dovecotBinary() {
    List<String> dirs = new ArrayList<>(List.of("/usr/sbin", "/usr/local/sbin", "/sbin"));
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(":")));
    }
    return dirs.stream()
        .filter(d -> !d.isEmpty())
        .map(d -> Path.of(d, "dovecot"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Starts Dovecot and returns once a login succeeds. The temp folder, config, users and Maildirs
   * are made on first use (so {@link #maildir(String)} can fill a mailbox before the first start);
   * later starts (after {@link #stop()}) reuse them and the ports.
   *
   * @throws AssertionError if Dovecot is missing and {@code CI=true}
   * @throws org.opentest4j.TestAbortedException if Dovecot is missing otherwise
   * @throws IllegalStateException if Dovecot does not come up (the message carries its log)
   */
  public synchronized DovecotServer start() {
    if (closed) {
      throw new IllegalStateException("this DovecotServer was closed");
    }
    if (isRunning()) {
      return this;
    }
    assumeAvailable();
    stop(); // Clears up after a master that died on its own.
    boolean first = !startedOnce;
    requirePrepared();
    startedOnce = true;
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          launch();
          return this;
        } catch (PortTakenException e) {
          // Another process took a port between choosing it and Dovecot binding it.
          if (!first || attempt == 3) {
            throw new IllegalStateException(e.getMessage(), e);
          }
          choosePorts();
          writeConfig();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start dovecot: " + e.getMessage(), e);
    }
  }

  /**
   * Stops Dovecot (SIGTERM to its master, the pid in {@code base_dir/master.pid}, and to its mail
   * processes) and returns once every Dovecot process is gone; data and ports are kept for {@link
   * #start()}. Does nothing if not running.
   *
   * <p>Dovecot's master lingers about 2 s after its mail processes have finished; once every
   * process that touches mail has exited, the master and its log process are killed instead of
   * waited for.
   */
  public synchronized void stop() {
    Process p = process;
    if (p == null) {
      return;
    }
    process = null;
    RUNNING.remove(this);
    // Started with -F, the master is our child: its pid is the one in base_dir/master.pid.
    long pid = p.pid();
    Optional<ProcessHandle> master = ProcessHandle.of(pid);
    List<ProcessHandle> children = master.map(m -> m.descendants().toList()).orElse(List.of());
    master.ifPresent(ProcessHandle::destroy);
    // The master alone takes up to 10 s to pass SIGTERM on to mail processes; they take it
    // directly just as well (each says "Server shutting down" and saves its indexes).
    for (ProcessHandle c : children) {
      if (!isLogProcess(c)) {
        c.destroy();
      }
    }
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (ProcessHandle c : children) {
      if (!isLogProcess(c)) {
        awaitExit(c, deadline);
      }
    }
    master.ifPresent(m -> awaitExit(m, System.nanoTime() + Duration.ofMillis(100).toNanos()));
    for (ProcessHandle c : children) {
      c.destroyForcibly();
    }
    master.ifPresent(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    for (ProcessHandle c : children) {
      awaitExit(c, deadline);
    }
    master.ifPresent(m -> awaitExit(m, deadline));
    try {
      p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (p.isAlive() || children.stream().anyMatch(DovecotServer::isAliveNotZombie)) {
      throw new IllegalStateException("dovecot (pid " + pid + ") did not stop");
    }
    try {
      // A stale pid file could name an unrelated process by the next start.
      Files.deleteIfExists(base().resolve("master.pid"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server and deletes its temp folder; it cannot be started again. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      if (root != null) {
        deleteTree(root);
      }
    }
  }

  /** Whether Dovecot's master process is alive. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  // ---------------------------------------------------------------- accessors

  /** The port of plain IMAP (and STARTTLS when TLS is on); chosen on first use, then fixed. */
  public synchronized int port() {
    requirePrepared();
    return port;
  }

  /** The port of implicit-TLS IMAP. */
  public synchronized int imapsPort() {
    requirePrepared();
    requireTls();
    return imapsPort;
  }

  /** The port a client with this security connects to. */
  public int port(Security security) {
    return security == Security.IMAPS ? imapsPort() : port();
  }

  /**
   * A URL of the form the command line takes: {@code imap://USER@127.0.0.1:PORT} (PLAIN and
   * STARTTLS) or {@code imaps://…}; the user part is percent-encoded.
   */
  public String url(String user, Security security) {
    password(user);
    String scheme = security == Security.IMAPS ? "imaps" : "imap";
    String encoded = java.net.URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20");
    return scheme + "://" + encoded + "@" + HOST + ":" + port(security);
  }

  /** The logins, in the order they were added. */
  public List<String> users() {
    return List.copyOf(users.keySet());
  }

  /** The password of a login. */
  public String password(String user) {
    String pw = users.get(user);
    if (pw == null) {
      throw new IllegalArgumentException("no such user: " + user);
    }
    return pw;
  }

  /** The folder with the {@code \Sent} attribute. */
  public String sentFolder() {
    return sentFolder;
  }

  /** The folder with the {@code \Trash} attribute. */
  public String trashFolder() {
    return trashFolder;
  }

  /** The folder with the {@code \Junk} attribute. */
  public String junkFolder() {
    return junkFolder;
  }

  /** The folder with the {@code \Drafts} attribute. */
  public String draftsFolder() {
    return draftsFolder;
  }

  /** The ordinary folders every user has besides INBOX and the special-use ones. */
  public List<String> filingFolders() {
    return filingFolders;
  }

  /**
   * The temp folder holding config, logs, certificate and every user's home; under {@code /dev/shm}
   * (memory) where it exists, for speed. {@link #close()} deletes it.
   */
  public synchronized Path directory() {
    requirePrepared();
    return root;
  }

  /** A user's Maildir root (its INBOX); sub-folders are {@code .Name} directories in it. */
  public synchronized Path maildirOf(String user) {
    requirePrepared();
    password(user);
    return homes.get(user).resolve("Maildir");
  }

  /** Dovecot's log so far, for diagnosing a failed test. */
  public synchronized String log() {
    requirePrepared();
    try {
      Path log = root.resolve("dovecot.log");
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes messages straight into a user's Maildir, for building large mailboxes before the server
   * starts or adding mail under a running one; close it to hand the files to Dovecot.
   */
  public synchronized MaildirBuilder maildir(String user) {
    requirePrepared();
    return new MaildirBuilder(
        maildirOf(user), MAIL_UID, MAIL_UID, isRunning(), folder -> createFolder(user, folder));
  }

  // ---------------------------------------------------------------- TLS

  /** An SSL context that trusts exactly this server's self-signed certificate. */
  public synchronized SSLContext sslContext() {
    requirePrepared();
    requireTls();
    return certificate.trustingContext();
  }

  /**
   * Writes a PKCS#12 trust store holding the server's certificate (password {@link
   * #TRUST_STORE_PASSWORD}), for code configured with {@code javax.net.ssl.trustStore} or a path.
   */
  public synchronized Path writeTrustStore(Path file) {
    requirePrepared();
    requireTls();
    try {
      certificate.writeTrustStore(file);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server's certificate in PEM form. */
  public synchronized Path certificatePem() {
    requirePrepared();
    requireTls();
    return certificate.certificatePem;
  }

  // ---------------------------------------------------------------- clients

  /**
   * Angus Mail session properties for this server: store protocol, host, port, timeouts ({@link
   * #CONNECT_TIMEOUT}, {@link #IO_TIMEOUT}) and, for STARTTLS, {@code starttls.required}. When
   * {@code trustCertificate} is set, TLS trusts the generated certificate through an {@code
   * ssl.socketFactory}; otherwise it falls back to the JVM's trust store, which refuses it.
   */
  public Properties sessionProperties(Security security, boolean trustCertificate) {
    String protocol = security == Security.IMAPS ? "imaps" : "imap";
    String prefix = "mail." + protocol + ".";
    Properties p = new Properties();
    p.setProperty("mail.store.protocol", protocol);
    p.setProperty(prefix + "host", HOST);
    p.setProperty(prefix + "port", Integer.toString(port(security)));
    p.setProperty(prefix + "connectiontimeout", Long.toString(CONNECT_TIMEOUT.toMillis()));
    p.setProperty(prefix + "timeout", Long.toString(IO_TIMEOUT.toMillis()));
    p.setProperty(prefix + "writetimeout", Long.toString(IO_TIMEOUT.toMillis()));
    if (security == Security.STARTTLS) {
      p.setProperty(prefix + "starttls.enable", "true");
      p.setProperty(prefix + "starttls.required", "true");
    }
    if (security != Security.PLAIN && trustCertificate) {
      p.put(prefix + "ssl.socketFactory", sslContext().getSocketFactory());
    }
    return p;
  }

  /** Logs a user in with Angus Mail, trusting the generated certificate; close the store. */
  public IMAPStore connect(String user, Security security) throws MessagingException {
    Properties props = sessionProperties(security, true);
    Session session = Session.getInstance(props);
    IMAPStore store = (IMAPStore) session.getStore(props.getProperty("mail.store.protocol"));
    store.connect(HOST, port(security), user, password(user));
    return store;
  }

  /**
   * Adds a message while the server runs, through IMAP APPEND as the user (plain login on
   * loopback), keeping its date as INTERNALDATE; returns its UID.
   */
  public long append(String user, String folder, Mail mail, Flags flags) throws MessagingException {
    try (IMAPStore store = connect(user, Security.PLAIN)) {
      return Imap.append(store, folder, mail, flags);
    }
  }

  private void createFolder(String user, String folder) {
    try (IMAPStore store = connect(user, Security.PLAIN)) {
      jakarta.mail.Folder f = store.getFolder(folder);
      if (!f.exists() && !f.create(jakarta.mail.Folder.HOLDS_MESSAGES)) {
        throw new IllegalStateException("dovecot did not create folder " + folder);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot create folder " + folder + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- internals

  private void prepare() throws IOException {
    Path shm = Path.of("/dev/shm");
    // Memory-backed when possible: 100,000 Maildir files take ~4 s there, ~18 s on a plain disk.
    Path dir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "rapport-dovecot-")
            : Files.createTempDirectory("rapport-dovecot-");
    // Dovecot's mail processes run as uid 65534 and must reach the homes inside.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    root = dir;
    Files.createDirectories(base());
    Files.createDirectories(dir.resolve("state"));
    Path homesDir = Files.createDirectories(dir.resolve("home"));
    Files.setPosixFilePermissions(homesDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    StringBuilder passwd = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, String> u : users.entrySet()) {
      String safe = u.getKey().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + (n++);
      Path home = homesDir.resolve(safe);
      homes.put(u.getKey(), home);
      try (MaildirBuilder box =
          new MaildirBuilder(home.resolve("Maildir"), MAIL_UID, MAIL_UID, false, null)) {
        for (String f : allFolders()) {
          box.createFolder(f);
        }
      }
      MaildirBuilder.chownTree(home, MAIL_UID, MAIL_UID);
      passwd
          .append(u.getKey())
          .append(":{PLAIN}")
          .append(u.getValue())
          .append(':')
          .append(MAIL_UID)
          .append(':')
          .append(MAIL_UID)
          .append("::")
          .append(home)
          .append('\n');
    }
    Path usersFile = dir.resolve("users");
    Files.writeString(usersFile, passwd, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(usersFile, PosixFilePermissions.fromString("rw-r--r--"));
    if (certificateNames != null) {
      certificate = SelfSignedCertificate.generate(dir, certificateNames);
      Files.setPosixFilePermissions(
          certificate.keyPem, PosixFilePermissions.fromString("rw-------"));
    }
    choosePorts();
    writeConfig();
  }

  private List<String> allFolders() {
    List<String> all = new ArrayList<>(List.of(sentFolder, trashFolder, junkFolder, draftsFolder));
    all.addAll(filingFolders);
    return all;
  }

  private void choosePorts() throws IOException {
    port = freePort();
    imapsPort = certificateNames == null ? 0 : freePort();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return s.getLocalPort();
    }
  }

  private void writeConfig() throws IOException {
    Path dir = root;
    StringBuilder c = new StringBuilder();
    c.append("# Generated by dev.rapport.testing.DovecotServer for one test run.\n");
    c.append("protocols = imap\n");
    c.append("listen = ").append(HOST).append('\n');
    c.append("base_dir = ").append(base()).append('\n');
    c.append("state_dir = ").append(dir.resolve("state")).append('\n');
    c.append("log_path = ").append(dir.resolve("dovecot.log")).append('\n');
    c.append("disable_plaintext_auth = no\n");
    c.append("auth_mechanisms = plain login\n");
    c.append("mail_location = maildir:~/Maildir\n");
    // No metrics: a stats writer only delays mail processes at shutdown.
    c.append("stats_writer_socket_path =\n");
    // Failed logins are answered at once and do not slow later logins from 127.0.0.1 (Dovecot's
    // auth penalty, up to 15 s per login, would couple one wrong-password test to every other).
    c.append("auth_failure_delay = 0\n");
    if (certificate != null) {
      c.append("ssl = yes\n");
      c.append("ssl_cert = <").append(certificate.certificatePem).append('\n');
      c.append("ssl_key = <").append(certificate.keyPem).append('\n');
    } else {
      c.append("ssl = no\n");
    }
    Path usersFile = dir.resolve("users");
    c.append("passdb {\n  driver = passwd-file\n  args = scheme=PLAIN username_format=%u ")
        .append(usersFile)
        .append("\n}\n");
    c.append("userdb {\n  driver = passwd-file\n  args = username_format=%u ")
        .append(usersFile)
        .append("\n}\n");
    c.append("service imap-login {\n");
    c.append("  inet_listener imap {\n    address = ").append(HOST);
    c.append("\n    port = ").append(port).append("\n  }\n");
    c.append("  inet_listener imaps {\n    address = ").append(HOST);
    c.append("\n    port = ").append(imapsPort);
    if (certificate != null) {
      c.append("\n    ssl = yes");
    }
    c.append("\n  }\n}\n");
    c.append("service anvil {\n  unix_listener anvil-auth-penalty {\n    mode = 0\n  }\n}\n");
    c.append("namespace inbox {\n  inbox = yes\n  separator = /\n");
    appendMailbox(c, sentFolder, "\\Sent");
    appendMailbox(c, trashFolder, "\\Trash");
    appendMailbox(c, junkFolder, "\\Junk");
    appendMailbox(c, draftsFolder, "\\Drafts");
    c.append("}\n");
    for (Map.Entry<String, String> s : settings.entrySet()) {
      c.append(s.getKey()).append(" = ").append(s.getValue()).append('\n');
    }
    Files.writeString(config(), c, StandardCharsets.UTF_8);
  }

  private static void appendMailbox(StringBuilder c, String name, String attribute) {
    c.append("  mailbox \"").append(name).append("\" {\n");
    c.append("    special_use = ").append(attribute).append('\n');
    c.append("    auto = subscribe\n  }\n");
  }

  private void launch() throws IOException {
    Path out = root.resolve("dovecot.stdout");
    Path log = root.resolve("dovecot.log");
    long logOffset = Files.exists(log) ? Files.size(log) : 0;
    Process p =
        new ProcessBuilder(
                dovecotBinary().orElseThrow().toString(), "-F", "-c", config().toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .start();
    process = p;
    RUNNING.add(this);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    String firstUser = users.keySet().iterator().next();
    while (true) {
      if (!p.isAlive()) {
        process = null;
        RUNNING.remove(this);
        String why = LoginProbe.tail(out, 0) + LoginProbe.tail(log, logOffset);
        if (why.contains("Address already in use")) {
          throw new PortTakenException("dovecot could not bind its port: " + why.strip());
        }
        throw new IllegalStateException(
            "dovecot exited with status " + p.exitValue() + ": " + why.strip());
      }
      String probe = LoginProbe.tryLogin(HOST, port, firstUser, password(firstUser));
      if (probe.equals(LoginProbe.LOGGED_IN)) {
        return;
      }
      if (!probe.equals(LoginProbe.NOT_UP)) {
        stopQuietly();
        throw new IllegalStateException(
            "dovecot refused the login of "
                + firstUser
                + ": "
                + probe
                + "\n"
                + LoginProbe.tail(log, 0));
      }
      if (System.nanoTime() > deadline) {
        stopQuietly();
        throw new IllegalStateException(
            "dovecot did not accept a login within "
                + START_TIMEOUT.toSeconds()
                + " s:\n"
                + LoginProbe.tail(log, logOffset));
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopQuietly();
        throw new IllegalStateException("interrupted while starting dovecot", e);
      }
    }
  }

  private static boolean isLogProcess(ProcessHandle h) {
    return h.info().commandLine().map(c -> c.startsWith("dovecot/log")).orElse(false)
        || readCmdline(h.pid()).startsWith("dovecot/log");
  }

  private static String readCmdline(long pid) {
    try {
      return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"))
          .replace('\0', ' ')
          .strip();
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  // Polls: onExit() of a process that is not our child backs off to a second between checks.
  private static void awaitExit(ProcessHandle h, long deadlineNanos) {
    while (isAliveNotZombie(h) && System.nanoTime() < deadlineNanos) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  // A killed child of a killed master stays a zombie until init reaps it; it is gone all the same.
  static boolean isAliveNotZombie(ProcessHandle h) {
    if (!h.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
      int close = stat.lastIndexOf(')');
      return close < 0 || close + 2 >= stat.length() || stat.charAt(close + 2) != 'Z';
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  private void stopQuietly() {
    try {
      stop();
    } catch (RuntimeException e) {
      // Best effort from shutdown hooks and failed starts.
    }
  }

  private Path base() {
    return root.resolve("base");
  }

  private Path config() {
    return root.resolve("dovecot.conf");
  }

  // Config, users and Maildirs exist from the first use on, so mail can be written before start().
  private void requirePrepared() {
    if (closed) {
      throw new IllegalStateException("this DovecotServer was closed");
    }
    if (root == null) {
      assumeAvailable();
      try {
        prepare();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare dovecot: " + e.getMessage(), e);
      }
    }
  }

  private void requireTls() {
    if (certificate == null) {
      throw new IllegalStateException("this DovecotServer was built without tls()");
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }

  @Override
  public String toString() {
    return "DovecotServer["
        + HOST
        + ":"
        + port
        + (imapsPort > 0 ? ", imaps " + imapsPort : "")
        + ", users "
        + users.keySet()
        + "]";
  }

  private static final class PortTakenException extends IOException {
    PortTakenException(String message) {
      super(message);
    }
  }
}
