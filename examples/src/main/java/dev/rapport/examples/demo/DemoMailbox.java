package dev.rapport.examples.demo;

import com.icegreen.greenmail.imap.AuthorizationException;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A few months of one applicant's outreach, written for the demo: first contacts, follow-ups,
 * replies filed in several folders (one filed away, one deleted), an out-of-office, a bounce, a
 * newsletter, a mentor gone quiet, and a physician met at a conference but not yet thanked. Every
 * date is counted back from the clock, so the story is always a few months old and never stale.
 *
 * <p>Every name, address and institution is invented; addresses are under {@code example.org},
 * {@code example.edu} and {@code example.com} (RFC 2606).
 *
 * <p>Not thread-safe: fill a mailbox from one thread.
 */
final class DemoMailbox {

  /** Someone in the story. */
  record Person(String name, String email) {
    String header() {
      try {
        return new InternetAddress(email, name, "UTF-8").toString();
      } catch (UnsupportedEncodingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** The applicant whose mailbox this is. */
  static final Person FARAH = new Person("Farah Siddiqui", "farah.siddiqui@example.org");

  /** Her IMAP login. */
  static final String LOGIN = "farah";

  static final Person ROSSI = new Person("Dr. Sofia Rossi", "srossi@childrens-rehab.example.edu");
  static final Person WATANABE = new Person("Dr. Kenji Watanabe", "kwatanabe@med.example.edu");
  static final Person CASTILLO =
      new Person("Dr. María José Castillo", "mjcastillo@neurorehab.example.edu");
  static final Person KOWALCZYK =
      new Person("Dr. Tomasz Kowalczyk", "t.kowalczyk@sci-center.example.org");
  static final Person RAMAN = new Person("Dr. Priya Raman", "praman@painmed.example.edu");

  /** Her address as Farah mistyped it: the message bounces. */
  static final Person MENSAH = new Person("Dr. Grace Mensah", "gmensha@sportsmed.example.edu");

  static final Person THORNTON = new Person("Dr. Rebecca Thornton", "rthornton@pmr.example.edu");
  static final Person LINDQVIST =
      new Person("Dr. Henrik Lindqvist", "hlindqvist@emg-lab.example.edu");
  static final Person AL_MASRI = new Person("Dr. Ahmed Al-Masri", "aalmasri@msk.example.edu");

  /** Met at the Annual Assembly two days ago; not in the mailbox, only in the configuration. */
  static final Person ADEYEMI =
      new Person("Dr. Olusegun Adeyemi", "oadeyemi@limb-center.example.edu");

  static final String SENT = "Sent";
  static final String INBOX = "INBOX";
  static final String RESEARCH = "Research";
  static final String TRASH = "Trash";

  private static final int ROSSI_DAYS_AGO = 5;

  private static final DateTimeFormatter RFC_5322 =
      DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

  private final Clock clock;
  private final Map<String, List<Stored>> folders = new LinkedHashMap<>();
  private final Written rossiFirst;
  private final LocalDate rossiFirstDay;
  private final Set<String> recipients = new LinkedHashSet<>();
  private int ids;

  private record Stored(byte[] raw, ZonedDateTime date, boolean seen) {}

  /** A message written, for threading replies under it. */
  record Written(String messageId, String subject, List<String> references) {}

  DemoMailbox(Clock clock) {
    this.clock = clock;
    folders.put(SENT, new ArrayList<>());
    folders.put(INBOX, new ArrayList<>());
    folders.put(RESEARCH, new ArrayList<>());
    folders.put(TRASH, new ArrayList<>());
    rossiFirst = write();
    rossiFirstDay = LocalDate.now(clock).minusDays(ROSSI_DAYS_AGO);
  }

  /** The day Farah met Dr. Adeyemi, for the configuration's contacts. */
  LocalDate metAdeyemi() {
    return LocalDate.now(clock).minusDays(2);
  }

  /** How many messages each folder holds, in the order they are shown. */
  Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    folders.forEach((name, list) -> out.put(name, list.size()));
    return out;
  }

  /** How many people she wrote to. */
  int recipients() {
    return recipients.size();
  }

  /** The day Farah wrote to Dr. Rossi, who answers during the demo. */
  LocalDate rossiAsked() {
    return rossiFirstDay;
  }

  /** When the story starts: her first message. */
  LocalDate firstDay() {
    return folders.get(SENT).stream()
        .map(s -> s.date.toLocalDate())
        .min(LocalDate::compareTo)
        .orElseThrow();
  }

  /** Stores every message in the user's folders, with its date as the INTERNALDATE. */
  void fillInto(ImapHostManager host, GreenMailUser user) throws MessagingException {
    for (Map.Entry<String, List<Stored>> f : folders.entrySet()) {
      MailFolder folder = folder(host, user, f.getKey());
      for (Stored s : f.getValue()) {
        folder.appendMessage(
            parse(s.raw),
            s.seen ? new Flags(Flags.Flag.SEEN) : new Flags(),
            Date.from(s.date.toInstant()));
      }
    }
  }

  /**
   * Dr. Rossi's answer to Farah's first message, dated now: what arrives while the demo watches.
   */
  MimeMessage rossiReplies() throws MessagingException {
    Written first = rossiFirst;
    byte[] raw =
        message(
                ROSSI,
                FARAH,
                "Re: " + first.subject,
                ZonedDateTime.now(clock),
                first,
                """
        Dear Dr. Siddiqui,

        Thank you for your thoughtful note, and for reading the mobilization paper so closely.
        I would be glad to talk. Does Thursday at 4 pm Eastern suit you? I will send a video link.

        Best wishes,
        Sofia Rossi
        """)
            .raw;
    return parse(raw);
  }

  static MailFolder folder(ImapHostManager host, GreenMailUser user, String name) {
    try {
      if (name.equals(INBOX)) {
        return host.getInbox(user);
      }
      MailFolder f = host.getFolder(user, name);
      return f != null ? f : host.createMailbox(user, name);
    } catch (FolderException | AuthorizationException e) {
      throw new IllegalStateException("cannot make folder " + name + ": " + e.getMessage(), e);
    }
  }

  // ------------------------------------------------------------------ the story

  /**
   * Writes the story; returns Farah's first message to Dr. Rossi, which is answered during the
   * demo.
   */
  private Written write() {
    // A mentor since the autumn, quiet for almost four months: an update is due.
    Written t1 =
        sent(
            THORNTON,
            150,
            "09:20",
            "Pakistani graduate: 15 minutes of advice on PM&R applications?",
            null,
            """
        Dear Dr. Thornton,

        I graduated from Aga Khan University in Karachi, Pakistan, and I am preparing to apply to PM&R
        residency. Your AAP talk on building a rehabilitation research portfolio during medical school is
        the clearest advice I have found.

        Would you have 15 minutes for a video call this month? I would like to ask which research
        experience you would choose in my place. I am not a US citizen and would need a J-1 visa.

        Thank you for your time.

        Sincerely,
        Farah Siddiqui
        """);
    Written t2 =
        received(
            INBOX,
            THORNTON,
            147,
            "18:05",
            t1,
            true,
            """
        Dear Farah,

        Happy to help. Let's talk on Friday at 10 am Central; I'll send a link.

        Rebecca
        """);
    Written t3 =
        sent(
            THORNTON,
            140,
            "08:30",
            "Re: " + t1.subject,
            t2,
            """
        Dear Dr. Thornton,

        Thank you for the call on Friday. I have written to the stroke outcomes group you suggested, and
        I will start the chart review with them in January.

        I will write again after my Step 2 CK results in the spring.

        With gratitude,
        Farah
        """);
    received(
        INBOX,
        THORNTON,
        112,
        "21:40",
        t3,
        true,
        """
        Dear Farah,

        That is excellent news. The chart review is a good choice. Good luck with Step 2, and keep me posted.

        Rebecca
        """);

    // Two follow-ups, two weeks apart, and silence: time to move on.
    Written l1 =
        sent(
            LINDQVIST,
            62,
            "10:15",
            "Question about your EMG teaching clinic",
            null,
            """
        Dear Dr. Lindqvist,

        I am a Pakistani medical graduate applying to PM&R residency. Your article on teaching nerve
        conduction studies with a stepwise checklist changed how I study electrodiagnosis.

        Could I ask you two questions by email about how residents in your program learn EMG?
        I am not a US citizen and would need a J-1 visa for residency.

        Sincerely,
        Farah Siddiqui
        """);
    Written l2 =
        sent(
            LINDQVIST,
            46,
            "09:50",
            "Re: " + l1.subject,
            l1,
            """
        Dear Dr. Lindqvist,

        I am writing again in case my note below was buried. Could I ask two short questions by email
        about how residents in your program learn EMG?

        Thank you,
        Farah Siddiqui
        """);
    sent(
        LINDQVIST,
        30,
        "10:05",
        "Re: " + l1.subject,
        l2,
        """
        Dear Dr. Lindqvist,

        One last note: if the timing is not right, I understand completely. Would you be willing to
        answer two questions by email about EMG training at some point this year?

        With thanks,
        Farah Siddiqui
        """);

    // Replied, thanked, nothing asked since: in touch.
    Written a1 =
        sent(
            AL_MASRI,
            48,
            "07:45",
            "Your ultrasound-guided injection course: a question from a Pakistani IMG",
            null,
            """
        Dear Dr. Al-Masri,

        I am a graduate of Aga Khan University preparing to apply to PM&R residency. The hands-on
        ultrasound course you run for residents is something I hope to learn from.

        Would you have time to answer one question by email: which anatomy resources do you give residents
        before their first guided injection? I would need a J-1 visa for residency.

        Thank you,
        Farah Siddiqui
        """);
    Written a2 =
        received(
            INBOX,
            AL_MASRI,
            44,
            "13:10",
            a1,
            true,
            """
        Dear Dr. Siddiqui,

        Good question. Start with the free sonoanatomy atlas from our society, then practice scanning
        yourself before reading about injections. Best of luck with your applications.

        Ahmed Al-Masri
        """);
    sent(
        AL_MASRI,
        43,
        "09:00",
        "Re: " + a1.subject,
        a2,
        """
        Dear Dr. Al-Masri,

        Thank you for the advice. I have started with the sonoanatomy atlas and am scanning my own knee
        and shoulder each evening.

        With thanks,
        Farah Siddiqui
        """);

    // A follow-up, then a reply she filed in her Research folder.
    Written c1 =
        sent(
            CASTILLO,
            33,
            "08:10",
            "Spasticity outcomes after botulinum toxin: a question",
            null,
            """
        Dear Dr. Castillo,

        I am a Pakistani medical graduate interested in neurorehabilitation. Your 2024 cohort study of
        goal attainment after botulinum toxin for post-stroke spasticity is the reason I read about GAS scoring.

        Would you have 15 minutes for a video call to discuss how you chose the outcome measures? I would
        need a J-1 visa for residency.

        Sincerely,
        Farah Siddiqui
        """);
    Written c2 =
        sent(
            CASTILLO,
            18,
            "08:25",
            "Re: " + c1.subject,
            c1,
            """
        Dear Dr. Castillo,

        I am following up on my note below. Would a 15-minute video call in the coming weeks be possible?

        Thank you,
        Farah Siddiqui
        """);
    received(
        RESEARCH,
        CASTILLO,
        6,
        "15:30",
        c2,
        true,
        """
        Estimada Dra. Siddiqui,

        Apologies for the slow reply; it has been a busy month. I would be happy to talk about GAS scoring.
        Could you send me two or three times that work for you next week?

        María José Castillo
        """);

    // A reply she deleted: it still counts, so nobody nags a person who answered.
    Written k1 =
        sent(
            KOWALCZYK,
            26,
            "09:35",
            "Spinal cord injury rehabilitation: advice on preparing",
            null,
            """
        Dear Dr. Kowalczyk,

        I am a graduate of Aga Khan University in Pakistan. Your talk on early standing programs after
        incomplete spinal cord injury made me want to work in SCI rehabilitation.

        Would you have 10 minutes to tell me by email how a foreign graduate can best prepare for SCI
        rehabilitation? I am not a US citizen and would need a J-1 visa.

        Sincerely,
        Farah Siddiqui
        """);
    received(
        TRASH,
        KOWALCZYK,
        12,
        "11:20",
        k1,
        true,
        """
        Dear Dr. Siddiqui,

        Thank you for writing. We have no observership places this year, I'm afraid. For SCI, I would
        read the consortium guidelines and ask to join a local spinal unit's rounds.

        Kind regards,
        Tomasz Kowalczyk
        """);

    // Unanswered after two weeks, with an out-of-office reply: a follow-up is due.
    Written r1 =
        sent(
            RAMAN,
            17,
            "07:55",
            "Interventional pain in PM&R: one question from a Pakistani IMG",
            null,
            """
        Dear Dr. Raman,

        I am a Pakistani medical graduate applying to PM&R residency. Your review of radiofrequency
        ablation for knee osteoarthritis pain was clear enough to present at our journal club.

        Could I ask you one question by email: which skills should an applicant build before an
        interventional pain fellowship? I would need a J-1 visa for residency.

        Sincerely,
        Farah Siddiqui
        """);
    autoReply(RAMAN, 17, "07:56", r1);

    // Her first message, sent a few minutes before her reply comes in during the demo.
    Written w1 =
        sent(
            WATANABE,
            19,
            "09:10",
            "Question about your stroke gait lab from a Pakistani IMG",
            null,
            """
        Dear Dr. Watanabe,

        I am a graduate of Aga Khan University preparing to apply to PM&R residency. Your study of
        treadmill training with body-weight support after stroke is the reason I want to do gait research.

        Would you have 15 minutes for a video call this month? I would like to ask how your lab measures
        gait recovery. I am not a US citizen and would need a J-1 visa.

        Sincerely,
        Farah Siddiqui
        """);
    received(
        INBOX,
        WATANABE,
        2,
        "16:25",
        w1,
        false,
        """
        Dear Farah,

        Thanks for your message. I'd be glad to talk. My assistant will send you two times for next week.

        Best,
        Kenji Watanabe
        """);

    // The address she typed was wrong: the message came back.
    Written m1 =
        sent(
            MENSAH,
            6,
            "10:00",
            "Sports medicine research in PM&R: a question",
            null,
            """
        Dear Dr. Mensah,

        I am a Pakistani medical graduate interested in sports medicine within PM&R. Your study of return
        to play after hamstring injuries in collegiate athletes is the kind of work I hope to join.

        Would you have 15 minutes for a video call to talk about research in sports rehabilitation? I
        would need a J-1 visa for residency.

        Sincerely,
        Farah Siddiqui
        """);
    bounce(m1, MENSAH, 6, "10:01");

    // Sent five days ago: too soon to follow up. Dr. Rossi answers while the demo watches.
    Written rossi =
        sent(
            ROSSI,
            ROSSI_DAYS_AGO,
            "08:40",
            "Pakistani IMG: 15 minutes on pediatric rehabilitation research?",
            null,
            """
        Dear Dr. Rossi,

        I am a graduate of Aga Khan University in Karachi, Pakistan, applying to PM&R residency this year.
        Your 2025 study of early mobilization after pediatric traumatic brain injury is why I want to
        work in pediatric rehabilitation.

        Would you have 15 minutes for a video call in the next few weeks? I would like to ask how a
        graduate abroad can help with outcome research. I am not a US citizen and would need a J-1 visa.

        Sincerely,
        Farah Siddiqui
        """);

    // A newsletter: list mail, never a contact.
    newsletter(3, "07:00");
    return rossi;
  }

  // ------------------------------------------------------------------ writing messages

  private ZonedDateTime at(int daysAgo, String time) {
    return LocalDate.now(clock)
        .minusDays(daysAgo)
        .atTime(java.time.LocalTime.parse(time))
        .atZone(clock.getZone());
  }

  private Written sent(
      Person to, int daysAgo, String time, String subject, @Nullable Written parent, String body) {
    ZonedDateTime date = at(daysAgo, time);
    recipients.add(to.email);
    Built m = message(FARAH, to, subject, date, parent, body);
    folders.get(SENT).add(new Stored(m.raw, date, true));
    return m.written;
  }

  private Written received(
      String folder,
      Person from,
      int daysAgo,
      String time,
      Written parent,
      boolean seen,
      String body) {
    ZonedDateTime date = at(daysAgo, time);
    Built m = message(from, FARAH, "Re: " + base(parent.subject), date, parent, body);
    folders.get(folder).add(new Stored(m.raw, date, seen));
    return m.written;
  }

  private void autoReply(Person from, int daysAgo, String time, Written parent) {
    ZonedDateTime date = at(daysAgo, time);
    byte[] raw =
        message(
                from,
                FARAH,
                "Out of office: " + base(parent.subject),
                date,
                parent,
                """
        Thank you for your email. I am away at a conference with limited access to email and will
        respond when I return.

        Priya Raman, MD
        """,
                "Auto-Submitted: auto-replied",
                "X-Autoreply: yes")
            .raw;
    folders.get(INBOX).add(new Stored(raw, date, false));
  }

  /** A delivery-status report (RFC 3464), as a mail server sends for an unknown mailbox. */
  private void bounce(Written original, Person to, int daysAgo, String time) {
    ZonedDateTime date = at(daysAgo, time);
    String boundary = "=_demo_bounce_" + (++ids);
    String host = "mx." + to.email.substring(to.email.indexOf('@') + 1);
    String body =
        String.join(
            "\r\n",
            "This is a MIME-encapsulated message.",
            "",
            "--" + boundary,
            "Content-Description: Notification",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            "This is the mail system at host mail.example.org.",
            "",
            "Your message could not be delivered to one or more recipients.",
            "",
            "<" + to.email + ">: host " + host + " said: 550 5.1.1 User unknown",
            "",
            "--" + boundary,
            "Content-Description: Delivery report",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mail.example.org",
            "Original-Message-ID: " + original.messageId,
            "Arrival-Date: " + RFC_5322.format(date.minusMinutes(1)),
            "",
            "Final-Recipient: rfc822; " + to.email,
            "Action: failed",
            "Status: 5.1.1",
            "Remote-MTA: dns; " + host,
            "Diagnostic-Code: smtp; 550 5.1.1 <"
                + to.email
                + ">: Recipient address rejected: User unknown",
            "",
            "--" + boundary,
            "Content-Description: Undelivered Message Headers",
            "Content-Type: text/rfc822-headers",
            "",
            "From: " + FARAH.header(),
            "To: " + to.header(),
            "Subject: " + encode(original.subject),
            "Message-ID: " + original.messageId,
            "",
            "--" + boundary + "--",
            "");
    String head =
        String.join(
            "\r\n",
            "Date: " + RFC_5322.format(date),
            "From: Mail Delivery System <MAILER-DAEMON@mail.example.org>",
            "To: " + FARAH.header(),
            "Subject: Undelivered Mail Returned to Sender",
            "Message-ID: <" + date.toEpochSecond() + ".bounce" + (++ids) + "@mail.example.org>",
            "Auto-Submitted: auto-replied",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status;",
            "\tboundary=\"" + boundary + "\"",
            "",
            "");
    folders.get(INBOX).add(new Stored((head + body).getBytes(StandardCharsets.UTF_8), date, false));
  }

  private void newsletter(int daysAgo, String time) {
    ZonedDateTime date = at(daysAgo, time);
    byte[] raw =
        message(
                new Person("AAPM&R Member News", "news@aapmr-news.example.org"),
                FARAH,
                "This week: Annual Assembly recordings and the resident research grant",
                date,
                null,
                """
        Recordings of the Annual Assembly sessions are now available to members.
        Applications for the resident research grant close at the end of the month.
        """,
                "List-Id: Member News <member-news.aapmr-news.example.org>",
                "Precedence: bulk",
                "List-Unsubscribe: <mailto:unsubscribe@aapmr-news.example.org>")
            .raw;
    folders.get(INBOX).add(new Stored(raw, date, true));
  }

  private record Built(byte[] raw, Written written) {}

  /** Builds raw RFC 5322 bytes (UTF-8 text, CRLF line ends) threaded under {@code parent}. */
  private Built message(
      Person from,
      Person to,
      String subject,
      ZonedDateTime date,
      @Nullable Written parent,
      String body,
      String... extraHeaders) {
    String id =
        "<"
            + date.toLocalDate()
            + "."
            + (++ids)
            + "."
            + localPart(from.email)
            + "@"
            + domain(from.email)
            + ">";
    List<String> refs = new ArrayList<>();
    StringBuilder h = new StringBuilder();
    h.append("Date: ").append(RFC_5322.format(date)).append("\r\n");
    h.append("From: ").append(from.header()).append("\r\n");
    h.append("To: ").append(to.header()).append("\r\n");
    h.append("Subject: ").append(encode(subject)).append("\r\n");
    h.append("Message-ID: ").append(id).append("\r\n");
    if (parent != null) {
      refs.addAll(parent.references);
      refs.add(parent.messageId);
      h.append("In-Reply-To: ").append(parent.messageId).append("\r\n");
      h.append("References: ").append(String.join("\r\n ", refs)).append("\r\n");
    }
    for (String extra : extraHeaders) {
      h.append(extra).append("\r\n");
    }
    h.append("MIME-Version: 1.0\r\n");
    h.append("Content-Type: text/plain; charset=UTF-8\r\n");
    h.append("Content-Transfer-Encoding: 8bit\r\n\r\n");
    h.append(body.replace("\n", "\r\n"));
    return new Built(
        h.toString().getBytes(StandardCharsets.UTF_8), new Written(id, subject, List.copyOf(refs)));
  }

  private static String base(String subject) {
    return subject.startsWith("Re: ") ? subject.substring(4) : subject;
  }

  private static String localPart(String email) {
    return email.substring(0, email.indexOf('@')).replace('.', '-');
  }

  private static String domain(String email) {
    return email.substring(email.indexOf('@') + 1);
  }

  private static String encode(String text) {
    try {
      return MimeUtility.encodeText(text, "UTF-8", "Q");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MimeMessage parse(byte[] raw) throws MessagingException {
    return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
  }
}
