package dev.rapport.hostile;

import dev.rapport.hostile.ScriptedImapServer.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An honest little mailbox behind a {@link ScriptedImapServer}: an INBOX and a {@code \Sent} folder
 * whose messages are header blocks, answered faithfully to LIST, STATUS, EXAMINE, FETCH (UID,
 * INTERNALDATE and the header fields; nothing else) and IDLE (news when the test says so), so a
 * watcher syncs it for real and a test can then make one command misbehave, and later behave again,
 * while the watcher runs.
 *
 * <p>Thread-safe: the server answers on one thread per connection while the test adds messages.
 * Which folder a connection has selected is kept per connection thread.
 */
final class ScriptedMailbox {
  static final long UIDVALIDITY = 7;

  private final Map<String, List<String>> folders = new LinkedHashMap<>();
  private final Map<String, AtomicInteger> statusAnswers = new ConcurrentHashMap<>();
  private final ThreadLocal<String> selected = new ThreadLocal<>();
  private final ThreadLocal<Boolean> statusAsked = ThreadLocal.withInitial(() -> false);
  private final ThreadLocal<String> idleTag = new ThreadLocal<>();
  private final ThreadLocal<AtomicBoolean> idling = new ThreadLocal<>();
  private final ThreadLocal<AtomicInteger> newsTold = ThreadLocal.withInitial(AtomicInteger::new);
  private final Object newsLock = new Object();
  private int news;

  ScriptedMailbox() {
    folders.put("INBOX", new ArrayList<>());
    folders.put("Sent", new ArrayList<>());
  }

  /** Adds an empty folder of no special use, listed after INBOX and Sent. */
  synchronized ScriptedMailbox folder(String name) {
    folders.putIfAbsent(name, new ArrayList<>());
    return this;
  }

  private synchronized List<String> names() {
    return List.copyOf(folders.keySet());
  }

  /** Files a message, given as its header lines; its UID is the folder's next. */
  synchronized void add(String folder, String... headerLines) {
    folders.get(folder).add(String.join("\r\n", headerLines) + "\r\n\r\n");
  }

  /** How many STATUS commands about {@code folder} were answered honestly: syncs, as seen here. */
  int statusAnswered(String folder) {
    return statusAnswers.computeIfAbsent(folder, k -> new AtomicInteger()).get();
  }

  private synchronized List<String> messages(String folder) {
    List<String> m = folders.get(folder);
    return m == null ? List.of() : List.copyOf(m);
  }

  /**
   * Makes every connection in IDLE say that its folder has news ({@code * n EXISTS}), as a server
   * does when mail arrives.
   */
  void news() {
    synchronized (newsLock) {
      news++;
      newsLock.notifyAll();
    }
  }

  /**
   * Whether the connection this answer is on has asked for a STATUS: a watcher's sync connection
   * does, its IDLE connections never do (without NOTIFY).
   */
  boolean onSyncConnection() {
    return statusAsked.get();
  }

  /**
   * Makes the server answer LIST, STATUS, EXAMINE, SELECT, FETCH, SEARCH (of keywords no message
   * has), IDLE and DONE from this mailbox.
   */
  ScriptedMailbox serveOn(ScriptedImapServer server) {
    server
        .on("LIST", list())
        .on("STATUS", status())
        .on("EXAMINE", examine())
        .on("SELECT", select())
        .on("SEARCH", (t, l, o) -> ScriptedImapServer.send(o, "* SEARCH", t + " OK done"))
        .on("FETCH", fetch())
        .on("IDLE", idle())
        .on("DONE", done());
    return this;
  }

  /**
   * IDLE: a continuation, then {@code * n EXISTS} for the selected folder at each {@link #news()}
   * since the folder was selected, written from a thread of its own until DONE.
   */
  Answer idle() {
    return (t, l, o) -> {
      String folder = String.valueOf(selected.get());
      AtomicBoolean on = new AtomicBoolean(true);
      idling.set(on);
      idleTag.set(t);
      synchronized (o) {
        ScriptedImapServer.send(o, "+ idling");
      }
      // News since the folder was selected, or since the last IDLE told it, is told at once: none
      // is lost between EXAMINE and IDLE, or between two IDLEs.
      AtomicInteger told = newsTold.get();
      Thread pusher =
          new Thread(
              () -> {
                try {
                  while (on.get()) {
                    synchronized (newsLock) {
                      if (news == told.get()) {
                        newsLock.wait(200);
                        continue;
                      }
                      told.set(news);
                    }
                    synchronized (o) {
                      if (on.get()) {
                        ScriptedImapServer.send(o, "* " + messages(folder).size() + " EXISTS");
                      }
                    }
                  }
                } catch (IOException | InterruptedException e) {
                  // The connection or the server is gone.
                }
              },
              "scripted-imap-idle");
      pusher.setDaemon(true);
      pusher.start();
    };
  }

  /** DONE: the IDLE ends with its tagged OK. */
  Answer done() {
    return (t, l, o) -> {
      AtomicBoolean on = idling.get();
      synchronized (o) {
        if (on != null && on.getAndSet(false)) {
          ScriptedImapServer.send(o, idleTag.get() + " OK idle done");
        }
      }
    };
  }

