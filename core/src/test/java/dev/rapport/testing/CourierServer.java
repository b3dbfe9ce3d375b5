package dev.rapport.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.io.OutputStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;

/**
 * A real Courier IMAP server for tests, on 127.0.0.1 and a free port: Courier's {@code imapd}
 * behind {@code couriertcpd}, logging users in through its own {@code authdaemond} with the {@code
 * authuserdb} module. Each user gets a Maildir++ tree with the folders {@code Sent}, {@code Trash},
 * {@code Junk}, {@code Drafts} and {@code Archive}, which Courier lists as {@code INBOX.Sent} and
 * so on (no SPECIAL-USE: clients find them by name).
 *
 * <p>Courier is the server that keeps no UID list for a folder no client has opened read-write: for
 * such a folder every {@code STATUS} and {@code EXAMINE} reports a UIDVALIDITY made of the current
 * second, and messages are numbered in the order of their file names. That is what this server is
 * here to test against.
 *
 * <p>Debian's {@code courier-imap} package conflicts with {@code dovecot-imapd}, so it is not
 * installed: {@code .ci/run} installs {@code courier-base courier-authlib courier-authdaemon
 * courier-authlib-userdb} and unpacks {@code courier-imap} with {@code dpkg-deb -x} into {@code
 * /opt/courier-imap} (another folder through the environment variable {@code
 * RAPPORT_COURIER_IMAP}). Courier's authentication library has its socket ({@code
 * /run/courier/authdaemon/socket}) and configuration ({@code /etc/courier}) compiled in, so each
 * server runs in a mount namespace of its own ({@code unshare -m}) where both paths are
 * bind-mounted over folders of its temp directory: servers of parallel tests never share a user
 * database, and the machine's own {@code /etc/courier} is never touched. That needs root. Without
 * any of it tests are skipped, or fail when the environment has {@code CI=true}.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CourierServer courier = CourierServer.builder().user("asha", "pw").build();
 *
 * try (MaildirBuilder box = courier.maildir("asha")) { box.add(CourierServer.SENT, mail); }
 * }</pre>
 *
 * <p>Thread-safe: lifecycle methods are synchronized; the accessors may be called from any thread.
 */
public final class CourierServer extends TestServer {

  /** The address every server listens on. */
  public static final String HOST = "127.0.0.1";

  /**
   * The Sent folder, as {@link MaildirBuilder} names it; Courier lists it as {@code INBOX.Sent}.
   */
  public static final String SENT = "Sent";

  /** The Trash folder, as {@link MaildirBuilder} names it. */
  public static final String TRASH = "Trash";

  /** The Junk folder, as {@link MaildirBuilder} names it. */
  public static final String JUNK = "Junk";

  /** The Drafts folder, as {@link MaildirBuilder} names it. */
  public static final String DRAFTS = "Drafts";

  /** An ordinary filing folder, as {@link MaildirBuilder} names it. */
  public static final String ARCHIVE = "Archive";

  /** Where {@code courier-imap} is unpacked unless {@code RAPPORT_COURIER_IMAP} says otherwise. */
  public static final String DEFAULT_ROOT = "/opt/courier-imap";

