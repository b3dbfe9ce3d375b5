package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.lint.AskDetector.Ask;
import dev.rapport.lint.AskDetector.Kind;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AskDetectorTest {

  private static Ask only(String body) {
    List<Ask> asks = AskDetector.find("Dear Dr. Lee,\n\n" + body + "\n\nBest,\nNam");
    assertEquals(1, asks.size(), () -> "asks in: " + body + " -> " + asks);
    return asks.get(0);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Could you tell me whether your program sponsors J-1 visas?",
        "I was wondering whether you might have 15 minutes next week.",
        "May I send you my abstract before the deadline?",
        "I would be grateful if you could share your thoughts on my poster.",
        "Please let me know which day suits you.",
        "Would you like me to send my CV?",
        "Kindly do the needful.",
        "I humbly request you to guide me on the match.",
        "I would also appreciate your feedback on the attached abstract.",
        "Is there a chance your lab needs help with data entry?",
      })
  void politeRequestsAndQuestionsExpectAnAnswer(String body) {
    assertTrue(AskDetector.asksSomething("Dear Dr. Lee,\n\n" + body + "\n\nBest,\nNam"), body);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Thank you, I will keep you posted.",
        "Please let me know if you have any questions.",
        "I look forward to hearing from you.",
        "May I take this opportunity to thank you for your guidance.",
        "Please find attached the final version of the abstract.",
        "How are you? I passed Step 2 CK last week.",
        "I hope you are doing well? The poster was accepted.",
        "Feel free to share the slides with your residents.",
        "I would be happy to send my CV if it helps.",
        "I would like to share some news: the case report was accepted.",
      })
  void courtesiesAndNewsAskNothing(String body) {
    assertFalse(AskDetector.asksSomething("Dear Dr. Lee,\n\n" + body + "\n\nBest,\nNam"), body);
  }

  @Test
  void aLetterWrittenForTheWriterIsALetterAsk() {
    assertTrue(
        AskDetector.kindsNamed("Would you consider writing a strong letter for me this fall?")
            .contains(AskDetector.Kind.LETTER));
    assertTrue(
        AskDetector.kindsNamed("Could you write a short letter in support of my application?")
            .contains(AskDetector.Kind.LETTER));
    assertFalse(
        AskDetector.kindsNamed("I am writing a letter for my visa interview next week.")
            .contains(AskDetector.Kind.LETTER));
  }

  @Test
  void aPositionIsAPostNotASituation() {
    assertFalse(
        AskDetector.kindsNamed(
                "I am in a similar position and want to know whether my years will count.")
            .contains(AskDetector.Kind.POSITION));
    assertFalse(
        AskDetector.kindsNamed("If you are in a position to advise me, I would be grateful.")
            .contains(AskDetector.Kind.POSITION));
    assertTrue(
        AskDetector.kindsNamed("I am interested in a research position in your lab.")
            .contains(AskDetector.Kind.POSITION));
    assertTrue(
        AskDetector.kindsNamed("Would there be a position for me next year?")
            .contains(AskDetector.Kind.POSITION));
  }

  @Test
  void questionsInTheQuotedMessageAreNotTheWritersAsks() {
    String reply =
        "Thanks, I will send it on Friday.\n\nOn Mon, 2 Mar 2026, Dr. Lee wrote:\n> Could you send me your CV?\n> Best, Lee\n";
    assertFalse(AskDetector.asksSomething(reply));
    assertTrue(AskDetector.asksSomething("Could you send it by Friday?\n\n> Thanks, will do.\n"));
  }

  @Test
  void htmlIsReadAsItsVisibleText() {
    assertTrue(
        AskDetector.asksSomething(
            "<div dir=\"ltr\">Dear Dr. Lee,<div>Could you advise me on the match?</div></div>"));
    assertFalse(
        AskDetector.asksSomething(
            "<p>Thank you again!</p><blockquote type=\"cite\">Could you call me?</blockquote>"));
  }

  @Test
  void aBoundedRequestForACallHasTimeFormatAndPurpose() {
    Ask a = only("Would you have 15 minutes for a video call to ask how you chose PM&R?");
    assertEquals(Kind.MEETING, a.kind());
    assertTrue(a.timeBox() && a.format() && a.purpose());
    assertTrue(a.bounded());
    assertFalse(a.big());
  }

  @Test
  void thePurposeMayFollowInTheNextSentence() {
    List<Ask> asks =
        AskDetector.find(
            "Would you have 15 minutes next month? I would like to ask how you started your SCI research.");
    assertTrue(asks.get(0).purpose(), asks.toString());
  }

  @Test
  void anOpenEndedMeetingIsNotBounded() {
    Ask a = only("Could we meet sometime?");
    assertEquals(Kind.MEETING, a.kind());
    assertFalse(a.bounded());
  }

  @Test
  void anObservershipRequestIsBigAndConcernsTraining() {
    Ask a = only("Could I join your team for a four-week observership in the spring?");
    assertEquals(Kind.OBSERVERSHIP, a.kind());
    assertTrue(a.big());
    assertTrue(a.training());
    assertTrue(a.timeBox(), "four weeks is a time box");
  }

  @Test
  void adviceAboutObservershipsIsNotAnObservershipRequest() {
    Ask a = only("Could you advise me on how IMGs can find observerships in PM&R?");
    assertEquals(Kind.ADVICE, a.kind());
    assertFalse(a.big());
    assertTrue(a.training(), "it still concerns a training position");
  }

  @Test
  void aGentleObservershipRequestIsStillAnObservershipRequest() {
    Ask a =
        only(
            "If your department has any formal or informal observership opportunities open to international graduates, "
                + "I would be grateful to learn about the eligibility and process.");
    assertEquals(Kind.OBSERVERSHIP, a.kind());
    assertTrue(a.big());
  }

  @Test
  void lettersPositionsAndQuestionsAreTold() {
    assertEquals(
        Kind.LETTER, only("Would you be willing to write me a letter of recommendation?").kind());
    assertEquals(
        Kind.POSITION, only("Is there a research position in your lab for next year?").kind());
    assertEquals(Kind.INFORMATION, only("Does your program sponsor H-1B visas?").kind());
    assertEquals(Kind.OFFER, only("Would you like me to send my CV?").kind());
    assertFalse(only("Would you like me to send my CV?").isRequest());
    assertEquals(Kind.REVIEW, only("Could you look over my personal statement?").kind());
    assertEquals(Kind.INTRODUCTION, only("Could you introduce me to Dr. Patel?").kind());
  }

  @Test
  void spansPointAtTheAskingSentence() {
    String text =
        "Dear Dr. Lee,\n\nI am a student in Hue. Could you advise me on EMG courses?\n\nBest,\nNam";
    Ask a = AskDetector.find(text).get(0);
    assertEquals(
        "Could you advise me on EMG courses?", text.substring(a.span().start(), a.span().end()));
  }

  @Test
  void isSafeToCallFromManyThreads() {
    String text =
        "Dear Dr. Lee,\n\nWould you have 15 minutes for a call? Could I also ask for a letter?\n\nBest,\nNam";
    List<Ask> expected = AskDetector.find(text);
    assertTrue(
        IntStream.range(0, 200).parallel().allMatch(i -> AskDetector.find(text).equals(expected)));
  }
}
