package dev.rapport.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.config.Account;
import dev.rapport.config.RapportConfig;
import dev.rapport.imap.MailboxSnapshot;
import dev.rapport.lint.AskDetector;
import dev.rapport.track.ContactStatus;
import dev.rapport.track.Correspondence;
import dev.rapport.track.FollowUpPolicy;
import dev.rapport.track.MessageSummary;
import dev.rapport.track.StatusSummary;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rapport status}: where every relationship stands, read from the mailbox. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Tells, for every person you wrote to, where things stand and what to do next: reply, follow up, move on, "
          + "send an update or a thank-you, or check a bounced address.",
      "Reads the mailbox read-only over IMAP (password from RAPPORT_PASSWORD or the account's passwordCommand)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the status was printed",
      "2:usage error, bad configuration, or the mailbox could not be read",
      "3:internal error (please report it)"
    })
final class StatusCommand implements Callable<Integer>, Main.Io {

  enum Format {
    text,
    json,
    html
  }

  @Spec CommandSpec spec;

  @Option(
      names = "--wide",
      description =
          "With --format text: never shorten names and addresses (by default they are cut at 48 characters only when the table is wider than the terminal).")
  boolean wide;

  @Mixin ConfigOptions configOptions = new ConfigOptions();

  @Option(
      names = "--imap",
      paramLabel = "URL",
      description =
          "The account: imap[s]://USER@HOST[:PORT] (default: the accounts in the config file).")
  @Nullable String imap;

  @Option(
      names = "--now",
      paramLabel = "ISO-8601",
      description =
          "Judge as of this moment (such as 2026-03-01 or 2026-03-01T09:00:00Z) instead of now.")
  @Nullable String now;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format = Format.text;

  @Option(
      names = "--allow-plaintext",
      description = "Allow an unencrypted imap:// connection to a host other than this machine.")
  boolean allowPlaintext;

  private Map<String, String> env = Map.of();

  @Override
  public void io(InputStream in, Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Clock clock = clock(now);
    RapportConfig config = configOptions.load(env);
    List<Account> accounts = MailboxAccess.accounts(imap, allowPlaintext, config);
    // Whether the user's latest message to someone who replied asks anything: the linter's own
    // detector.
    // What the detector said of each text, also kept in the digest: a text says the same to it on
    // every run, and an unchanged mailbox then needs no detector at all.
    Map<String, Boolean> asked = new HashMap<>();
    Predicate<String> asks = t -> asked.computeIfAbsent(t, AskDetector::asksSomething);
    FollowUpPolicy policy = new FollowUpPolicy(config.tracking(), asks, clock);
    List<ContactStatus> all = new ArrayList<>();
    List<StatusPage.Entry> page = new ArrayList<>();
    Instant cut = now == null ? null : clock.instant();
    for (Account a : accounts) {
      String account = MailboxAccess.parse(a.imap()).account();
      Path digestFile = MailboxAccess.digestFile(a, env);
      // When nothing changed on the server since the last run, the contacts' histories kept then
      // are judged afresh, without reading the mailbox; the page draws every message, so it reads.
      StatusDigest kept = format == Format.html ? null : StatusDigest.load(digestFile, account);
      if (kept != null && (cut == null || kept.latest() == null || !kept.latest().isAfter(cut))) {
        Optional<MailboxSnapshot> changed = MailboxAccess.read(a, env, err, kept.stamp());
        if (changed.isEmpty()) {
          asked.putAll(kept.asks());
          all.addAll(policy.evaluate(kept.histories(), kept::text, config.contacts()));
          continue;
        }
        judge(changed.get(), cut, policy, asks, config, all, page, digestFile);
      } else {
        judge(MailboxAccess.read(a, env, err), cut, policy, asks, config, all, page, digestFile);
      }
    }
    all.sort(ContactStatus.BY_URGENCY);
    if (format == Format.json) {
      out.println(json(all));
    } else if (format == Format.html) {
      out.print(StatusPage.render(page, config.contacts(), clock));
    } else {
      printText(out, all, clock.getZone(), wide ? Integer.MAX_VALUE : columns(env));
    }
    out.flush();
    return Main.OK;
  }

  /** Judges a snapshot read from the server, and keeps its digest for the next run. */
  private static void judge(
      MailboxSnapshot snap,
      @Nullable Instant cut,
      FollowUpPolicy policy,
      Predicate<String> asks,
      RapportConfig config,
      List<ContactStatus> all,
      List<StatusPage.Entry> page,
      Path digestFile) {
    Correspondence mailbox = asOf(snap, cut);
    for (ContactStatus s :
        policy.evaluate(mailbox, m -> snap.text(m).orElse(null), config.contacts())) {
      all.add(s);
      page.add(new StatusPage.Entry(s, mailbox.history(s.contact()).orElse(null)));
    }
    StatusDigest d = StatusDigest.of(snap, asks);
    if (d != null) {
      try {
        d.save(digestFile, snap.account());
      } catch (IOException | RuntimeException e) {
        // Costs only speed: the next run reads the mailbox again (the sync cache reports an
        // unwritable folder).
      }
    }
  }

