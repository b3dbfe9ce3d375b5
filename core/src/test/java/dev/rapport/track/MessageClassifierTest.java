package dev.rapport.track;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageClassifierTest {

  private static MessageKind kind(String headers) {
    return MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            1,
            Instant.EPOCH,
            "From: Dr. Lee <lee@uni.edu>\r\n" + headers)
        .kind();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "Subject: Re: Observership question                              | PERSONAL",
        "Auto-Submitted: no\\nSubject: Re: hello                         | PERSONAL",
        "Auto-Submitted: auto-replied\\nSubject: Re: hello               | AUTO_REPLY",
        "Auto-Submitted: auto-generated                                   | AUTO_REPLY",
        "X-Autoreply: yes                                                 | AUTO_REPLY",
        "X-Autorespond: vacation                                          | AUTO_REPLY",
        "Precedence: auto_reply                                           | AUTO_REPLY",
        "Subject: Automatic reply: Observership question                  | AUTO_REPLY",
        "Subject: Out of Office: back on Monday                           | AUTO_REPLY",
        "Subject: Abwesenheitsnotiz: Ihre Anfrage                         | AUTO_REPLY",
        "Subject: Réponse automatique : absence                           | AUTO_REPLY",
        "Content-Type: multipart/report; report-type=disposition-notification; boundary=x | AUTO_REPLY",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=x          | BOUNCE",
        "Content-Type: Multipart/Report; Report-Type=\"delivery-status\"; boundary=x      | BOUNCE",
        "X-Failed-Recipients: gone@uni.edu                                | BOUNCE",
        "List-Id: PM&R residents <pmr.lists.example.org>                  | LIST",
        "List-Unsubscribe: <mailto:unsub@example.org>                     | LIST",
        "Precedence: bulk                                                 | LIST",
      })
  void headersDecideTheKind(String headers, MessageKind expected) {
    assertEquals(expected, kind(headers.strip().replace("\\n", "\r\n") + "\r\n"));
  }

  @ParameterizedTest
  @CsvSource({
    "Undelivered Mail Returned to Sender, BOUNCE",
    "Delivery Status Notification (Failure), BOUNCE",
    "failure notice, BOUNCE",
    "Your weekly digest, AUTO_REPLY"
  })
  void mailerDaemonMessagesAreBouncesOrMachines(String subject, MessageKind expected) {
    MessageSummary m =
        MessageSummary.parse(
            "INBOX",
            FolderRole.INBOX,
            1,
            Instant.EPOCH,
            "From: Mail Delivery System <MAILER-DAEMON@mx.uni.edu>\r\nSubject: "
                + subject
                + "\r\n");
    assertEquals(expected, m.kind());
  }
}
