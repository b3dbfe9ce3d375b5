package dev.rapport.lint.rules;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Segment;
import dev.rapport.draft.SegmentKind;
import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.LintContext;
import dev.rapport.lint.Span;
import dev.rapport.lint.ThreadContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What kind of message a draft is: a first contact with a stranger, a reply, a thank-you note or an
 * update. Several rules only make sense for some kinds. Stateless.
 */
final class Situation {
  private Situation() {}

  private static final String APOS = "['’]";

  /** Phrases that refer to an earlier message or meeting with the same person. */
  private static final Phrase EARLIER =
      Phrase.of(
          String.join(
              "|",
              "\\bthank(?:s|\\s+you)\\s+(?:\\p{L}{1,10}\\s+){0,2}for\\s+(?:your|the)\\s+(?:\\p{L}{1,12}\\s+)?(?:reply|response"
                  + "|e-?mail|message|note|advice|guidance|suggestions?|feedback|conversation|call|meeting|chat|answer)\\b",
              "\\bthank(?:s|\\s+you)\\s+(?:\\p{L}{1,10}\\s+){0,2}for\\s+(?:meeting|speaking|talking|taking\\s+the\\s+time\\s+to"
                  + "\\s+(?:meet|speak|talk|chat))\\b",
              "\\bas\\s+(?:you|we)\\s+(?:suggested|discussed|mentioned|agreed|advised|recommended)\\b",
              "\\bfollowing\\s+(?:up\\s+on\\s+)?(?:our|my|your)\\s+(?:conversation|meeting|call|chat|discussion|previous|last"
                  + "|earlier|e-?mail|message|advice|suggestion)\\b",
              "\\b(?:my|our)\\s+(?:previous|last|earlier)\\s+(?:e-?mail|message|note|conversation)\\b",
              "\\b(?:it\\s+was|it"
                  + APOS
                  + "s\\s+been)\\s+(?:a\\s+)?(?:real\\s+|great\\s+)?(?:pleasure|great|nice|wonderful|lovely"
                  + "|an\\s+honou?r|a\\s+privilege|privilege)\\s+(?:to\\s+)?(?:meet|meeting|speak|speaking|talk|talking|see|seeing)\\b",
              "\\b(?:we|i)\\s+(?:met|spoke|talked|chatted)\\s+(?:at|during|last|briefly|yesterday|earlier|after)\\b",
              "\\bfollowing\\s+up\\b|\\bfollow[-\\s]up\\s+on\\b|\\bas\\s+promised\\b|\\bper\\s+your\\s+(?:request|suggestion)\\b",
              "\\byou\\s+(?:asked|suggested|mentioned|recommended|advised)\\s+(?:that|me|i)\\b",
              "\\bour\\s+(?:conversation|discussion|meeting|call|chat)\\b",
              "\\bwhen\\s+we\\s+(?:met|spoke|talked)\\b|\\bsince\\s+(?:we|i)\\s+last\\s+(?:spoke|wrote|talked|met)\\b",
              "\\bupdate\\s+you\\b|\\bkeep\\s+you\\s+(?:posted|updated)\\b",
              "\\bas\\s+you\\s+(?:know|may\\s+remember|will\\s+remember|might\\s+recall)\\b",
              "\\b(?:writing|write)\\s+(?:to\\s+you\\s+)?(?:with|to\\s+(?:give|send)\\s+you)\\s+(?:an?\\s+|some\\s+)?(?:quick\\s+|short\\s+|brief\\s+)?"
                  + "(?:update|news)\\b",
              // A relationship the draft takes for granted: "since you have guided me on this
              // project",
              // "you've seen my work firsthand", "without your corrections of my first draft", "the
              // June
              // rotation with your team was", "even though we have only spoken by video".
              "\\byou\\s+(?:have\\s+|"
                  + APOS
                  + "ve\\s+)?(?:guided|mentored|supervised|taught|helped|advised|seen|read|reviewed|corrected)\\s+(?:me|my)\\b",
              "\\b(?:without|thanks\\s+to|after)\\s+your\\s+(?:\\p{L}{1,12}\\s+)?(?:corrections|comments|edits|feedback|guidance|help"
                  + "|supervision|mentorship|support|advice)\\s+(?:on|of|to|with|for|during|in)\\b",
              "\\bthe\\s+(?:\\p{L}{1,12}\\s+)?(?:rotation|elective|observership|clerkship|externship|attachment|month|weeks)\\s+"
                  + "(?:with|on|in)\\s+(?:you|your\\s+(?:team|service|unit|clinic|department|lab))\\s+(?:was|were|has|have|last|this)\\b",
              "\\b(?:we|i)\\s+(?:have\\s+)?(?:only\\s+)?(?:spoken|met|talked|worked\\s+together)\\s+(?:by|on|over|at|once|twice|before)\\b",
              "\\bthank(?:s|\\s+you)\\s+(?:\\p{L}{1,12}\\s+){0,3}for\\s+(?:the|my|those|these|an?|our)\\s+(?:\\p{L}{1,12}\\s+){0,3}"
                  + "(?:observership|rotation|elective|externship|weeks|days|months|visit|time\\s+(?:in|at|with))\\b"));