  /** The correspondence as it stood at {@code --now}: later messages are left out. */
  static Correspondence asOf(MailboxSnapshot snap, @Nullable Instant cut) {
    if (cut == null) {
      return snap.correspondence();
    }
    boolean later = false;
    for (MessageSummary m : snap.messages()) {
      later |= m.time().map(t -> t.isAfter(cut)).orElse(false);
    }
    if (!later) {
      // Nothing to leave out: the snapshot's own correspondence is what a recount would give.
      return snap.correspondence();
    }
    List<MessageSummary> then = new ArrayList<>();
    for (MessageSummary m : snap.messages()) {
      if (m.time().map(t -> !t.isAfter(cut)).orElse(true)) {
        then.add(m);
      }
    }
    return Correspondence.of(then, snap.userAddresses());
  }

  /** A fixed clock at {@code --now}, or the system clock. */
  static Clock clock(@Nullable String now) {
    ZoneId zone = ZoneId.systemDefault();
    if (now == null) {
      return Clock.system(zone);
    }
    String s = now.strip();
    try {
      return Clock.fixed(Instant.parse(s), zone);
    } catch (DateTimeParseException e) {
      // try the other shapes
    }
    try {
      return Clock.fixed(OffsetDateTime.parse(s).toInstant(), zone);
    } catch (DateTimeParseException e) {
      // next
    }
    try {
      ZonedDateTime z = ZonedDateTime.parse(s);
      return Clock.fixed(z.toInstant(), z.getZone());
    } catch (DateTimeParseException e) {
      // next
    }
    try {
      return Clock.fixed(LocalDateTime.parse(s).atZone(zone).toInstant(), zone);
    } catch (DateTimeParseException e) {
      // next
    }
    try {
      return Clock.fixed(LocalDate.parse(s).atStartOfDay(zone).toInstant(), zone);
    } catch (DateTimeParseException e) {
      throw new CliException(
          Main.USAGE,
          "--now: '"
              + (s.length() > 40 ? s.substring(0, 40) + "…" : s)
              + "' is not an ISO-8601 date or time (such as 2026-03-01 or 2026-03-01T09:00:00Z)");
    }
  }

  static String json(List<ContactStatus> all) {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ArrayNode arr = mapper.createArrayNode();
    for (ContactStatus s : all) {
      ObjectNode o = arr.addObject();
      o.put("contact", s.contact());
      o.put("name", s.name());
      o.put("state", s.state().name());
      o.put("lastSent", s.lastSent() == null ? null : s.lastSent().toString());
      o.put("lastReceived", s.lastReceived() == null ? null : s.lastReceived().toString());
      o.put("followUps", s.followUps());
      o.put("due", s.due() == null ? null : s.due().toString());
      o.put("reason", s.reason());
      o.put("possiblyUnseen", s.possiblyUnseen());
    }
    try {
      return mapper.writeValueAsString(arr);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The terminal's width from COLUMNS (bin/rapport exports it for a terminal), or 0 when unknown.
   */
  static int columns(Map<String, String> env) {
    try {
      return Math.max(0, Integer.parseInt(env.getOrDefault("COLUMNS", "").strip()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static void printText(PrintWriter out, List<ContactStatus> all, ZoneId zone) {
    printText(out, all, zone, 0);
  }

  /**
   * Prints the table. The contact column is cut at 48 characters only when the full addresses would
   * not fit in {@code columns} (0: width unknown; {@link Integer#MAX_VALUE}: never cut).
   */
  static void printText(PrintWriter out, List<ContactStatus> all, ZoneId zone, int columns) {
    if (all.isEmpty()) {
      out.println(
          "No contacts yet: nobody you wrote to, and nobody met in person in the contacts file.");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"STATE", "CONTACT", "SENT", "REPLY", "DUE", "WHY"});
    for (ContactStatus s : all) {
      // Names come from mail headers: no control characters may reach the terminal.
      String who =
          (s.name() == null ? s.contact() : s.name() + " <" + s.contact() + ">")
              .replaceAll("[\\p{Cntrl}\\u2028\\u2029]", " ");
      rows.add(
          new String[] {
            s.state().label(),
            who,
            day(s.lastSent(), zone),
            day(s.lastReceived(), zone),
            day(s.due(), zone),
            s.reason()
          });
    }
    int[] width = new int[6];
    for (String[] r : rows) {
      for (int i = 0; i < 5; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    int table = 0;
    for (int i = 0; i < 5; i++) {
      table += width[i] + 2;
    }
    if (table > columns) {
      width[1] = Math.min(width[1], 48);
    }
    for (String[] r : rows) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 5; i++) {
        String cell = r[i].length() > width[i] ? r[i].substring(0, width[i] - 1) + "…" : r[i];
        b.append(cell).append(" ".repeat(width[i] - cell.length() + 2));
      }
      b.append(r[5]);
      out.println(b.toString().stripTrailing());
    }
    out.println();
    out.println(StatusSummary.line(all));
  }

  private static String day(@Nullable Instant t, ZoneId zone) {
    return t == null ? "-" : LocalDate.ofInstant(t, zone).toString();
  }
}
