package dev.rapport.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rapport.lint.Scorecard;
import jakarta.mail.Session;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ExamplesTest {

  @Test
  void scoreADraftPrintsScoresAndAVerdict() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Scorecard card =
        ScoreADraft.score(ScoreADraft.sample(), new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.startsWith("overall " + card.overall() + "/100"), out);
    assertTrue(out.contains("visaTransparency"), out);
    assertTrue(out.contains("ready to send"), out);
  }

  @Test
  void checkBeforeSendingSendsTheGoodAndKeepsTheBad() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      Properties p = new Properties();
      p.setProperty("mail.smtp.host", "127.0.0.1");
      p.setProperty("mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
      Session session = Session.getInstance(p);
      String body =
          "Dear Dr. Haddad,\n\nI am a medical graduate from Hanoi, Vietnam, interested in pediatric rehabilitation. "
              + "Your talk at the AAP meeting on cerebral palsy gait clinics stayed with me.\n\nCould I ask you two "
              + "questions by email about preparing for PM&R residency? I would need a J-1 visa.\n\nThank you,\nLan\n";
      assertTrue(
          CheckBeforeSending.sendIfGood(
              session,
              "haddad@example.edu",
              "Vietnamese IMG: two questions on pediatric rehab",
              body));
      assertFalse(
          CheckBeforeSending.sendIfGood(
              session,
              "haddad@example.edu",
              "Question",
              body.replace("Dr. Haddad", "Dr. {{last_name}}")));
      smtp.waitForIncomingEmail(5_000, 1);
      assertEquals(1, smtp.getReceivedMessages().length);
    } finally {
      smtp.stop();
    }
  }
}
