package dev.rapport.examples.demo;

import dev.rapport.app.Rapport;
import dev.rapport.examples.ListenForReplies;
import dev.rapport.imap.ImapOptions;
import dev.rapport.imap.ImapUrl;
import dev.rapport.track.ContactState;
import dev.rapport.watch.StatusEvent;
import dev.rapport.watch.Watcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jspecify.annotations.Nullable;

/**
 * The one-command demo: {@code java -jar examples/target/rapport-demo.jar}. Starts a throwaway
 * GreenMail IMAP server on a free loopback port, fills it with a few months of one applicant's
 * outreach ({@link DemoMailbox}), and runs the real {@code rapport} commands against it: {@code
 * status} for the table of who needs what, {@code lint} on three drafts; then a {@link Watcher}
 * listens while a reply arrives, and the demo prints the event. It needs no mail account and no
 * configuration, touches nothing outside a temporary folder, and exits by itself.
 *
 * <p>{@code --html FILE} also writes the mailbox as {@code rapport status --format html} draws it,
 * drawn together with the table (so both count the same replies) and saying so on the page.
 *
 * <p>Not thread-safe: one demo per instance.
 */
public final class Demo {

  /** The demo gives up after this long, so that it always ends by itself. */
  static final Duration DEADLINE = Duration.ofSeconds(50);

  private static final String[] DRAFTS = {"thank-you.eml", "observership.eml", "research.eml"};

  private final PrintStream out;
  private final Clock clock;
  private final boolean color;
  private final @Nullable Path html;
  private final Path work;
  private Map<String, String> env = Map.of();

  private Demo(PrintStream out, Clock clock, boolean color, @Nullable Path html)
      throws IOException {
    this.out = out;
    this.clock = clock;
    this.color = color;
    this.html = html;
    this.work = Files.createTempDirectory("rapport-demo-");
  }

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err =
        new PrintStream(
            new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    boolean color =
        System.console() != null
            && System.getenv("NO_COLOR") == null
            && !"dumb".equals(System.getenv("TERM"));
    System.exit(run(args, out, err, Clock.systemDefaultZone(), color));
  }

  /** Why the page could not be written to {@code file}, or null if it can. */
  static @Nullable String unwritable(Path file) {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    if (Files.isDirectory(abs)) {
      return "it is a folder";
    }
    if (dir == null || !Files.isDirectory(dir)) {
      return "no such folder " + dir;
    }
    if (Files.exists(abs) ? !Files.isWritable(abs) : !Files.isWritable(dir)) {
      return "permission denied";
    }
    return null;
  }

