package dev.rapport.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.Finding;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Scorecard;
import dev.rapport.lint.SenderProfile;
import dev.rapport.lint.Severity;
import dev.rapport.lint.ThreadContext;
import dev.rapport.lint.VisaNeed;
import dev.rapport.track.Contact;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The built-in rules judged on short drafts, named by what a writer would see. */
class RulesTest {

  private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
  private static final SenderProfile NEEDS_J1 =
      new SenderProfile("Amina Bello", null, "Nigeria", "Nigerian", VisaNeed.J1);

  private static Draft eml(String to, String body) {
    try {
      return Drafts.parse(
          ("To: " + to + "\nSubject: Nigerian IMG: question about SCI rehab\n\n" + body)
              .getBytes(StandardCharsets.UTF_8),
          "t.eml",
          null);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Scorecard lint(Draft d) {
    return Linter.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().lint(d);
  }

  private static Set<String> rules(Scorecard c) {
    return c.findings().stream().map(Finding::rule).collect(Collectors.toSet());
  }

  private static final String BODY =
      ",\n\nI am a final-year student in Ibadan. Your 2025 paper on bladder care after spinal cord injury changed our ward "
          + "routine. Would you have 15 minutes for a video call to ask how you set up the study?\n\nSincerely,\nAmina";

  @Test
  void wrongSalutationNameIsAnError() {
    Scorecard c = lint(eml("Dr. Kofi Mensah <kmensah@example.edu>", "Dear Dr. Smith" + BODY));
    Finding f =
        c.findings().stream()
            .filter(x -> x.rule().equals("GREETING_NAME_MISMATCH"))
            .findFirst()
            .orElseThrow();
    assertEquals(Severity.ERROR, f.severity());
    assertFalse(c.passes(0), "an error fails the lint");
    assertTrue(f.message().contains("Dr. Smith"), f.message());
  }

  @ParameterizedTest(name = "{1} greeted as \"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Dear Dr. Munoz|José Muñoz <jm@example.edu>",
        "Dear Dr. Muñoz|Jose Munoz <jm@example.edu>",
        "Dear Prof. Wrobel|\"Wróbel, Łukasz\" <lw@example.edu>",
        "Dear Professor Łukasz Wróbel|\"Lukasz Wrobel, MD, PhD\" <lw@example.edu>",
        "Dear María|María García-López <mgl@example.edu>",
        "Dear Dr. García-López|María García López <mgl@example.edu>",
        "Dear Dr. Garcia Lopez|María García-López <mgl@example.edu>",
        "Dear Dr. López|María García-López <mgl@example.edu>",
        "Dear Dr. Nguyen|Nguyễn Thị Lan <ntl@example.edu>",
        "Dear Dr. Lan|Nguyễn Thị Lan <ntl@example.edu>",
        "Dear Dr. Gonzalez|mgonzalez@example.edu",
        "Dear Dr. González|maria.gonzalez@example.edu",
        "Dear Dr. O'Brien|Siobhan OBrien <so@example.edu>",
        "Dear Dr. D’Souza|Anita D'Souza <ad@example.edu>",
        "Dear Dr. Kim and Dr. Park|Dr. Min Kim <mk@example.edu>, Dr. Ji Park <jp@example.edu>",
        "Dear Dr. Okafor and team|Chidi Okafor <co@example.edu>",
        "Dear Dr. J. Smith|John Smith <js@example.edu>",
        "Hello Dr.Okafor|Chidi Okafor <co@example.edu>",
        "Dear Dr. Arslan (dear Hocam, if you allow me)|Mehmet Arslan <ma@example.edu>",
      })
  void namesMatchWithoutAccentsTitlesOrOrder(String greeting, String to) {
    assertFalse(
        rules(lint(eml(to, greeting + BODY))).contains("GREETING_NAME_MISMATCH"),
        greeting + " / " + to);
  }

  @ParameterizedTest(name = "{1} greeted as \"{0}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "Dear Dr. Munos|José Muñoz <jm@example.edu>",
        "Dear Dr. Gonzales|mgonzalez@example.edu",
        "Dear Dr. Kim and Dr. Lee|Dr. Min Kim <mk@example.edu>, Dr. Ji Park <jp@example.edu>",
        "Dear Dr. García|José Muñoz <jm@example.edu>",
        "Dear Dr. García (if I may)|José Muñoz <jm@example.edu>",
      })
  void aNameNotAmongTheRecipientsIsFlagged(String greeting, String to) {
    assertTrue(
        rules(lint(eml(to, greeting + BODY))).contains("GREETING_NAME_MISMATCH"),
        greeting + " / " + to);
  }