  /** How a thank-you note or an update begins. */
  private static final Pattern THANKS_OR_UPDATE =
      Pattern.compile(
          "^\\W{0,3}(?:i\\s+(?:just\\s+)?(?:wanted|want|am\\s+writing|write|would\\s+like|"
              + APOS
              + "d\\s+like)\\s+to\\s+"
              + "(?:thank|say\\s+thank|express\\s+my\\s+(?:sincere\\s+)?(?:gratitude|thanks)|update|give\\s+you\\s+(?:an?\\s+)?"
              + "(?:quick\\s+|brief\\s+|short\\s+)?update|let\\s+you\\s+know|share|inform)"
              + "|thank\\s+you|thanks|many\\s+thanks|(?:a\\s+)?(?:quick|brief|short|small)\\s+update|just\\s+(?:a\\s+)?(?:quick\\s+|small\\s+|short\\s+|brief\\s+)?(?:note|update)"
              + "|i\\s+am\\s+(?:\\p{L}{1,10}ly\\s+)?(?:happy|pleased|delighted|excited|glad|thrilled|grateful)\\s+to\\s+"
              + "(?:share|tell|inform|report|let\\s+you\\s+know|update|say))",
          Pattern.CASE_INSENSITIVE);

  /** Returns whether the subject marks the draft as a reply or forward ("Re:", "AW:", "Fwd:"). */
  static boolean isReplySubject(String subject) {
    return dev.rapport.draft.SubjectPrefix.isReplyOrForward(subject);
  }

  /**
   * Returns whether the draft is a first contact: the thread context says so, or, without one, the
   * draft neither quotes, forwards nor references an earlier message.
   */
  static boolean firstContact(LintContext c) {
    return c.memo(FIRST_CONTACT, Situation::computeFirstContact);
  }

  private static final Object FIRST_CONTACT = new Object();
  private static final Object THANKS_OR_UPDATE_KEY = new Object();

  private static boolean computeFirstContact(LintContext c) {
    ThreadContext t = c.thread().orElse(null);
    if (t != null) {
      return t.firstContact();
    }
    Draft d = c.draft();
    if (d.isReplyOrForward() || isReplySubject(d.subject()) || referencesEarlier(c)) {
      return false;
    }
    // The act model is sure a sentence refers to an earlier message or meeting with them.
    for (dev.rapport.lint.SentenceActs s : c.sentences()) {
      if (s.isSure(dev.rapport.lint.Act.PRIOR_REFERENCE)) {
        return false;
      }
    }
    return true;
  }

  /** Returns whether the new text refers to an earlier message or meeting with the recipient. */
  static boolean referencesEarlier(LintContext c) {
    return mentions(c, EARLIER);
  }

  /**
   * Returns whether the draft opens as a thank-you note or an update, which need not ask anything.
   */
  static boolean thanksOrUpdate(LintContext c) {
    return c.memo(THANKS_OR_UPDATE_KEY, Situation::computeThanksOrUpdate);
  }