  /**
   * Runs the demo and returns its exit code: 0 when every step did what it shows, 2 for a bad
   * argument (an unknown one, {@code --html} without a file, or a page that cannot be written: said
   * in one line before the demo starts), 1 if a step failed or the deadline passed.
   */
  public static int run(
      String[] args, PrintStream out, PrintStream err, Clock clock, boolean color) {
    Path html = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--html") || args[i].startsWith("--html=")) {
        String file =
            args[i].startsWith("--html=")
                ? args[i].substring("--html=".length())
                : i + 1 < args.length && !args[i + 1].startsWith("-") ? args[++i] : "";
        if (file.isEmpty()) {
          err.println(
              "rapport-demo: --html needs a FILE to write the page to, e.g. --html outreach.html");
          return 2;
        }
        html = Path.of(file);
        String unwritable = unwritable(html);
        if (unwritable != null) {
          // Said now, not after the whole demo has run.
          err.println("rapport-demo: cannot write " + html + ": " + unwritable);
          return 2;
        }
      } else if (args[i].equals("--help") || args[i].equals("-h")) {
        out.println("Usage: java -jar rapport-demo.jar [--html FILE]");
        out.println(
            "Shows what Rapport does on a made-up mailbox, on a mail server that lives only for the demo.");
        out.println(
            "  --html FILE  also write the mailbox as a page (rapport status --format html)");
        out.println(
            "Exit status: 0 done, 1 a step failed, 2 a bad argument or a page that cannot be written.");
        return 0;
      } else {
        err.println("rapport-demo: unknown argument '" + args[i] + "' (try --help)");
        return 2;
      }
    }
    ThreadGroup group = new DemoThreads();
    ExecutorService runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(group, r, "rapport-demo");
              t.setDaemon(true);
              return t;
            });
    Demo demo;
    try {
      demo = new Demo(out, clock, color, html);
    } catch (IOException e) {
      err.println("rapport-demo: cannot make a temporary folder: " + e.getMessage());
      return 1;
    }
    Future<Integer> done = runner.submit(demo::show);
    try {
      return done.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      err.println("rapport-demo: gave up after " + DEADLINE.toSeconds() + " seconds");
      done.cancel(true);
      return 1;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      err.println(
          "rapport-demo: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      runner.shutdownNow();
      demo.deleteWorkFolder();
    }
  }

  /**
   * The demo's threads, and through them GreenMail's (threads join their creator's group). A
   * GreenMail connection thread dies with a stack trace when a client cuts the connection instead
   * of logging out, which is what a {@link Watcher} does when closed (on purpose: a LOGOUT could
   * wait on a dead server). Here that is noise, so it is dropped; anything else is printed as
   * usual.
   */
  private static final class DemoThreads extends ThreadGroup {
    DemoThreads() {
      super("rapport-demo");
    }

    @Override
    public void uncaughtException(Thread t, Throwable e) {
      if (t.getName().startsWith("imap:") && cutByClient(e)) {
        return;
      }
      super.uncaughtException(t, e);
    }

    private static boolean cutByClient(Throwable e) {
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof java.net.SocketException) {
          return true;
        }
      }
      return false;
    }
  }

  // ------------------------------------------------------------------ the show

  private int show() throws Exception {
    long started = System.nanoTime();
    try (DemoServer server = DemoServer.start(clock, work)) {
      DemoMailbox story = server.story();
      env = server.env();
      String config = server.config().toString();

      title("Rapport demo");
      out.println(
          "Everything below runs on this machine, against a throwaway mail server (GreenMail on");
      out.println(
          "127.0.0.1:"
              + server.port()
              + ") that lives only as long as the demo. No account, no network.");

      heading("1. A mailbox");
      out.println(
          "Farah Siddiqui graduated from Aga Khan University in Karachi, Pakistan, and is applying to");
      out.println(
          "PM&R residency in the US. Since "
              + DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH).format(story.firstDay())
              + " she has written to "
              + story.recipients()
              + " physicians. Her mailbox holds:");
      out.println();
      Map<String, String> what =
          Map.of(
              DemoMailbox.SENT, "her first messages and follow-ups",
              DemoMailbox.INBOX, "replies, an out-of-office, a bounce and a newsletter",
              DemoMailbox.RESEARCH, "a reply she filed away",
              DemoMailbox.TRASH, "a reply she deleted");
      story
          .counts()
          .forEach(
              (folder, n) ->
                  out.printf("  %-9s %3d  %s%n", folder, n, what.getOrDefault(folder, "")));
      out.println();
      out.println(
          "Her rapport.toml adds whom she met in person: " + DemoMailbox.ADEYEMI.name() + ",");
      out.println("at the AAPM&R Annual Assembly two days ago.");

      heading("2. Who needs what");
      out.println(
          "Rapport reads the mailbox (read-only) and says, for each person, what to do next:");
      int status =
          rapport(List.of("status", "--config", config, "--imap", server.url()), List.of());
      if (status != 0) {
        return fail("rapport status exited with " + status);
      }
      // Drawn now, with the table, so that the two agree; written at the end.
      String page = html == null ? null : page(server);
      if (html != null && page == null) {
        return fail("rapport status --format html failed");
      }

      heading("3. Three drafts, checked before sending");
      String[] intro = {
        "The thank-you that is due, to the physician she met at the Assembly:",
        "A template sent in a hurry (lint exits 1: it must not go out like this):",
        "A first message that would do, but could be better:"
      };
      Path drafts = Files.createDirectories(work.resolve("drafts"));
      for (int i = 0; i < DRAFTS.length; i++) {
        Path draft = drafts.resolve(DRAFTS[i]);
        try (InputStream in =
            Objects.requireNonNull(Demo.class.getResourceAsStream(DRAFTS[i]), DRAFTS[i])) {
          Files.copy(in, draft);
        }
        out.println(intro[i]);
        List<String> colour = color ? List.of("--color=always") : List.of("--color=never");
        int lint = rapport(List.of("lint", "--config", config, draft.toString()), colour);
        if (lint != 0 && lint != 1) {
          return fail("rapport lint exited with " + lint);
        }
        if (i < DRAFTS.length - 1) {
          out.println();
        }
      }

      heading("4. Listening for replies");
      out.println(
          "A Watcher, the library behind `rapport watch`, keeps the picture current over IMAP IDLE and");
      out.println(
          "tells listeners each change (as in ListenForReplies.java). While it listens, Dr. Sofia Rossi");
      out.println(
          "answers Farah's message of "
              + DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH).format(story.rossiAsked())
              + ":");
      StatusEvent event = listenWhileRossiReplies(server);
      if (event == null) {
        return fail("the watcher heard nothing within " + HEARING.toSeconds() + " seconds");
      }
      out.println();
      out.println(
          "  "
              + bold(event.name().map(n -> n + " ").orElse("") + "<" + event.contact() + ">")
              + ": "
              + label(event.previous())
              + " -> "
              + label(event.state()));
      out.println("  " + event.reason());
      out.println();
      out.println("The same event as `rapport watch --format jsonl` prints it, for scripts:");
      out.println(event.toJson());

      if (html != null && page != null) {
        heading("The picture");
        try {
          Files.writeString(html, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
          return fail("cannot write " + html + ": " + e.getMessage());
        }
        out.println("Wrote " + html + " (rapport status --format html): open it in a browser.");
        out.println(
            "It was drawn with the table in step 2, before Dr. Rossi's reply, and counts the same replies.");
      }

      heading("Next");
      out.println(
          "  bin/rapport lint my-draft.eml    check a draft of your own (installed: rapport lint …)");
      out.println("  bin/rapport status --imap imaps://you@imap.example.org");
      out.println("  bin/rapport watch --imap imaps://you@imap.example.org");
      out.println(
          "                 your own mailbox, now and as mail arrives (password from RAPPORT_PASSWORD)");
      out.println("  java -jar examples/target/rapport-demo.jar --html outreach.html");
      out.println("                 this mailbox as a page, with a timeline per contact");
      out.printf("%nDone in %.1f s.%n", (System.nanoTime() - started) / 1e9);
      return 0;
    }
  }

  /** What the page says of when it was drawn: the reply of step 4 is not on it. */
  static final String PAGE_NOTE =
      "Drawn by the demo together with the table of step 2, before Dr. Sofia Rossi's reply in step 4:"
          + " it counts the same replies as that table, and her row still reads awaiting reply.";

  /**
   * The mailbox as {@code rapport status --format html} draws it, with {@link #PAGE_NOTE} under its
   * date; null if the command failed.
   */
  private @Nullable String page(DemoServer server) {
    StringWriter page = new StringWriter();
    int code =
        Rapport.run(
            List.of(
                "status",
                "--config",
                server.config().toString(),
                "--imap",
                server.url(),
                "--format",
                "html"),
            new PrintWriter(page),
            new PrintWriter(new StringWriter()),
            empty(),
            env);
    if (code != 0) {
      return null;
    }
    Document doc = Jsoup.parse(page.toString());
    doc.outputSettings().prettyPrint(true).indentAmount(1);
    Element asOf = doc.selectFirst("header .as-of");
    if (asOf == null) {
      return null;
    }
    asOf.after(new Element("p").addClass("as-of").addClass("note").text(PAGE_NOTE));
    return doc.outerHtml() + "\n";
  }

  /** How long the demo waits for the watcher to sync, and then to hear the reply. */
  private static final Duration HEARING = Duration.ofSeconds(20);

  /**
   * Starts a watcher, delivers Dr. Rossi's reply once it has synced, and returns what it heard (or
   * null).
   */
  private static @Nullable StatusEvent listenWhileRossiReplies(DemoServer server) throws Exception {
    BlockingQueue<StatusEvent> heard = new LinkedBlockingQueue<>();
    try (Watcher watcher =
        ListenForReplies.watch(
            ImapUrl.parse(server.url()), server.credentials(), ImapOptions.DEFAULTS, heard::add)) {
      watcher.start();
      Map<String, String> failed = watcher.awaitFirstSync(HEARING);
      if (!failed.isEmpty()) {
        throw new IllegalStateException(
            "the watcher could not read the mailbox: " + failed.values().iterator().next());
      }
      server.deliverRossisReply();
      return heard.poll(HEARING.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static String label(@Nullable ContactState s) {
    return s == null ? "new" : s.label();
  }

  /** Runs a real {@code rapport} command in-process and shows it as it would look in a terminal. */
  private int rapport(List<String> args, List<String> unshown) {
    out.println();
    out.println(bold("$ rapport " + shown(String.join(" ", args))));
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    List<String> all = new ArrayList<>(args);
    all.addAll(1, unshown);
    int code = Rapport.run(all, new PrintWriter(o), new PrintWriter(e), empty(), env);
    out.print(shown(o.toString()));
    out.print(shown(e.toString()));
    out.flush();
    return code;
  }

  /** The temporary folder's name is noise: commands are shown as if run in it. */
  private String shown(String s) {
    return s.replace(work.resolve("drafts") + java.io.File.separator, "")
        .replace(work + java.io.File.separator, "");
  }

  private int fail(String why) {
    out.println();
    out.println("rapport-demo: " + why);
    return 1;
  }

  private void title(String s) {
    out.println(bold(s));
    out.println("=".repeat(s.length()));
  }

  private void heading(String s) {
    out.println();
    out.println(bold(s));
    out.println("-".repeat(s.length()));
  }

  private String bold(String s) {
    return color ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  private static InputStream empty() {
    return new ByteArrayInputStream(new byte[0]);
  }

  private void deleteWorkFolder() {
    try (Stream<Path> all = Files.walk(work)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      // Best effort: it is a temporary folder.
    }
  }
}