  @Test
  void withNothingToCompareAgainstNoNameIsFlagged() {
    assertFalse(
        rules(lint(Drafts.parseText("Dear Dr. Smith" + BODY))).contains("GREETING_NAME_MISMATCH"));
    assertFalse(
        rules(lint(eml("jm2231@example.edu", "Dear Dr. Smith" + BODY)))
            .contains("GREETING_NAME_MISMATCH"));
    assertFalse(
        rules(lint(eml("pmr.residency@example.edu", "Dear Dr. Smith" + BODY)))
            .contains("GREETING_NAME_MISMATCH"));
    assertFalse(
        rules(lint(eml("PM&R Residency Program <pmr@example.edu>", "Dear Dr. Smith" + BODY)))
            .contains("GREETING_NAME_MISMATCH"));
  }

  @Test
  void theContactsFileTitleIsSuggested() {
    Contact prof = new Contact("co@example.edu", "Chidi Okafor", "Prof.", null, null, List.of());
    Scorecard c =
        Linter.builder()
            .contacts(List.of(prof))
            .build()
            .lint(eml("Chidi Okafor <co@example.edu>", "Hi Chidi" + BODY));
    Finding f =
        c.findings().stream()
            .filter(x -> x.rule().equals("GREETING_TITLE"))
            .findFirst()
            .orElseThrow();
    assertTrue(f.suggestion().contains("Dear Prof. Okafor"), f.suggestion());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Dear Sir/Madam",
        "To whom it may concern",
        "Dear Doctor",
        "Respected Sir",
        "Dear Sir or Madam",
        "Hello",
        "Dear Program Director",
        "Respected Ma'am"
      })
  void genericGreetingsAreWarnings(String greeting) {
    Scorecard c = lint(Drafts.parseText(greeting + BODY));
    Finding f =
        c.findings().stream()
            .filter(x -> x.rule().equals("GENERIC_GREETING"))
            .findFirst()
            .orElseThrow(() -> new AssertionError(greeting + ": " + rules(c)));
    assertEquals(Severity.WARNING, f.severity());
  }

  @Test
  void aMissingGreetingIsAWarning() {
    Scorecard c =
        lint(
            Drafts.parseText(
                "I am a final-year student in Ibadan interested in spinal cord injury.\n\nAmina"));
    assertTrue(rules(c).contains("NO_GREETING"));
  }

  @Test
  void politeFormulaeOfIndianNigerianAndFilipinoEnglishAreNotPressure() {
    String body =
        "Dear Dr. Rao,\n\nI humbly request your guidance on SCI research. Kindly reply at your earliest convenience. "
            + "Please do the needful. I shall be highly obliged. I know you must be very busy.\n\nThanking you,\nVikram";
    assertFalse(rules(lint(Drafts.parseText(body))).contains("PRESSURE_LANGUAGE"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Please answer ASAP.",
        "This is urgent.",
        "You must reply by Monday.",
        "I expect your reply this week.",
        "Reply immediately, please.",
        "Why have you not replied?"
      })
  void demandsArePressure(String sentence) {
    String body =
        "Dear Dr. Rao,\n\nI would like 15 minutes of advice on SCI research. "
            + sentence
            + "\n\nRegards,\nVikram";
    assertTrue(rules(lint(Drafts.parseText(body))).contains("PRESSURE_LANGUAGE"), sentence);
  }

  @Test
  void medicalVocabularyDoesNotDragReadability() {
    String dense =
        "Dear Dr. Lee,\n\nI am interested in PM&R. My focus is spasticity, electrodiagnosis and musculoskeletal "
            + "ultrasound. I have done electromyography and nerve conduction studies. I read your paper on neuromuscular "
            + "electrophysiology in polyneuropathy. Would you have 15 minutes for a call about electrodiagnostic fellowships?"
            + "\n\nBest,\nMai";
    Scorecard c = lint(Drafts.parseText(dense));
    assertFalse(rules(c).contains("READABILITY"), c.findings().toString());
  }

  @Test
  void whenTheAskIsNotAboutTrainingVisaTransparencyLosesNothing() {
    String advice =
        "Dear Dr. Lee,\n\nI am a student in Ibadan interested in stroke rehabilitation. Your 2025 paper on "
            + "dysphagia screening changed our ward. Would you have 15 minutes to share how you chose PM&R?\n\nBest,\nAmina";
    Scorecard c = Linter.builder().profile(NEEDS_J1).build().lint(Drafts.parseText(advice));
    assertEquals(100, c.score(Dimension.VISA_TRANSPARENCY), c.findings().toString());
  }

  @Test
  void aTrainingAskMustStateStatusAndVisaPlainly() {
    String ask =
        "Dear Dr. Lee,\n\nThank you for your reply about the stroke unit. Could I join your service for a "
            + "four-week observership in June?\n\nBest,\nAmina";
    Scorecard missing = Linter.builder().profile(NEEDS_J1).build().lint(Drafts.parseText(ask));
    assertTrue(
        rules(missing).containsAll(Set.of("CITIZENSHIP_NOT_STATED", "VISA_NOT_STATED")),
        rules(missing).toString());
    Scorecard stated =
        Linter.builder()
            .profile(NEEDS_J1)
            .build()
            .lint(
                Drafts.parseText(
                    ask.replace(
                        "Could I",
                        "I am a non-US citizen IMG and will need J-1 sponsorship. Could I")));
    assertEquals(100, stated.score(Dimension.VISA_TRANSPARENCY), stated.findings().toString());
  }

  @Test
  void sayingJ1WhenTheProfileSaysH1bIsAnError() {
    String body =
        "Dear Dr. Lee,\n\nThank you for your reply. I am an IMG and will need J-1 sponsorship. Is the research "
            + "position still open?\n\nBest,\nAmina";
    Scorecard c =
        Linter.builder()
            .profile(NEEDS_J1.withVisa(VisaNeed.H1B))
            .build()
            .lint(Drafts.parseText(body));
    Finding f =
        c.findings().stream()
            .filter(x -> x.rule().equals("VISA_PROFILE_CONFLICT"))
            .findFirst()
            .orElseThrow();
    assertEquals(Severity.ERROR, f.severity());
    assertEquals(
        "J-1",
        c.findings().isEmpty()
            ? ""
            : Drafts.parseText(body).text().substring(f.span().start(), f.span().end()));
  }

  @Test
  void claimingUsCitizenshipWithAVisaProfileIsAnError() {
    String body =
        "Dear Dr. Lee,\n\nThank you for your reply. As a US citizen I need no visa. Is the research position "
            + "still open?\n\nBest,\nAmina";
    Scorecard c = Linter.builder().profile(NEEDS_J1).build().lint(Drafts.parseText(body));
    assertTrue(rules(c).contains("VISA_PROFILE_CONFLICT"), rules(c).toString());
  }

  @Test
  void aBigAskIsFlaggedOnlyInAFirstContact() {
    String body =
        "Dear Dr. Lee,\n\nI am an IMG from Nigeria and will need a J-1 visa. Would you write me a letter of "
            + "recommendation for my residency applications?\n\nBest,\nAmina";
    Linter linter = Linter.standard();
    assertTrue(rules(linter.lint(Drafts.parseText(body))).contains("BIG_ASK_FIRST_CONTACT"));
    assertFalse(
        rules(linter.lint(Drafts.parseText(body), new ThreadContext(false, 0, null, null)))
            .contains("BIG_ASK_FIRST_CONTACT"));
    String quoted = body + "\n\nOn Mon, Dr. Lee wrote:\n> Happy to help with your applications.\n";
    assertFalse(
        rules(linter.lint(Drafts.parseText(quoted))).contains("BIG_ASK_FIRST_CONTACT"),
        "a reply is no first contact");
    assertTrue(
        rules(linter.lint(Drafts.parseText(quoted), ThreadContext.FIRST_CONTACT))
            .contains("BIG_ASK_FIRST_CONTACT"),
        "the thread context, when known, decides");
  }

  @Test
  void aFollowUpIsTooSoonBeforeFourteenDays() {
    String body =
        "Dear Dr. Lee,\n\nI am following up on my message about a 15-minute call on SCI research.\n\nBest,\nAmina";
    Linter linter = Linter.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    assertTrue(
        rules(
                linter.lint(
                    Drafts.parseText(body),
                    new ThreadContext(false, 1, NOW.minus(Duration.ofDays(13)), null)))
            .contains("FOLLOW_UP_TOO_SOON"));
    assertFalse(
        rules(
                linter.lint(
                    Drafts.parseText(body),
                    new ThreadContext(false, 1, NOW.minus(Duration.ofDays(14)), null)))
            .contains("FOLLOW_UP_TOO_SOON"));
    Linter patient =
        Linter.builder()
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .option("FOLLOW_UP_TOO_SOON", "minDays", 21)
            .build();
    assertTrue(
        rules(
                patient.lint(
                    Drafts.parseText(body),
                    new ThreadContext(false, 1, NOW.minus(Duration.ofDays(14)), null)))
            .contains("FOLLOW_UP_TOO_SOON"));
  }

  @Test
  void everyPointLostIsExplainedByAFinding() {
    String weak =
        "Hello Sir,\n\nI am looking for any opportunity in your esteemed department. Please reply ASAP.\n\nAhmed";
    Scorecard c = Linter.builder().profile(NEEDS_J1).build().lint(Drafts.parseText(weak));
    Map<Dimension, Integer> lost = new EnumMap<>(Dimension.class);
    for (Finding f : c.findings()) {
      assertTrue(
          f.deduction() > 0 || f.severity() == Severity.INFO, f.rule() + " reports without a cost");
      assertFalse(
          f.message().isBlank() || f.suggestion().isBlank(),
          f.rule() + " needs a message and a suggestion");
      lost.merge(f.dimension(), f.deduction(), Integer::sum);
    }
    for (Dimension d : Dimension.values()) {
      if (d.isScored()) {
        assertEquals(Math.max(0, 100 - lost.getOrDefault(d, 0)), c.score(d), d.key());
      }
    }
    int good =
        Linter.builder()
            .profile(NEEDS_J1)
            .build()
            .lint(eml("Dr. Kofi Mensah <kmensah@example.edu>", "Dear Dr. Mensah" + BODY))
            .overall();
    assertTrue(
        good >= 95 && c.overall() < 80,
        "a weak draft scores well below a good one: " + c.overall() + " vs " + good);
  }

  @Test
  void errorsCostMoreThanStyle() {
    int worstWarning = 0;
    int mildestError = 100;
    String[] drafts = {
      "To: Dr. Kofi Mensah <km@example.edu>\nSubject: x y z\n\nDear Dr. Smith,\n\nHello.\n\nBest,\nA",
      "Dear Dr. [Last Name],\n\nI read your paper on [topic].\n\nBest,\nA",
    };
    for (String s : drafts) {
      Scorecard c;
      try {
        c = Linter.standard().lint(Drafts.parse(s.getBytes(StandardCharsets.UTF_8), "x", null));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      for (Finding f : c.findings()) {
        if (f.severity() == Severity.ERROR) {
          mildestError = Math.min(mildestError, f.deduction());
        } else if (f.dimension() != Dimension.HYGIENE) {
          worstWarning = Math.max(worstWarning, f.deduction());
        }
      }
    }
    assertTrue(
        mildestError > worstWarning, "errors " + mildestError + " vs warnings " + worstWarning);
  }

  @Test
  void oneLinterServesManyThreadsAlike() {
    Linter linter =
        Linter.builder().profile(NEEDS_J1).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    Draft d = eml("Dr. Kofi Mensah <kmensah@example.edu>", "Dear Dr. Smith" + BODY);
    Scorecard expected = linter.lint(d);
    assertTrue(
        IntStream.range(0, 400)
            .parallel()
            .mapToObj(i -> linter.lint(d))
            .allMatch(expected::equals));
  }
}
