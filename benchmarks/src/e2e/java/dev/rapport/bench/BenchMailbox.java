package dev.rapport.bench;

import dev.rapport.testing.DovecotServer;
import dev.rapport.testing.Mail;
import dev.rapport.testing.MaildirBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Not a test: serves the benchmark mailbox for {@code bench/run.sh}. Builds N messages for about
 * N/10 contacts with the project's own {@link DovecotServer}, {@link MaildirBuilder} and {@link
 * Mail}: first contacts in the localized Sent folder, replies spread over INBOX, filing folders,
 * Trash and Junk, auto-replies, bounces and list mail. Prints {@code URL PASSWORD} on one line,
 * then serves until standard input closes.
 *
 * <p>Usage: {@code BenchMailbox N [SEED]}.
 */
public final class BenchMailbox {
  private BenchMailbox() {}

  static final String ME = Mail.address("Chidinma Okeke", "chidinma@example.org");
  static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  public static void main(String[] args) throws Exception {
    int total = Integer.parseInt(args[0]);
    Random rnd = new Random(args.length > 1 ? Long.parseLong(args[1]) : 1);
    try (DovecotServer server = DovecotServer.builder().user("bench", "bench-pw").build().start()) {
      List<String> filing = server.filingFolders();
      List<String> replyFolders =
          List.of(
              "INBOX",
              "INBOX",
              filing.get(0),
              filing.get(filing.size() - 1),
              server.trashFolder(),
              server.junkFolder());
      try (MaildirBuilder box = server.maildir("bench")) {
        fill(box, total, rnd, server.sentFolder(), replyFolders);
      }
      System.out.println(
          server.url("bench", DovecotServer.Security.PLAIN) + " " + server.password("bench"));
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the harness closes our standard input
      }
    }
  }

  /**
   * Adds {@code total} messages for about {@code total / 10} contacts to {@code box}: first
   * contacts in {@code sentFolder}, replies spread over {@code replyFolders}, auto-replies, bounces
   * and list mail in INBOX. The same {@code rnd} gives the same mailbox on every server.
   */
  static void fill(
      MaildirBuilder box, int total, Random rnd, String sentFolder, List<String> replyFolders) {
    int contacts = Math.max(1, total / 10);
    for (int i = 0; box.count() < total; i++) {
      int c = i % contacts;
      String who = Mail.address("Dr. Contact " + c, "dr." + c + "@uni" + (c % 97) + ".edu");
      Instant sent = START.plus(Duration.ofDays(rnd.nextInt(301))).plusSeconds(rnd.nextInt(86_400));
      Mail out =
          Mail.from(ME)
              .to(who)
              .subject("Observership question " + c)
              .date(sent)
              .body(
                  "Dear Dr. Contact,\n\nWould a 15-minute call next week suit you?\n\nBest regards,\nChidinma\n")
              .build();
      box.add(sentFolder, out);
      double r = rnd.nextDouble();
      if (r < 0.45) {
        Instant at = sent.plus(Duration.ofDays(1 + rnd.nextInt(20)));
        box.add(
            replyFolders.get(rnd.nextInt(replyFolders.size())),
            out.reply(who).date(at).body("Thank you.").build());
      } else if (r < 0.50) {
        box.add("INBOX", out.autoReply(Mail.AutoReply.RFC3834).date(sent.plusSeconds(60)).build());
      } else if (r < 0.52) {
        box.add("INBOX", out.bounce(who, true).date(sent.plusSeconds(120)).build());
      }
      if (box.count() < total && rnd.nextDouble() < 0.8) {
        Instant at = START.plus(Duration.ofDays(rnd.nextInt(331)));
        box.add(
            "INBOX",
            Mail.from(Mail.address("PM&R News", "news@lists.example.org"))
                .to(ME)
                .subject("Weekly digest " + i)
                .mailingList("pmr.lists.example.org")
                .date(at)
                .body("News.")
                .build());
      }
    }
  }
}
