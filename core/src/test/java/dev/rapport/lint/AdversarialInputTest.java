package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import dev.rapport.track.Contact;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every built-in rule on long crafted lines: repeated words, brackets, greetings, asks, visa terms.
 * The timeout is a hang guard against catastrophic backtracking, not a speed measurement (the JMH
 * benchmark measures speed).
 */
class AdversarialInputTest {

  private static final Duration HANG_GUARD = Duration.ofSeconds(300);
  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");

  private static final Linter LINTER =
      Linter.builder()
          .profile(
              new SenderProfile(
                  "Ngozi Eze", "University of Nigeria", "Nigeria", "Nigerian", VisaNeed.J1))
          .contacts(
              List.of(
                  new Contact(
                      "jmunoz@example.edu",
                      "José Muñoz",
                      "Dr.",
                      "AAP Annual Meeting",
                      LocalDate.of(2026, 2, 20),
                      List.of(
                          "spasticity after stroke", "ultrasound-guided botulinum injections"))))
          .clock(Clock.fixed(NOW, ZoneOffset.UTC))
          .build();

  private static String repeat(String unit, int chars) {
    return unit.repeat(Math.max(1, chars / unit.length()));
  }

  private static final int LINE = 100_000;

  @TestFactory
  Stream<DynamicTest> longCraftedLinesFinishAndNoRuleBreaks() {
    return Stream.of(
            new Object[] {"a a a", repeat("a ", LINE)},
            new Object[] {"open parens", repeat("(", LINE)},
            new Object[] {"Dear Dear Dear as the first line", repeat("Dear ", LINE) + "\n\nBody."},
            new Object[] {
              "Dear Dear Dear in the body", "Dear Dr. Munoz,\n\n" + repeat("Dear ", LINE)
            },
            new Object[] {
              "Dr. Dr. Dr.", "Dear " + repeat("Dr. ", 1_900) + "Munoz,\n\n" + repeat("Dr. ", LINE)
            },
            new Object[] {"your your your", "Dear Dr. Munoz,\n\n" + repeat("your ", LINE)},
            new Object[] {
              "your work without a stop",
              "Dear Dr. Munoz,\n\n" + repeat("I admire your esteemed work and ", LINE)
            },
            new Object[] {
              "I would be grateful", repeat("I would also really be very grateful ", LINE)
            },
            new Object[] {"could you could you", repeat("could you ", LINE)},
            new Object[] {
              "asks in sentences", repeat("Would you have 15 minutes for a call? ", LINE)
            },
            new Object[] {
              "visa words",
              repeat("I am a non-US citizen and need J-1 H-1B visa sponsorship visa ", LINE)
            },
            new Object[] {"any any any", repeat("any ", LINE)},
            new Object[] {"you must you must", repeat("you must ", LINE)},
            new Object[] {"brackets and braces", repeat("[[{{<", LINE)},
            new Object[] {"X and underscores", repeat("X", LINE / 2) + repeat("_", LINE / 2)},
            new Object[] {"digits and dashes", repeat("15 - 15 to 15 min ", LINE)},
            new Object[] {"apostrophes and hyphens", repeat("O'-'-'-", LINE)},
            new Object[] {"quotes", repeat("\"“", LINE)},
            new Object[] {"attributions", repeat("On Mon, Dr. Munoz wrote: ", LINE)},
            new Object[] {"many short lines", repeat("Dear Dr. Munoz,\n", LINE)},
            new Object[] {"20 MB of prose", prose(20 * 1024 * 1024)},
            new Object[] {"20 MB on one line", repeat("word ", 20 * 1024 * 1024)})
        .map(c -> DynamicTest.dynamicTest((String) c[0], () -> lintWithinGuard((String) c[1])));
  }

  private static String prose(int chars) {
    String para =
        "Dear Dr. Muñoz,\n\nI am a non-US citizen IMG from Nigeria and will need J-1 sponsorship. Your esteemed work on "
            + "spasticity after stroke inspired me. Would you have 15 minutes for a video call? Please reply ASAP. "
            + "Could I join your team for an observership? I have attached my CV.\n\nSincerely,\nNgozi\n\n";
    return repeat(para, chars);
  }

  private static void lintWithinGuard(String body) {
    Scorecard card =
        assertTimeoutPreemptively(
            HANG_GUARD,
            () -> {
              Draft d =
                  Drafts.builder()
                      .to("José Muñoz <jmunoz@example.edu>")
                      .subject(body.substring(0, Math.min(body.length(), 5000)))
                      .plainText(body)
                      .build();
              return LINTER.lint(
                  d, new ThreadContext(false, 2, NOW.minus(Duration.ofDays(3)), null));
            });
    for (Finding f : card.findings()) {
      assertTrue(!f.message().startsWith("Rule " + f.rule() + " failed"), f.message());
    }
  }
}
