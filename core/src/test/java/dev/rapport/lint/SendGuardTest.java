package dev.rapport.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SendGuardTest {

  private static MimeMessage message(Session session, String greeting) throws Exception {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress("ana@example.org", "Ana Souza"));
    m.setRecipient(
        Message.RecipientType.TO, new InternetAddress("lee@example.edu", "Dr. Min-jun Lee"));
    m.setSubject("Brazilian IMG: 15-minute call about amputee rehabilitation", "UTF-8");
    m.setText(
        greeting
            + "\n\nI am a physician from São Paulo, Brazil, hoping to train in PM&R. Your 2024 study on "
            + "prosthetic fitting after transtibial amputation showed me how early fitting changes outcomes.\n\n"
            + "Would you have 15 minutes for a video call next month to advise me on research? I would need a J-1 visa.\n\n"
            + "Thank you,\nAna Souza\n",
        "UTF-8");
    return m;
  }

  @Test
  void aFailingMessageIsRefusedAndNeverSent() throws Exception {
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try {
      Properties p = new Properties();
      p.setProperty("mail.smtp.host", "127.0.0.1");
      p.setProperty("mail.smtp.port", String.valueOf(smtp.getSmtp().getPort()));
      Session session = Session.getInstance(p);
      SendGuard guard = SendGuard.of(Linter.standard());

      DraftRejectedException e =
          assertThrows(
              DraftRejectedException.class,
              () -> guard.send(message(session, "Dear Dr. [Last Name],")));
      assertTrue(e.getMessage().startsWith("draft not sent: "), e.getMessage());
      assertTrue(e.scorecard().hasErrors());
      assertEquals(0, smtp.getReceivedMessages().length);

      Scorecard ok = guard.send(message(session, "Dear Dr. Lee,"));
      assertTrue(ok.passes(0));
      assertTrue(smtp.waitForIncomingEmail(5_000, 1));
    } finally {
      smtp.stop();
    }
  }

  @Test
  void failUnderRefusesALowScoreWithTheScoreInTheMessage() throws Exception {
    Session session = Session.getInstance(new Properties());
    SendGuard strict = SendGuard.of(Linter.standard()).failUnder(100);
    MimeMessage thin = new MimeMessage(session);
    thin.setRecipient(Message.RecipientType.TO, new InternetAddress("lee@example.edu"));
    thin.setSubject("Hi");
    thin.setText("Dear Dr. Lee,\n\nCan we talk?\n\nBest,\nAna\n");
    DraftRejectedException e = assertThrows(DraftRejectedException.class, () -> strict.check(thin));
    assertTrue(e.getMessage().contains("under 100"), e.getMessage());
  }
}
