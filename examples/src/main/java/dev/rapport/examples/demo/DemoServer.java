package dev.rapport.examples.demo;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rapport.imap.Credentials;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The demo's mail server: GreenMail's IMAP on a free 127.0.0.1 port holding the {@link
 * DemoMailbox}, the configuration that goes with it, and an environment for running {@code rapport}
 * commands against it that keeps everything they read and write inside one folder.
 *
 * <p>Thread-safe as GreenMail is; {@link #close()} stops the server.
 */
final class DemoServer implements AutoCloseable {

  private static final String PASSWORD = "demo-only-password";

  private final GreenMail greenMail;
  private final GreenMailUser user;
  private final DemoMailbox story;
  private final Clock clock;
  private final Path config;
  private final Map<String, String> env;

  private DemoServer(
      GreenMail greenMail,
      GreenMailUser user,
      DemoMailbox story,
      Clock clock,
      Path config,
      Map<String, String> env) {
    this.greenMail = greenMail;
    this.user = user;
    this.story = story;
    this.clock = clock;
    this.config = config;
    this.env = Map.copyOf(env);
  }

  /**
   * Starts a server filled with the story as of the clock's today.
   *
   * @param work an empty folder for the configuration, and the home, config and cache folders of
   *     the commands run against it
   */
  static DemoServer start(Clock clock, Path work) throws IOException, MessagingException {
    DemoMailbox story = new DemoMailbox(clock);
    GreenMail greenMail =
        new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
    greenMail.start();
    try {
      GreenMailUser user =
          greenMail.setUser(DemoMailbox.FARAH.email(), DemoMailbox.LOGIN, PASSWORD);
      story.fillInto(greenMail.getManagers().getImapHostManager(), user);
      Path config = work.resolve("rapport.toml");
      Files.writeString(config, configuration(story), StandardCharsets.UTF_8);
      Map<String, String> env = new HashMap<>();
      // Whatever the real environment holds, the commands see none of it: no user configuration,
      // no cache in the real home folder.
      env.put("RAPPORT_PASSWORD", PASSWORD);
      env.put("HOME", work.resolve("home").toString());
      env.put("XDG_CONFIG_HOME", work.resolve("home/.config").toString());
      env.put("XDG_CACHE_HOME", work.resolve("home/.cache").toString());
      return new DemoServer(greenMail, user, story, clock, config, env);
    } catch (IOException | MessagingException | RuntimeException e) {
      greenMail.stop();
      throw e;
    }
  }

  /** The account as the command line takes it: {@code imap://farah@127.0.0.1:PORT}. */
  String url() {
    return "imap://" + DemoMailbox.LOGIN + "@127.0.0.1:" + port();
  }

  int port() {
    return greenMail.getImap().getPort();
  }

  /** Her password, for the library's watcher. */
  Credentials credentials() {
    return Credentials.password(PASSWORD);
  }

  /** The configuration file: the applicant's profile and the physician she met. */
  Path config() {
    return config;
  }

  /**
   * The environment for commands run against this server (the password, and private home and cache
   * folders).
   */
  Map<String, String> env() {
    return env;
  }

  DemoMailbox story() {
    return story;
  }

  /** Delivers Dr. Rossi's reply to the INBOX now, as new mail (IDLE clients are told). */
  void deliverRossisReply() throws MessagingException {
    MimeMessage reply = story.rossiReplies();
    DemoMailbox.folder(greenMail.getManagers().getImapHostManager(), user, DemoMailbox.INBOX)
        .appendMessage(reply, new Flags(), Date.from(clock.instant()));
  }

  @Override
  public void close() {
    greenMail.stop();
  }

  private static String configuration(DemoMailbox story) {
    return String.join(
        "\n",
        "# Who is writing: the linter checks statements of visa and citizenship against it.",
        "[profile]",
        "name = \"Farah Siddiqui\"",
        "school = \"Aga Khan University\"",
        "country = \"Pakistan\"",
        "citizenship = \"Pakistani\"",
        "visa = \"J-1\"",
        "",
        "# Whom she met in person: a thank-you is due within 72 hours.",
        "[[contacts]]",
        "email = \"" + DemoMailbox.ADEYEMI.email() + "\"",
        "name = \"Olusegun Adeyemi\"",
        "title = \"Dr.\"",
        "metAt = \"the AAPM&R Annual Assembly\"",
        "metOn = " + story.metAdeyemi(),
        "work = [\"osseointegrated prostheses\"]",
        "");
  }
}
