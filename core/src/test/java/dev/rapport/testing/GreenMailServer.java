package dev.rapport.testing;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPStore;

/**
 * An in-process GreenMail IMAP and SMTP server on free 127.0.0.1 ports, for fast IMAP tests that
 * need no Dovecot. Users, folders and messages (with chosen INTERNALDATE and flags) are set up
 * through GreenMail's store directly, so setting up does not touch IMAP.
 *
 * <p>Limits (verified): no SPECIAL-USE (LIST shows no {@code \Sent}), no CONDSTORE/QRESYNC/ENABLE,
 * no THREAD; IDLE pushes EXISTS and EXPUNGE but not flag changes. Its folder separator is {@code
 * .}. Use {@link DovecotServer} for anything that needs those.
 *
 * <p>Usable as a JUnit 5 extension ({@code static} field: once per class; instance field: once per
 * test) or as an {@link AutoCloseable}. Thread-safe.
 */
public final class GreenMailServer extends TestServer {

  private final GreenMail greenMail;
  private final Map<String, String> users = new LinkedHashMap<>();

  /** A server with IMAP and SMTP on free loopback ports; not started. */
  public GreenMailServer() {
    ServerSetup imap = new ServerSetup(0, DovecotServer.HOST, ServerSetup.PROTOCOL_IMAP);
    ServerSetup smtp = new ServerSetup(0, DovecotServer.HOST, ServerSetup.PROTOCOL_SMTP);
    greenMail = new GreenMail(new ServerSetup[] {imap.dynamicPort(), smtp.dynamicPort()});
  }

  /** Starts IMAP and SMTP; returns once both accept connections. */
  public synchronized GreenMailServer start() {
    if (!greenMail.isRunning()) {
      greenMail.start();
    }
    return this;
  }

  /** Stops both services; users and messages stay for a later {@link #start()}. */
  public synchronized void stop() {
    if (greenMail.isRunning()) {
      greenMail.stop();
    }
  }

  /** Stops the server. */
  @Override
  public void close() {
    stop();
  }

  /** Whether the services are running. */
  public synchronized boolean isRunning() {
    return greenMail.isRunning();
  }

  /** The IMAP port (only known once started). */
  public int imapPort() {
    return requireRunning().getImap().getPort();
  }

  /** The SMTP port (only known once started). */
  public int smtpPort() {
    return requireRunning().getSmtp().getPort();
  }

  /** A URL of the form the command line takes: {@code imap://USER@127.0.0.1:PORT}. */
  public String url(String user) {
    password(user);
    String encoded =
        java.net.URLEncoder.encode(user, java.nio.charset.StandardCharsets.UTF_8)
            .replace("+", "%20");
    return "imap://" + encoded + "@" + DovecotServer.HOST + ":" + imapPort();
  }

  /**
   * Adds a login; its address (for SMTP delivery) is the login when it has an {@code @}, else
   * {@code login@localhost}.
   */
  public synchronized GreenMailServer user(String login, String password) {
    String email = login.contains("@") ? login : login + "@localhost";
    greenMail.setUser(email, login, password);
    users.put(login, password);
    return this;
  }

  /** The password of a login. */
  public synchronized String password(String user) {
    String pw = users.get(user);
    if (pw == null) {
      throw new IllegalArgumentException("no such user: " + user);
    }
    return pw;
  }

  /** The logins, in the order they were added. */
  public synchronized List<String> users() {
    return List.copyOf(users.keySet());
  }

  /** Creates a folder (levels separated by {@code .}) if it does not exist. */
  public synchronized GreenMailServer createFolder(String user, String folder) {
    folder(user, folder);
    return this;
  }

  /**
   * Stores a message straight into a folder (created if missing) with the given INTERNALDATE and
   * flags, and returns its UID. IDLE clients are told, as for an APPEND.
   */
  public synchronized long append(
      String user, String folder, byte[] raw, Instant internalDate, Flags flags) {
    try {
      MailFolder f = folder(user, folder);
      return f.appendMessage(Imap.message(raw, internalDate), flags, Date.from(internalDate));
    } catch (MessagingException e) {
      throw new IllegalArgumentException("unreadable message: " + e.getMessage(), e);
    }
  }

  /** Stores a {@link Mail}, its INTERNALDATE being its {@link Mail#date()}. */
  public long append(String user, String folder, Mail mail, Flags flags) {
    return append(user, folder, mail.bytes(), mail.date(), flags);
  }

  /** Angus Mail session properties with host, port and timeouts (Angus's defaults are infinite). */
  public Properties sessionProperties() {
    Properties p = new Properties();
    p.setProperty("mail.store.protocol", "imap");
    p.setProperty("mail.imap.host", DovecotServer.HOST);
    p.setProperty("mail.imap.port", Integer.toString(imapPort()));
    setTimeouts(p, "mail.imap.", DovecotServer.CONNECT_TIMEOUT, DovecotServer.IO_TIMEOUT);
    p.setProperty("mail.smtp.host", DovecotServer.HOST);
    p.setProperty("mail.smtp.port", Integer.toString(smtpPort()));
    setTimeouts(p, "mail.smtp.", DovecotServer.CONNECT_TIMEOUT, DovecotServer.IO_TIMEOUT);
    return p;
  }

  /** Logs a user in over IMAP with Angus Mail; close the store. */
  public IMAPStore connect(String user) throws MessagingException {
    Properties props = sessionProperties();
    IMAPStore store = (IMAPStore) Session.getInstance(props).getStore("imap");
    store.connect(DovecotServer.HOST, imapPort(), user, password(user));
    return store;
  }

  /** The GreenMail underneath, for anything these helpers do not cover. */
  public GreenMail greenMail() {
    return greenMail;
  }

  private MailFolder folder(String user, String folder) {
    password(user);
    GreenMailUser u = greenMail.getUserManager().getUser(user);
    ImapHostManager host = greenMail.getManagers().getImapHostManager();
    try {
      MailFolder f =
          folder.equalsIgnoreCase("INBOX") ? host.getInbox(u) : host.getFolder(u, folder);
      return f != null ? f : host.createMailbox(u, folder);
    } catch (FolderException | com.icegreen.greenmail.imap.AuthorizationException e) {
      throw new IllegalStateException("cannot open folder " + folder + ": " + e.getMessage(), e);
    }
  }

  private synchronized GreenMail requireRunning() {
    if (!greenMail.isRunning()) {
      throw new IllegalStateException("start() the GreenMailServer first");
    }
    return greenMail;
  }

  private static void setTimeouts(Properties p, String prefix, Duration connect, Duration io) {
    p.setProperty(prefix + "connectiontimeout", Long.toString(connect.toMillis()));
    p.setProperty(prefix + "timeout", Long.toString(io.toMillis()));
    p.setProperty(prefix + "writetimeout", Long.toString(io.toMillis()));
  }
}
