package dev.rapport.examples;

import dev.rapport.lint.DraftRejectedException;
import dev.rapport.lint.Linter;
import dev.rapport.lint.SendGuard;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;

/**
 * Checks a message before a Jakarta Mail application sends it: {@link SendGuard#send} lints, then
 * calls {@code Transport.send}, or throws {@link DraftRejectedException} and sends nothing.
 */
public final class CheckBeforeSending {
  private CheckBeforeSending() {}

  /** Sends the message if it passes; returns whether it was sent. */
  static boolean sendIfGood(Session session, String to, String subject, String body)
      throws MessagingException, UnsupportedEncodingException {
    MimeMessage message = new MimeMessage(session);
    message.setFrom(new InternetAddress("nguyen.lan@example.org", "Nguyễn Thị Lan", "UTF-8"));
    message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
    message.setSubject(subject, "UTF-8");
    message.setText(body, "UTF-8");

    SendGuard guard = SendGuard.of(Linter.standard()).failUnder(50);
    try {
      guard.send(message);
      return true;
    } catch (DraftRejectedException e) {
      // One line for the user; the scorecard has every finding with its place and a suggestion.
      System.err.println(e.getMessage());
      e.scorecard()
          .findings()
          .forEach(f -> System.err.println("  " + f.message() + " -> " + f.suggestion()));
      return false;
    }
  }
}
