package dev.rapport.testing;

import jakarta.mail.Flags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How fast {@link MaildirBuilder} fills a mailbox, as a ratio to the plainest possible baseline in
 * the same run: writing the same bytes to as many files in one directory with {@code Files.write}.
 * Run by hand (it is no test): {@code bench/e2e.sh dev.rapport.testing.MaildirBuilderBenchmark
 * [count…]}. In this package for {@link MaildirBuilder}'s package-private constructor.
 */
final class MaildirBuilderBenchmark {
  private MaildirBuilderBenchmark() {}

  public static void main(String[] args) throws IOException {
    List<Integer> counts =
        args.length == 0
            ? List.of(10_000, 100_000)
            : List.of(args).stream().map(Integer::valueOf).toList();
    Instant t0 = Instant.parse("2025-01-06T09:00:00Z");
    List<Mail> mails =
        List.of(
            Mail.from("Asha <asha@example.org>")
                .to("Dr. Lee <lee@uni.example.edu>")
                .subject("Research year in PM&R")
                .date(t0)
                .body("Dear Dr. Lee,\n\n" + "x".repeat(1500))
                .build(),
            Mail.from("Dr. Lee <lee@uni.example.edu>")
                .to("asha@example.org")
                .subject("Re: Research year in PM&R")
                .date(t0)
                .body("Happy to talk.\n")
                .build());
    List<String> folders = List.of("INBOX", "Gesendet", "Archiv", "Papierkorb");
    for (int count : counts) {
      for (int round = 0; round < 2; round++) { // The first round warms up the JIT and the disk.
        Path base = Files.createTempDirectory("rapport-bench-baseline-");
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
          Files.write(
              base.resolve(Integer.toString(i)),
              mails.get(i % 2).bytes(),
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
        }
        long baseline = System.nanoTime() - start;
        DovecotServer.deleteTree(base);

        Path maildir = Files.createTempDirectory("rapport-bench-maildir-");
        int uid = (Integer) Files.getAttribute(maildir, "unix:uid");
        start = System.nanoTime();
        try (MaildirBuilder box = new MaildirBuilder(maildir, uid, uid, false, null)) {
          for (int i = 0; i < count; i++) {
            box.add(
                folders.get(i % folders.size()),
                mails.get(i % 2),
                i % 3 == 0 ? new Flags(Flags.Flag.SEEN) : new Flags());
          }
        }
        long builder = System.nanoTime() - start;
        DovecotServer.deleteTree(maildir);
        if (round == 1) {
          System.out.printf(
              "%,d messages: baseline %,d ms, MaildirBuilder %,d ms (incl. chown -R),"
                  + " ratio %.2f%n",
              count,
              Duration.ofNanos(baseline).toMillis(),
              Duration.ofNanos(builder).toMillis(),
              (double) builder / baseline);
        }
      }
    }
  }
}
