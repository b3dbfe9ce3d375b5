package dev.rapport.draft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectPrefixTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Re: Call",
        "RE: Call",
        "AW: Call",
        "SV: Call",
        "Antw: Call",
        "Odp: Call",
        "R: Call",
        "Rif: Call",
        "Res: Call",
        "Rép : Call",
        "Ynt: Call",
        "Отв: Call",
        "回复：Call",
        "答复: Call",
        "返信: Call",
        "회신: Call",
        "رد: Call",
        "Re[2]: Call",
        "Re (3): Call",
        "[rehab-list] Re: Call",
        "  re:Call"
      })
  void replyPrefixes(String subject) {
    assertTrue(SubjectPrefix.isReply(subject), subject);
    assertTrue(SubjectPrefix.isReplyOrForward(subject), subject);
    assertEquals("Call", subject.substring(SubjectPrefix.end(subject)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Fwd: Call",
        "FW: Call",
        "WG: Call",
        "TR: Call",
        "RV: Call",
        "Enc: Call",
        "Doorst: Call",
        "PD: Call",
        "İlt: Call",
        "Пересл: Call",
        "转发: Call",
        "전달: Call"
      })
  void forwardPrefixesAreNotReplies(String subject) {
    assertFalse(SubjectPrefix.isReply(subject), subject);
    assertTrue(SubjectPrefix.isReplyOrForward(subject), subject);
    assertEquals("Call", subject.substring(SubjectPrefix.end(subject)));
  }

  @Test
  void wordsThatOnlyStartLikeAPrefixAreNot() {
    for (String s :
        new String[] {
          "Research question",
          "Request: 15 minutes",
          "Trial design",
          "Reading list: stroke",
          "Rehab"
        }) {
      assertFalse(SubjectPrefix.isReplyOrForward(s), s);
      assertEquals(0, SubjectPrefix.end(s), s);
    }
  }
}