  private static boolean computeThanksOrUpdate(LintContext c) {
    List<Span> sentences = c.prose().sentences();
    String text = c.draft().text();
    for (int i = 0; i < Math.min(3, sentences.size()); i++) {
      Span s = sentences.get(i);
      if (s.length() > 2_000) {
        continue;
      }
      String sentence = text.substring(s.start(), s.end());
      if (THANKS_OR_UPDATE.matcher(sentence).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A greeting to a program's staff rather than to a physician: "Dear Ms. Albright", "Dear Program
   * Coordinator".
   */
  private static final Pattern OFFICE_GREETING =
      Pattern.compile(
          "^\\W*(?:dear|hello|hi|good\\s+(?:morning|afternoon|evening))\\s+(?:((?:ms|mrs|mr|miss|mx)\\.?\\s)|.*\\b(?:coordinators?"
              + "|administrators?|admissions|(?:program|residency|fellowship|education|gme|observership)\\s+(?:office|team|staff|manager"
              + "|committee|coordinator)|selection\\s+committee)\\b)",
          Pattern.CASE_INSENSITIVE);

  /** The recipient's own clinical or research work: "your prosthetic clinic", "your paper". */
  private static final Pattern CLINICIAN_WORK =
      Pattern.compile(
          "\\byour\\s+(?:\\p{L}+\\s+){0,2}(?:clinic|lab|laboratory|patients|paper|papers|study|trial|article|research"
              + "|service|talk|lecture|webinar|findings?)\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * An address or display name of a program's office: coordinator@, residency@, gme@, "PM&R
   * Residency Program".
   */
  private static final Pattern OFFICE_ADDRESS =
      Pattern.compile(
          "coordinator|residency|program|\\bgme\\b|admission|observership|visiting|recruit|education|\\boffice\\b",
          Pattern.CASE_INSENSITIVE);

  /**
   * Returns whether the draft is written to a program's office (a coordinator, an administrator, a
   * program address) rather than to a physician. Questions about eligibility, observership policy
   * or visa sponsorship belong there, and are not asks of a stranger's goodwill.
   */
  static boolean programOffice(LintContext c) {
    return c.memo(PROGRAM_OFFICE, Situation::computeProgramOffice);
  }

  private static final Object PROGRAM_OFFICE = new Object();

  private static boolean computeProgramOffice(LintContext c) {
    for (Segment g : c.draft().segments(SegmentKind.GREETING)) {
      String greeting = c.draft().text().substring(g.start(), Math.min(g.end(), g.start() + 200));
      Matcher m = OFFICE_GREETING.matcher(greeting);
      if (m.find()) {
        // "Dear Mr. Rosenthal" to a physician whose clinic the draft asks to rotate in is a wrong
        // title, not a coordinator.
        return m.group(1) == null || !CLINICIAN_WORK.matcher(c.draft().text()).find();
      }
    }
    for (var a : c.draft().to()) {
      String local = a.email().substring(0, Math.max(0, a.email().indexOf('@')));
      if (OFFICE_ADDRESS.matcher(local).find()
          || (a.name() != null && OFFICE_ADDRESS.matcher(a.name()).find())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether this is outreach: a first contact that is not a thank-you note or an update.
   */
  static boolean outreach(LintContext c) {
    return firstContact(c) && !thanksOrUpdate(c);
  }

  private static final Object INDEX = new Object();

  /**
   * The phrases the rules search in a draft's text, looked for together in one pass. A phrase
   * missing here is found all the same, only by a walk of its own.
   */
  private static final Phrase.Group DRAFT_PHRASES =
      Phrase.Group.of(
          EARLIER,
          Lexicon.INTEREST_AREA,
          RecipientWork.REFERENCE,
          GenericPraise.PRAISE,
          MeetingUnmentioned.MET,
          PressureLanguage.PRESSURE,
          UnrequestedCv.ATTACHED_TEXT,
          UnrequestedCv.REQUESTED,
          VagueAsk.VAGUE,
          VisaStatements.STATUS,
          VisaStatements.VISA,
          VisaStatements.SPONSORSHIP,
          VisaStatements.FIRST_PERSON);

  /** Returns the draft's text indexed for the rules' phrases, once per draft. */
  static Phrase.Index index(LintContext c) {
    return c.memo(INDEX, x -> DRAFT_PHRASES.index(x.draft().text()));
  }

  /**
   * Runs {@code each} on every match of {@code p} in the new text (greeting, body, closing), in
   * order.
   */
  static void scan(LintContext c, Phrase p, Consumer<MatchResult> each) {
    Phrase.Index index = index(c);
    for (Segment s : c.draft().newText()) {
      p.each(index, s.start(), s.end(), each);
    }
  }

  /** Runs {@code each} on every match of {@code p} in the body only. */
  static void scanBody(LintContext c, Phrase p, Consumer<MatchResult> each) {
    Phrase.Index index = index(c);
    for (Segment s : c.draft().segments(SegmentKind.BODY)) {
      p.each(index, s.start(), s.end(), each);
    }
  }

  /** Returns the spans of every match of {@code p} in the new text. */
  static List<Span> matches(LintContext c, Phrase p) {
    List<Span> out = new ArrayList<>();
    scan(c, p, m -> out.add(Span.body(m.start(), m.end())));
    return out;
  }

  /** Returns whether the new text has a match of {@code p}. */
  static boolean mentions(LintContext c, Phrase p) {
    Phrase.Index index = index(c);
    for (Segment s : c.draft().newText()) {
      if (p.in(index, s.start(), s.end())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns where a point-like finding about the whole message should sit: the start of the body,
   * else of the text.
   */
  static Span bodyStart(LintContext c) {
    List<Segment> body = c.draft().segments(SegmentKind.BODY);
    if (!body.isEmpty()) {
      return Span.at(body.get(0).start());
    }
    List<Segment> mine = c.draft().newText();
    return Span.at(mine.isEmpty() ? 0 : mine.get(0).start());
  }

  /**
   * Returns the index in {@code prose().sentences()} of the sentence that holds {@code offset}, or
   * -1.
   */
  static int sentenceIndex(LintContext c, int offset) {
    List<Span> sentences = c.prose().sentences();
    int lo = 0;
    int hi = sentences.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Span s = sentences.get(mid);
      if (offset < s.start()) {
        hi = mid - 1;
      } else if (offset >= s.end()) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }
}