  private static final int MAIL_UID = DovecotServer.MAIL_UID;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
  private static final Path COURIERTCPD = Path.of("/usr/sbin/couriertcpd");
  private static final Path AUTHDAEMOND = Path.of("/usr/lib/courier/courier-authlib/authdaemond");
  private static final Path MAKEUSERDB = Path.of("/usr/sbin/makeuserdb");
  private static final Set<CourierServer> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> RUNNING.forEach(CourierServer::kill), "courier-server-shutdown"));
  }

  private final Map<String, String> users;
  private final int idlePollSeconds;
  private final Map<String, Path> homes = new LinkedHashMap<>();
  private @Nullable Path root;
  private int port;
  private @Nullable Process process;
  private boolean closed;

  private CourierServer(Builder b) {
    users = new LinkedHashMap<>(b.users);
    if (users.isEmpty()) {
      users.put(DovecotServer.DEFAULT_USER, DovecotServer.DEFAULT_PASSWORD);
    }
    idlePollSeconds = b.idlePollSeconds;
  }

  /** A builder with one user ({@link DovecotServer#DEFAULT_USER}) unless users are added. */
  public static Builder builder() {
    return new Builder();
  }

  /** Configures a {@link CourierServer}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, String> users = new LinkedHashMap<>();
    private int idlePollSeconds = 1;

    private Builder() {}

    /** Adds a login (letters, digits, {@code . _ -}; the password without line breaks). */
    public Builder user(String login, String password) {
      if (!login.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException("unusable login: '" + login + "'");
      }
      if (password.isEmpty() || password.matches("(?s).*[\\r\\n].*")) {
        throw new IllegalArgumentException("a password must be one line");
      }
      users.put(login, password);
      return this;
    }

    /**
     * How often Courier looks for new mail during IDLE ({@code IMAP_IDLE_TIMEOUT}; default 1 s,
     * where Debian ships 60 s and no realtime notification).
     */
    public Builder idlePollSeconds(int seconds) {
      if (seconds < 1 || seconds > 600) {
        throw new IllegalArgumentException("1 to 600 seconds, not " + seconds);
      }
      idlePollSeconds = seconds;
      return this;
    }

    /** The server, not yet started. */
    public CourierServer build() {
      return new CourierServer(this);
    }
  }

  // ---------------------------------------------------------------- availability

  /** Whether Courier is unpacked and installed as {@code .ci/run} does, and we are root. */
  public static boolean isAvailable() {
    return unavailableReason().isEmpty();
  }

  /**
   * Skips the calling test when Courier cannot run here, or fails it when the environment variable
   * {@code CI} is {@code true}.
   */
  public static void assumeAvailable() {
    DovecotServer.requireOrSkip(unavailableReason(), System.getenv("CI"));
  }

  /** The folder {@code courier-imap} is unpacked in. */
  public static Path courierRoot() {
    String dir = System.getenv("RAPPORT_COURIER_IMAP");
    return Path.of(dir == null || dir.isBlank() ? DEFAULT_ROOT : dir);
  }

  private static Path imapd() {
    return courierRoot().resolve("usr/bin/imapd");
  }

  private static Path imaplogin() {
    return courierRoot().resolve("usr/lib/courier/courier/imaplogin");
  }

  private static Optional<String> unavailableReason() {
    String hint =
        "; .ci/run shows how: apt-get install --no-install-recommends courier-base courier-authlib"
            + " courier-authdaemon courier-authlib-userdb, then apt-get download courier-imap and"
            + " dpkg-deb -x it into "
            + courierRoot();
    for (Path p : List.of(imapd(), imaplogin())) {
      if (!Files.isExecutable(p)) {
        return Optional.of("courier-imap is not unpacked: no " + p + hint);
      }
    }
    for (Path p : List.of(COURIERTCPD, AUTHDAEMOND, MAKEUSERDB)) {
      if (!Files.isExecutable(p)) {
        return Optional.of(
            "Courier's base and authentication packages are missing: no " + p + hint);
      }
    }
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("courier tests must run as root (mount namespace, uid 65534 for mail)");
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Starts Courier and returns once a login succeeds; the temp folder, user database and Maildirs
   * are made on first use.
   *
   * @throws AssertionError if Courier is missing and {@code CI=true}
   * @throws org.opentest4j.TestAbortedException if Courier is missing otherwise
   * @throws IllegalStateException if Courier does not come up (the message carries its log)
   */
  @Override
  public synchronized CourierServer start() {
    if (closed) {
      throw new IllegalStateException("this CourierServer was closed");
    }
    if (process != null && process.isAlive()) {
      return this;
    }
    requirePrepared();
    try {
      for (int attempt = 1; ; attempt++) {
        try {
          launch();
          return this;
        } catch (PortTakenException e) {
          if (attempt == 3) {
            throw new IllegalStateException(e.getMessage(), e);
          }
          port = freePort();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start courier: " + e.getMessage(), e);
    }
  }

  /** Stops every process of the server and deletes its folder. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    kill();
    if (root != null) {
      DovecotServer.deleteTree(root);
    }
  }

  /** Whether the server's listener is alive. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  // ---------------------------------------------------------------- accessors

  /** The port of plain IMAP. */
  public synchronized int port() {
    requirePrepared();
    return port;
  }

  /** {@code imap://USER@127.0.0.1:PORT}, as the command line takes it. */
  public String url(String user) {
    password(user);
    return "imap://" + user + "@" + HOST + ":" + port();
  }

  /** The password of a login. */
  public String password(String user) {
    String pw = users.get(user);
    if (pw == null) {
      throw new IllegalArgumentException("no such user: " + user);
    }
    return pw;
  }

  /** The name Courier gives a folder of {@link MaildirBuilder}'s: {@code INBOX.Name}. */
  public static String imapName(String folder) {
    return folder.equalsIgnoreCase("INBOX") ? "INBOX" : "INBOX." + folder.replace('/', '.');
  }

  /** A user's Maildir root (its INBOX). */
  public synchronized Path maildirOf(String user) {
    requirePrepared();
    password(user);
    return homes.get(user).resolve("Maildir");
  }

  /**
   * Writes messages straight into a user's Maildir, as a delivery agent does; close it to hand the
   * files to the mail user. Under a running server each message goes through {@code tmp/}.
   */
  public synchronized MaildirBuilder maildir(String user) {
    requirePrepared();
    return new MaildirBuilder(maildirOf(user), MAIL_UID, MAIL_UID, isRunning(), null);
  }

  /** What the server and its authentication daemon wrote, for diagnosing a failed test. */
  public synchronized String log() {
    requirePrepared();
    return LoginProbe.tail(root.resolve("courier.log"), 0);
  }

  /** Logs a user in with Angus Mail (plain IMAP, timeouts set); close the store. */
  public IMAPStore connect(String user) throws MessagingException {
    Properties p = new Properties();
    p.setProperty("mail.store.protocol", "imap");
    p.setProperty("mail.imap.connectiontimeout", "5000");
    p.setProperty("mail.imap.timeout", "15000");
    p.setProperty("mail.imap.writetimeout", "15000");
    IMAPStore store = (IMAPStore) Session.getInstance(p).getStore("imap");
    store.connect(HOST, port(), user, password(user));
    return store;
  }

  // ---------------------------------------------------------------- internals

  private void requirePrepared() {
    if (closed) {
      throw new IllegalStateException("this CourierServer was closed");
    }
    if (root == null) {
      assumeAvailable();
      try {
        prepare();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot prepare courier: " + e.getMessage(), e);
      }
    }
  }

  private void prepare() throws IOException {
    Path shm = Path.of("/dev/shm");
    Path dir =
        Files.isDirectory(shm) && Files.isWritable(shm)
            ? Files.createTempDirectory(shm, "rapport-courier-")
            : Files.createTempDirectory("rapport-courier-");
    // imapd runs as uid 65534 and must reach the homes inside.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    root = dir;
    Path etc = Files.createDirectories(dir.resolve("etc"));
    Files.createDirectories(dir.resolve("authdaemon"));
    Path homesDir = Files.createDirectories(dir.resolve("home"));
    Files.setPosixFilePermissions(homesDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        etc.resolve("authdaemonrc"),
        "# Generated by dev.rapport.testing.CourierServer for one test run.\n"
            + "authmodulelist=\"authuserdb\"\n"
            + "daemons=2\n"
            + "authdaemonvar=/run/courier/authdaemon\n"
            + "DEBUG_LOGIN=0\n"
            + "DEFAULTOPTIONS=\"\"\n"
            + "LOGGEROPTS=\"\"\n");
    StringBuilder userdb = new StringBuilder();
    int n = 0;
    for (Map.Entry<String, String> u : users.entrySet()) {
      Path home = homesDir.resolve(u.getKey() + "-" + (n++));
      homes.put(u.getKey(), home);
      try (MaildirBuilder box =
          new MaildirBuilder(home.resolve("Maildir"), MAIL_UID, MAIL_UID, false, null)) {
        box.createFolder("INBOX");
        for (String f : List.of(SENT, TRASH, JUNK, DRAFTS, ARCHIVE)) {
          box.createFolder(f);
        }
      }
      MaildirBuilder.chownTree(home, MAIL_UID, MAIL_UID);
      userdb
          .append(u.getKey())
          .append('\t')
          .append("uid=")
          .append(MAIL_UID)
          .append("|gid=")
          .append(MAIL_UID)
          .append("|home=")
          .append(home)
          .append("|mail=")
          .append(home.resolve("Maildir"))
          .append("|systempw=")
          .append(md5Crypt(u.getValue()))
          .append('\n');
    }
    Path db = etc.resolve("userdb");
    Files.writeString(db, userdb, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-------"));
    run(List.of(MAKEUSERDB.toString(), "-f", db.toString()), null);
    port = freePort();
  }

  /** The password as {@code userdbpw -md5} writes it (MD5-crypt), by {@code openssl passwd -1}. */
  private String md5Crypt(String password) throws IOException {
    return run(List.of("openssl", "passwd", "-1", "-stdin"), password + "\n").strip();
  }

  private String run(List<String> command, @Nullable String input) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream in = p.getOutputStream()) {
      if (input != null) {
        in.write(input.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    return out;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return s.getLocalPort();
    }
  }

  /**
   * The script run in the server's own mount namespace: Courier's compiled-in paths over folders of
   * ours, the authentication daemon in the background, then the listener in the foreground (so the
   * process we started is the listener, and every other process is its descendant).
   */
  private String script() {
    Path dir = root;
    StringBuilder s = new StringBuilder();
    s.append("set -e\n");
    s.append("mkdir -p /etc/courier /run/courier/authdaemon\n");
    s.append("mount --bind '").append(dir.resolve("etc")).append("' /etc/courier\n");
    s.append("mount --bind '")
        .append(dir.resolve("authdaemon"))
        .append("' /run/courier/authdaemon\n");
    s.append("'").append(AUTHDAEMOND).append("' &\n");
    // The socket exists once the daemon listens; the listener may start before that (a login
    // then waits for it), so this only keeps the first probe from failing.
    s.append("for i in $(seq 100); do [ -S /run/courier/authdaemon/socket ] && break; ")
        .append("sleep 0.05; done\n");
    s.append("exec '")
        .append(COURIERTCPD)
        .append("' -address=")
        .append(HOST)
        .append(" -maxprocs=40 -maxperip=40 -nodnslookup -noidentlookup ")
        .append(port)
        .append(" '")
        .append(imaplogin())
        .append("' '")
        .append(imapd())
        .append("' Maildir\n");
    return s.toString();
  }

  private void launch() throws IOException {
    Path log = root.resolve("courier.log");
    long offset = Files.exists(log) ? Files.size(log) : 0;
    Path script = root.resolve("start.sh");
    Files.writeString(script, script(), StandardCharsets.UTF_8);
    ProcessBuilder pb =
        // setsid: couriertcpd ends its sessions by signalling its whole process group, which
        // would otherwise be this JVM's (and Maven's).
        new ProcessBuilder(
                "setsid", "unshare", "-m", "--propagation", "private", "sh", script.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = pb.environment();
    env.clear();
    env.put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
    // Debian's /etc/courier/imapd, but for what a test needs: no AUTH= mechanisms (LOGIN only),
    // no trash purge at login, IDLE that looks for news every idlePollSeconds.
    env.put(
        "IMAP_CAPABILITY",
        "IMAP4rev1 UIDPLUS CHILDREN NAMESPACE THREAD=ORDEREDSUBJECT THREAD=REFERENCES SORT QUOTA"
            + " IDLE");
    env.put("IMAP_KEYWORDS", "1");
    env.put("IMAP_ACL", "1");
    env.put("IMAP_PROXY", "0");
    env.put("IMAP_IDLE_TIMEOUT", Integer.toString(idlePollSeconds));
    env.put("IMAP_ENHANCEDIDLE", "0");
    env.put("IMAP_MAILBOX_SANITY_CHECK", "1");
    env.put("IMAP_DISABLETHREADSORT", "0");
    env.put("IMAP_CHECK_ALL_FOLDERS", "0");
    env.put("IMAP_OBSOLETE_CLIENT", "0");
    env.put("IMAP_UMASK", "022");
    env.put("IMAP_USELOCKS", "1");
    env.put("IMAP_SHAREDINDEXFILE", "");
    env.put("IMAP_TRASHFOLDERNAME", "Trash");
    env.put("IMAP_EMPTYTRASH", "");
    env.put("IMAP_MOVE_EXPUNGE_TO_TRASH", "0");
    env.put("HEADERFROM", "X-IMAP-Sender");
    env.put("SENDMAIL", "/bin/false");
    Process p = pb.start();
    process = p;
    RUNNING.add(this);
    String user = users.keySet().iterator().next();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!p.isAlive()) {
        process = null;
        RUNNING.remove(this);
        String why = LoginProbe.tail(log, offset);
        if (why.contains("Address already in use")) {
          throw new PortTakenException("courier could not bind its port: " + why.strip());
        }
        throw new IllegalStateException(
            "courier exited with status " + p.exitValue() + ": " + why.strip());
      }
      String probe = LoginProbe.tryLogin(HOST, port, user, password(user));
      if (probe.contains("Temporary")) {
        probe =
            LoginProbe.NOT_UP; // the authentication daemon is still starting: its refusal says so
      }
      if (probe.equals(LoginProbe.LOGGED_IN)) {
        return;
      }
      if (!probe.equals(LoginProbe.NOT_UP) || System.nanoTime() > deadline) {
        kill();
        throw new IllegalStateException(
            "courier did not log "
                + user
                + " in ("
                + probe
                + "):\n"
                + LoginProbe.tail(log, offset));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
        throw new IllegalStateException("interrupted while starting courier", e);
      }
    }
  }

  /** Ends the listener, the authentication daemon and every session: all descend from it. */
  private synchronized void kill() {
    Process p = process;
    process = null;
    RUNNING.remove(this);
    if (p == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
    all.add(p.toHandle());
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (ProcessHandle h : all) {
      // A session whose listener died first is reparented to init and may stay a zombie: gone.
      while (DovecotServer.isAliveNotZombie(h) && System.nanoTime() < deadline) {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        if (System.nanoTime() > deadline - STOP_TIMEOUT.toNanos() / 2) {
          h.destroyForcibly();
        }
      }
    }
    try {
      p.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "CourierServer[" + HOST + ":" + port + ", users " + users.keySet() + "]";
  }

  private static final class PortTakenException extends IOException {
    PortTakenException(String message) {
      super(message);
    }
  }
}