  Answer list() {
    return (t, l, o) -> {
      if (l.contains("\"\" \"\"")) {
        ScriptedImapServer.send(o, "* LIST (\\Noselect) \"/\" \"\"", t + " OK done");
      } else {
        List<String> lines = new ArrayList<>();
        for (String name : names()) {
          lines.add("* LIST (" + (name.equals("Sent") ? "\\Sent" : "") + ") \"/\" " + name);
        }
        lines.add(t + " OK done");
        ScriptedImapServer.send(o, lines.toArray(new String[0]));
      }
    };
  }

  Answer status() {
    return (t, l, o) -> {
      statusAsked.set(true);
      String folder = unquote(l.split(" ")[2]);
      int n = messages(folder).size();
      ScriptedImapServer.send(
          o,
          "* STATUS "
              + folder
              + " (MESSAGES "
              + n
              + " UIDNEXT "
              + (n + 1)
              + " UIDVALIDITY "
              + UIDVALIDITY
              + ")",
          t + " OK done");
      statusAnswers.computeIfAbsent(folder, k -> new AtomicInteger()).incrementAndGet();
    };
  }

  Answer examine() {
    return (t, l, o) -> {
      String folder = unquote(l.split(" ")[2]);
      selected.set(folder);
      synchronized (newsLock) {
        newsTold.get().set(news);
      }
      int n = messages(folder).size();
      ScriptedImapServer.send(
          o,
          "* FLAGS (\\Seen \\Answered)",
          "* " + n + " EXISTS",
          "* 0 RECENT",
          "* OK [UIDVALIDITY " + UIDVALIDITY + "] ok",
          "* OK [UIDNEXT " + (n + 1) + "] ok",
          t + " OK [READ-ONLY] done");
    };
  }

  /** SELECT: as EXAMINE, read-write, keywords allowed (for a writer's tags). */
  Answer select() {
    return (t, l, o) -> {
      String folder = unquote(l.split(" ")[2]);
      selected.set(folder);
      int n = messages(folder).size();
      ScriptedImapServer.send(
          o,
          "* FLAGS (\\Seen \\Answered)",
          "* OK [PERMANENTFLAGS (\\Seen \\Answered \\*)] ok",
          "* " + n + " EXISTS",
          "* 0 RECENT",
          "* OK [UIDVALIDITY " + UIDVALIDITY + "] ok",
          "* OK [UIDNEXT " + (n + 1) + "] ok",
          t + " OK [READ-WRITE] done");
    };
  }

  private static final Pattern FETCH =
      Pattern.compile("(?i)^\\S+ (UID )?FETCH ([0-9:*,]+) \\((.*)\\)$");
  private static final Pattern SECTION = Pattern.compile("(?i)BODY\\.PEEK\\[(HEADER[^\\]]*)\\]");

  /**
   * FETCH and UID FETCH of a sequence set: each message's UID (its number here), INTERNALDATE when
   * asked, and its header block for a {@code BODY.PEEK[HEADER...]} item; other items (a
   * BODYSTRUCTURE, a text) get no answer, which the reader treats as unreadable text.
   */
  Answer fetch() {
    return (t, l, o) -> {
      Matcher m = FETCH.matcher(l);
      if (!m.matches()) {
        ScriptedImapServer.send(o, t + " BAD what");
        return;
      }
      List<String> box = messages(String.valueOf(selected.get()));
      // UIDs and sequence numbers coincide here (nothing is ever expunged), so FETCH and UID FETCH
      // read the set alike.
      String items = m.group(3);
      Matcher section = SECTION.matcher(items);
      String header = section.find() ? section.group(1) : null;
      boolean date = items.toUpperCase(Locale.ROOT).contains("INTERNALDATE");
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      for (int n = 1; n <= box.size(); n++) {
        if (!inSet(m.group(2), n, box.size())) {
          continue;
        }
        StringBuilder r = new StringBuilder("* " + n + " FETCH (UID " + n);
        if (date) {
          r.append(" INTERNALDATE \"01-Mar-2026 09:00:00 +0000\"");
        }
        if (header != null) {
          byte[] h = box.get(n - 1).getBytes(StandardCharsets.UTF_8);
          r.append(" BODY[").append(header).append("] {").append(h.length).append("}\r\n");
          b.write(r.toString().getBytes(StandardCharsets.UTF_8));
          b.write(h);
          r.setLength(0);
        }
        r.append(")\r\n");
        b.write(r.toString().getBytes(StandardCharsets.UTF_8));
      }
      b.write((t + " OK done\r\n").getBytes(StandardCharsets.UTF_8));
      o.write(b.toByteArray());
      o.flush();
    };
  }

  /** Whether {@code n} is in an IMAP sequence set such as {@code 1:2,5} or {@code 3:*}. */
  private static boolean inSet(String set, int n, int max) {
    for (String part : set.split(",")) {
      String[] r = part.split(":");
      long lo = bound(r[0], max);
      long hi = r.length > 1 ? bound(r[1], max) : lo;
      if (n >= Math.min(lo, hi) && n <= Math.max(lo, hi)) {
        return true;
      }
    }
    return false;
  }

  private static long bound(String s, int max) {
    return s.equals("*") ? max : Long.parseLong(s);
  }

  private static String unquote(String s) {
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }
}
