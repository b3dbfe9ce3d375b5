package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The drafts issue 11 was filed with, as a user would lint them (from the draft alone): what each
 * sentence does is found in the writer's own phrasing, and the score lands in the band a careful
 * reader would put it in.
 */
class JudgementExamplesTest {

  private static final Instant NOW = Instant.parse("2026-12-02T15:00:00Z");
  private static final Linter LINTER =
      Linter.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  private static Scorecard lint(String to, String body) throws Exception {
    String eml =
        "From: Ama Mensah <ama.mensah@example.org>\r\nTo: "
            + to
            + "\r\nSubject: PM&R question\r\n"
            + "Date: Wed, 2 Dec 2026 09:00:00 -0500\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + body;
    return LINTER.lint(
        Drafts.parse(eml.getBytes(StandardCharsets.UTF_8), "draft.eml", DraftFormat.EML));
  }

  private static List<String> rules(Scorecard c) {
    return c.findings().stream().map(Finding::rule).collect(Collectors.toList());
  }

  @Test
  void aNudgeTwoDaysLaterWithADeadlineIsPoor() throws Exception {
    Scorecard c =
        lint(
            "Dr. Sarah Bennett <sbennett@example.edu>",
            "Dear Dr. Bennett,\n\nI wrote to you about your spasticity clinic. It has been two days since my last email and I have "
                + "not heard back. I really need to know by tomorrow whether I can join your lab, as I must plan my visa.\n\n"
                + "Best regards,\nAma");
    assertTrue(rules(c).contains("FOLLOW_UP_TOO_SOON"), rules(c).toString());
    assertTrue(rules(c).contains("PRESSURE_LANGUAGE"), rules(c).toString());
    assertEquals(Scorecard.Band.POOR, c.band(), c.overall() + " " + rules(c));
  }

  @Test
  void aDemandIsPressureAndStillAnAsk() throws Exception {
    Scorecard c =
        lint(
            "Dr. Rao <rao@example.edu>",
            "Dear Dr. Rao,\n\nI am a graduate of the University of Ghana. You must tell me today whether you will give me a research "
                + "position.\n\nRegards,\nAma");
    assertTrue(rules(c).contains("PRESSURE_LANGUAGE"), rules(c).toString());
    assertFalse(rules(c).contains("NO_CLEAR_ASK"), rules(c).toString());
    assertEquals(Scorecard.Band.POOR, c.band());
  }

  @Test
  void shadowingAndALetterAreTwoBigAsksOfAStranger() throws Exception {
    Scorecard c =
        lint(
            "Dr. Lena Hartmann <lhartmann@example.edu>",
            "Dear Dr. Hartmann,\n\nI am a final-year medical student from Accra interested in spinal cord injury rehabilitation. I was "
                + "hoping to shadow you in clinic for a month this spring, and later to ask for your support with a reference "
                + "letter.\n\nKind regards,\nAma");
    assertFalse(rules(c).contains("NO_CLEAR_ASK"), rules(c).toString());
    assertTrue(rules(c).contains("BIG_ASK_FIRST_CONTACT"), rules(c).toString());
    assertTrue(rules(c).contains("MULTIPLE_ASKS"), rules(c).toString());
    assertEquals(Scorecard.Band.POOR, c.band());
  }

  @Test
  void minimisingImmigrationStatusIsAHedge() throws Exception {
    Scorecard c =
        lint(
            "Program Coordinator <pmr-residency@example.edu>",
            "Dear Ms. Carter,\n\nI am an international medical graduate from Ghana. Could you tell me whether the program sponsors "
                + "visas? Immigration status will not be a problem for me, I can sort it out.\n\nThank you,\nAma");
    assertTrue(rules(c).contains("VISA_HEDGE"), rules(c).toString());
    assertEquals(Scorecard.Band.POOR, c.band());
  }

  @Test
  void politeImpatienceIsPressure() throws Exception {
    for (String sentence :
        List.of(
            "Kindly revert by this Friday itself, as I cannot keep waiting indefinitely.",
            "I trust you will not disappoint me.")) {
      Scorecard c =
          lint(
              "Dr. Rao <rao@example.edu>",
              "Dear Dr. Rao,\n\nI am a house officer in Lagos hoping to train in PM&R. Could you spare 15 minutes for a video call "
                  + "about your amputee clinic? "
                  + sentence
                  + "\n\nRegards,\nAma");
      assertTrue(rules(c).contains("PRESSURE_LANGUAGE"), sentence + " " + rules(c));
    }
  }

  @Test
  void threeWordsToAStrangerArePoor() throws Exception {
    Scorecard c = lint("Laura Kim <lkim@example.edu>", "Hey Laura,\n\nCan we talk?\n\nAma");
    assertEquals(Scorecard.Band.POOR, c.band(), c.overall() + " " + rules(c));
  }

  @Test
  void aTripleAskOfAStrangerIsPoor() throws Exception {
    Scorecard c =
        lint(
            "Dr. Omar Haddad <ohaddad@example.edu>",
            "Dear Dr. Haddad,\n\nI am an IMG from Ghana. I would like to do an observership in your department, join your research "
                + "group, and I would also be grateful for a letter of recommendation for my residency application.\n\nBest,\nAma");
    assertTrue(rules(c).contains("MULTIPLE_ASKS"), rules(c).toString());
    assertEquals(Scorecard.Band.POOR, c.band());
  }

  @Test
  void aClearShortFirstContactInPlainEnglishIsGood() throws Exception {
    Scorecard c =
        lint(
            "Dr. Lena Hartmann <lhartmann@example.edu>",
            "Respected Dr. Hartmann,\n\nI am Ama Mensah, medical graduate from University of Ghana and I am Ghanaian citizen. I will "
                + "need J-1 visa for residency. I read your 2025 paper on robotic gait training after incomplete spinal cord injury, "
                + "and the result that walking speed improved most in the first eight weeks was very useful for our ward.\n\nKindly, "
                + "would you have 15 minutes for a video call next month, so I can ask how you chose this research?\n\n"
                + "Thank you,\nAma Mensah");
    assertEquals(Scorecard.Band.GOOD, c.band(), c.overall() + " " + rules(c));
  }
}
