package dev.rapport.lint;

import dev.rapport.draft.Draft;
import dev.rapport.draft.Drafts;
import dev.rapport.internal.phrase.Phrase;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds the requests a message makes: polite questions ("Would you have…", "Could I…", "May I…"),
 * softened requests ("I would be grateful if…", "I was wondering whether…") and imperatives
 * ("Please let me know…"). Each request is classified (a call, advice, an observership, a letter…)
 * and judged: is it bounded (a time box, a format, a purpose) and is it big (an observership, a
 * letter, a position, a research post)?
 *
 * <p>Only what the writer wrote now counts: quoted replies, forwarded messages and signatures are
 * left out, and so are courtesy formulas that ask for nothing ("Please let me know if you have any
 * questions", "May I take this opportunity to thank you", "I look forward to hearing from you").
 *
 * <p>The tracker uses {@link #asksSomething(String)} to decide whether a sent message expects an
 * answer; rules use {@link LintContext#asks()}. Stateless and thread-safe: every method is a pure
 * function of its arguments, and every pattern is linear (no nested quantifiers).
 */
public final class AskDetector {
  private AskDetector() {}

  /**
   * What a request is for, most weighty first: when a sentence asks for several things, the first
   * of these it names is its {@linkplain Ask#kind() kind}.
   */
  public enum Kind {
    /** A letter of recommendation or a reference. */
    LETTER,
    /** A position: residency spot, fellowship, job, research post. */
    POSITION,
    /** An observership, elective, externship, shadowing or other clinical exposure. */
    OBSERVERSHIP,
    /** Joining or helping with research: a project, a study, a lab. */
    RESEARCH,
    /** An introduction to, or permission to contact, someone else. */
    INTRODUCTION,
    /** A review of the writer's CV, personal statement, abstract or manuscript. */
    REVIEW,
    /** A meeting or call: minutes of someone's time, a video call, coffee at a conference. */
    MEETING,
    /** Advice, guidance, suggestions, career questions. */
    ADVICE,
    /** A concrete question: whether, which, when. */
    INFORMATION,
    /**
     * An offer phrased as a question ("Would you like me to send my CV?"): it expects an answer but
     * asks for nothing.
     */
    OFFER,
    /** A request the detector cannot place. */
    OTHER;

    /**
     * Returns whether granting it takes real commitment from a stranger: a letter, a position, an
     * observership, research.
     */
    public boolean isBig() {
      return this == LETTER || this == POSITION || this == OBSERVERSHIP || this == RESEARCH;
    }
  }

  /**
   * One request.
   *
   * @param span the sentence that makes it, in the text it was found in
   * @param kind what it is for (see {@link Kind} for the order of precedence)
   * @param kinds everything it asks for; topics it only asks about are not included
   * @param big whether it asks for something big (a letter, a position, an observership, research),
   *     as opposed to asking advice about such things
   * @param training whether it concerns a training position (observership, elective, residency or
   *     research position, fellowship…), as a request or as a topic
   * @param timeBox whether it is bounded in time: "15 minutes", "a brief call", "four weeks"
   * @param format whether it names a format: "a video call or email", "at the conference"
   * @param purpose whether it says what for: "to ask how you chose…", "for advice on…"
   */
  public record Ask(
      Span span,
      Kind kind,
      Set<Kind> kinds,
      boolean big,
      boolean training,
      boolean timeBox,
      boolean format,
      boolean purpose) {

    /** Validates the components. */
    public Ask {
      Objects.requireNonNull(span, "span");
      Objects.requireNonNull(kind, "kind");
      kinds = kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    /** Returns whether this asks for something, rather than offering something. */
    public boolean isRequest() {
      return kind != Kind.OFFER;
    }

    /**
     * Returns whether the request is bounded: a meeting needs a time box; advice, big asks and
     * unplaced requests need a time box, a format or a purpose; concrete questions, reviews,
     * introductions and offers are bounded by what they name.
     */
    public boolean bounded() {
      switch (kind) {
        case MEETING:
          return timeBox;
        case INFORMATION:
        case INTRODUCTION:
        case REVIEW:
        case OFFER:
          return true;
        default:
          return timeBox || format || purpose;
      }
    }
  }

  /**
   * Longer runs without a full stop are not sentences a reader parses as a request; they are not
   * searched.
   */
  static final int MAX_SENTENCE = 1_500;

  private static final String ADVERB =
      "(?:(?:also|so|very|really|truly|most|much|still|\\p{L}{1,20}ly)\\s+){0,2}";
  private static final String APOS = "['’]";

  /** Phrases that make a sentence a request. */
  private static final Phrase REQUEST =
      Phrase.of(
          String.join(
              "|",
              "\\b(?:would|could|can|will|might)\\s+you\\b",
              "\\b(?:could|can|may|might)\\s+i\\b",
              "\\b(?:could|can|may|might|shall)\\s+we\\b",
              "\\bwould\\s+it\\s+be\\s+(?:possible|appropriate|ok(?:ay)?|all\\s?right|alright|acceptable|convenient)\\b",
              "\\bis\\s+it\\s+(?:possible|appropriate|ok(?:ay)?)\\b",
              "\\bwould\\s+there\\s+be\\b",
              // "I would be grateful if…", "… for 15 minutes", "… to learn"; "I will be very
              // thankful." alone is courtesy
              "\\bi(?:\\s+would|"
                  + APOS
                  + "d|\\s+will|\\s+shall)\\s+"
                  + ADVERB
                  + "be\\s+"
                  + ADVERB
                  + "(?:grateful|thankful|obliged|indebted|honou?red)\\s+(?:if|for|to)\\b",
              "\\bi(?:\\s+would|"
                  + APOS
                  + "d)\\s+"
                  + ADVERB
                  + "be\\s+"
                  + ADVERB
                  + "(?:glad|happy|delighted|pleased)\\s+(?:if|for)\\b",
              "\\bi(?:\\s+would|" + APOS + "d|\\s+will|\\s+shall)\\s+" + ADVERB + "appreciate\\b",
              "\\bi(?:\\s+would|"
                  + APOS
                  + "d)\\s+"
                  + ADVERB
                  + "(?:like|love|wish|want)\\s+to\\s+(?:ask|request|know|learn|hear|meet|talk|speak|discuss|inquire|enquire|seek"
                  + "|find\\s+out|schedule|arrange|set\\s+up|connect|get\\s+your|join|observe|shadow|volunteer|apply|contribute"
                  + "|explore|visit|invite)\\b",
              "\\bi(?:\\s+am|"
                  + APOS
                  + "m|\\s+was)\\s+"
                  + ADVERB
                  + "(?:wondering|curious)\\s+(?:if|whether|about|how|what|which)\\b",
              "\\bi(?:\\s+am|"
                  + APOS
                  + "m|\\s+was)\\s+hoping\\s+(?:you|that\\s+you|to\\s+(?:ask|learn\\s+from\\s+you|speak|meet|talk"
                  + "|hear|get\\s+your|discuss|arrange|schedule))\\b",
              "\\b(?:i\\s+am|i"
                  + APOS
                  + "m|i)\\s+writ(?:e|ing)\\s+to\\s+(?:ask|request|inquire|enquire|seek|see\\s+(?:if|whether)"
                  + "|find\\s+out|explore|apply)\\b",
              "\\b(?:i|we)\\s+" + ADVERB + "request(?:\\s|$)",
              "\\brequesting\\s+(?:you|your|a|an|the|for|that|if|whether|some|permission)\\b",
              "\\bmy\\s+(?:\\p{L}{1,12}\\s+)?request\\s+is\\b",
              "\\bplease\\s+(?:let\\s+me\\s+know|advise|tell|share|send|consider|confirm|suggest|recommend|guide|help"
                  + "|find\\s+(?:a\\s+)?time|reply|respond|write|forward|introduce|point|allow|give|grant|review|spare|provide"
                  + "|inform|look\\s+(?:at|over))\\b",
              "\\bkindly\\s+(?:let\\s+me\\s+know|advise|tell|share|send|consider|confirm|suggest|recommend|guide|help|reply"
                  + "|respond|grant|allow|permit|find\\s+(?:a\\s+)?time|look\\s+(?:at|over|into)|spare|provide|inform|review"
                  + "|revert|write|introduce|forward)\\b",
              "\\bdo\\s+the\\s+needful\\b",
              "\\blet\\s+me\\s+know\\s+(?:if|whether|what|when|which|how|your|a\\s+(?:time|day|date)|the\\s+best)\\b",
              "\\bdo\\s+you\\s+(?:have|know|think|offer|accept|sponsor|take|recommend|see|mind|happen|foresee|host|work\\s+with)\\b",
              "\\bdoes\\s+(?:your|the)\\s+(?:program(?:me)?|department|team|lab|group|clinic|institution|hospital|division"
                  + "|residency|service)\\b",
              "\\bany\\s+(?:advice|guidance|suggestions?|insights?|tips|pointers|thoughts|feedback|direction)\\s+"
                  + "(?:you|would|on|about|regarding|will)\\b",
              "\\b(?:advice|guidance|suggestions?|insights?|feedback|thoughts|help)\\s+(?:would|will)\\s+be\\s+"
                  + ADVERB
                  + "(?:appreciated|welcome|valuable|helpful|invaluable)\\b",
              "\\blook(?:ing)?\\s+forward\\s+to\\s+(?:your|hearing\\s+your)\\s+(?:feedback|comments|thoughts|advice|suggestions"
                  + "|guidance|decision|answer)\\b",
              "\\b(?:i\\s+am|i"
                  + APOS
                  + "m)\\s+(?:currently\\s+)?(?:seeking|looking\\s+for|searching\\s+for)\\b",
              "\\bif\\s+you\\s+(?:could|would|can|might)\\s+"
                  + ADVERB
                  + "(?:spare|share|advise|tell|send|give|offer|consider|help|guide|suggest|recommend|let|introduce|point"
                  + "|find|review|look)\\b"));

  /** Offers and courtesy formulas: a request match inside one of these does not count. */
  private static final Phrase COURTESY =
      Phrase.of(
          String.join(
              "|",
              "\\b(?:(?:please|kindly)\\s+)?(?:do\\s+)?let\\s+me\\s+know\\s+if\\s+(?:you\\s+)?(?:have|need|want|would\\s+like|"
                  + "you"
                  + APOS
                  + "d\\s+like|require|wish|prefer|there\\s+is\\s+anything|i\\s+can)\\b",
              "\\bif\\s+you\\s+have\\s+any\\s+(?:questions|concerns)\\b",
              "\\bfeel\\s+free\\b",
              "\\b(?:do\\s+not|don" + APOS + "t)\\s+hesitate\\b",
              "\\bmay\\s+i\\s+(?:take\\s+this\\s+opportunity|introduce\\s+myself|begin|start|also\\s+(?:thank|say|add|mention))\\b",
              "\\bi\\s+(?:would|"
                  + APOS
                  + "d)\\s+(?:like|love)\\s+to\\s+(?:share|update|thank|let\\s+you\\s+know|inform)\\b"));

  /** An offer phrased as a question: it expects an answer but asks nothing of the reader's time. */
  private static final Phrase OFFER =
      Phrase.of(
          "\\b(?:would|do)\\s+you\\s+(?:like|want|prefer)\\s+me\\s+to\\b|\\bshall\\s+i\\b|\\bshould\\s+i\\s+(?:send|share|attach|forward)\\b");

  /** Questions that are small talk. */
  private static final Pattern PHATIC =
      Pattern.compile(
          "^\\W{0,3}(?:and\\s+)?(?:how\\s+are\\s+you(?:\\s+doing)?|how\\s+have\\s+you\\s+been|how\\s+are\\s+things|how\\s+is\\s+everything"
              + "|(?:i\\s+)?hope\\s+(?:you\\s+are|you"
              + APOS
              + "re|all\\s+is|this\\s+(?:email|message|note)\\s+finds\\s+you)\\b[^?]{0,60})"
              + "\\W{0,6}$",
          Pattern.CASE_INSENSITIVE);

  private static final Phrase LETTER =
      Phrase.of(
          "\\bletters?\\s+of\\s+(?:recommendation|support|reference)\\b|\\b(?:recommendation|reference|support)\\s+letters?\\b"
              + "|\\bLORs?\\b|\\bwrite\\s+(?:me\\s+)?a\\s+(?:strong\\s+)?letter\\b|\\brecommend\\s+me\\b"
              + "|\\bwrit(?:e|ing)\\s+(?:me\\s+)?an?\\s+(?:(?:strong|supportive|short|brief|favou?rable|good)\\s+)?letter"
              + "\\s+(?:for\\s+me|on\\s+my\\s+behalf|on\\s+behalf\\s+of\\s+me|in\\s+support\\s+of\\s+(?:me|my))\\b"
              + "|\\b(?:serve|act)\\s+as\\s+(?:a\\s+|my\\s+)?(?:reference|referee|letter\\s+writer)\\b"
              + "|\\bbe\\s+(?:a\\s+|my\\s+)?(?:reference|referee)\\b");
  private static final Phrase POSITION =
      Phrase.of(
          // "a position", "research positions", "a position in your lab"; not "the position of the
          // elbow"
          // nor "I am in a similar position" or "if you are in a position to": a situation, not a
          // post
          "(?<!\\b(?:am|are|is|be|been|was|were|being|I'm|we're|you're)\\s{1,2}in\\s{1,2})"
              + "\\b(?:an?|any|open|available|vacant|research|residency|resident|training|clinical|volunteer|paid|unpaid|staff|faculty"
              + "|fellow|fellowship|physician|assistant|observer|observership|PGY-?\\d|prelim|preliminary|categorical|advanced"
              + "|some|such|suitable)\\s+positions?\\b(?!\\s+(?:on|about|regarding|that|statement|to\\b))"
              + "|\\bpositions?\\s+(?:in|at|with|within|on)\\s+(?:your|the)\\s+(?:lab|team|group|department|program|residency|clinic|unit)\\b"
              + "|\\bjobs?\\b|\\bvacanc(?:y|ies)\\b|\\bopenings?\\b"
              + "|\\bpost\\b(?![-\u2010\u2011])|\\b(?:a|any|your)\\s+fellowship\\s+(?:spots?|slots?|places?)\\b|\\bprelim(?:inary)?\\s+(?:year|positions?|spots?)\\b|\\bhir(?:e|ing)\\b"
              + "|\\bemployment\\b|\\bresidency\\s+(?:spots?|slots?|positions?|seats?)\\b"
              + "|\\b(?:join|match\\s+(?:into|at|with))\\s+your\\s+(?:residency|program(?:me)?)\\b"
              + "|\\bconsider\\s+(?:me|my\\s+(?:application|candidacy))\\b|\\bopportunit(?:y|ies)\\s+to\\s+(?:work|train)\\b");
  private static final Phrase OBSERVERSHIP =
      Phrase.of(
          "\\bobservers?hips?\\b|\\bobserv(?:e|ing)\\s+(?:in\\s+|at\\s+)?(?:your|the)\\s+(?:clinics?|practice|team|rounds|service"
              + "|department|outpatient|inpatient|unit|ward|hospital)\\b|\\bshadow(?:ing)?\\b|\\belectives?\\b|\\bexternships?\\b"
              + "|\\bclerkships?\\b|\\b(?:clinical\\s+)?rotations?\\b|\\bvisiting\\s+(?:student|scholar|physician)\\b"
              + "|\\bhands[-\\s]on\\s+(?:clinical\\s+)?experience\\b|\\bclinical\\s+experience\\s+(?:in|at|with)\\s+your\\b|\\bUSCE\\b");
  private static final Phrase RESEARCH =
      Phrase.of(
          // "your research team" is theirs, a topic; "join your research team" is caught below
          "(?<!\\byour\\s)\\bresearch\\s+(?:positions?|posts?|opportunit(?:y|ies)|roles?|assistant(?:ship)?s?|involvement"
              + "|experience|collaborations?|internships?|projects?|team|group|lab)\\b"
              + "|\\b(?:join|volunteer\\s+(?:for|with|in|on)|work\\s+(?:with\\s+you\\s+)?on|assist(?:ing)?\\s+(?:with|in|on)"
              + "|help(?:ing)?\\s+(?:with|on)|contribut(?:e|ing)\\s+to|participat(?:e|ing)\\s+in|involved\\s+in|involvement\\s+in)\\s+"
              + "(?:your\\s+|an?\\s+|any\\s+|the\\s+)?(?:ongoing\\s+|current\\s+|remote\\s+|future\\s+)?(?:research|lab|projects?"
              + "|stud(?:y|ies)|trials?|team|group|literature\\s+reviews?|data|chart\\s+reviews?|case\\s+reports?|manuscripts?)\\b"
              + "|\\bremote\\s+research\\b|\\bco-?author");
  private static final Phrase INTRODUCTION =
      Phrase.of(
          "\\bintroduc(?:e|tion)\\s+(?:me|to)\\b|\\bconnect\\s+me\\b|\\bput\\s+me\\s+in\\s+(?:touch|contact)\\b|\\brefer\\s+me\\b"
              + "|\\bforward\\s+my\\s+(?:email|message|cv|details|application)\\b"
              + "|\\b(?:contact|reach\\s+out\\s+to|write\\s+to|email)\\s+(?:dr\\b|prof\\b|professor\\b|your\\s+colleague)"
              + "|\\bnames?\\s+of\\s+(?:a|any|the|one|some)\\s+(?:\\p{L}{1,12}\\s+)?(?:colleagues?|persons?|people|faculty|mentors?"
              + "|physiatrists?|researchers?)\\b|\\bwho\\s+(?:i\\s+)?(?:should|could|might|may)\\s+(?:i\\s+)?(?:contact|write\\s+to"
              + "|approach|reach\\s+out\\s+to)\\b");
  private static final Phrase REVIEW =
      Phrase.of(
          "\\b(?:review|look\\s+(?:at|over)|read|comment\\s+on|feedback\\s+on|comments\\s+on|critique|go\\s+over|glance\\s+at)\\s+"
              + "(?:my|the\\s+(?:attached|enclosed)|a\\s+draft\\s+of\\s+my)\\s+(?:\\p{L}{1,20}\\s+)?(?:cv|resume|résumé|personal\\s+statement"
              + "|statement|abstract|draft|manuscript|application|poster|essay|paper)\\b");
  private static final Phrase MEETING =
      Phrase.of(
          "\\b\\d{1,3}\\s?(?:[-–]|to|or)?\\s?\\d{0,3}[\\s-]?min(?:ute)?s?\\b|\\bhalf\\s+an\\s+hour\\b|\\ban\\s+hour\\b"
              + "|\\bcalls?\\b|\\bzoom\\b|\\bmeet(?:ing)?\\b|\\bchat\\b|\\b(?:talk|speak)\\s+(?:with|to)\\s+you\\b|\\bconversation\\b"
              + "|\\bcoffee\\b|\\byour\\s+time\\b|\\bin\\s+person\\b|\\bat\\s+the\\s+(?:conference|assembly|annual\\s+meeting)\\b"
              + "|\\b(?:could|can|may|might|shall)\\s+we\\s+(?:talk|speak|chat|connect|discuss|meet)\\b"
              + "|\\b(?:few|couple\\s+of)\\s+minutes\\b");
  private static final Phrase ADVICE =
      Phrase.of(
          "\\badvi[cs]e\\b|\\bguid(?:e|ance)\\b|\\bsuggest(?:ions?)?\\b|\\brecommend(?:ations?)?\\b|\\binsights?\\b|\\btips\\b"
              + "|\\bpointers\\b|\\bmentor(?:ship|ing)?\\b|\\bthoughts\\b|\\bperspectives?\\b|\\bopinions?\\b|\\bcareer\\b"
              + "|\\bhow\\s+(?:to|can|should|could|do|did|would|one|an?|i|you)\\b|\\bprepar(?:e|ation|ing)\\b"
              + "|\\blearn\\s+(?:about|from|how|more)\\b|\\bquestions?\\b|\\bfeedback\\b");
  private static final Phrase INFORMATION =
      Phrase.of(
          "\\bwhether\\b|\\bif\\s+(?:your|the|there|it)\\b|\\bwhich\\b|\\bwhat\\b|\\bwhen\\b|\\bwhere\\b|\\bwho\\b");

  /** Words that make a later big term the topic of a question, not the thing asked for. */
  private static final Phrase TOPIC =
      Phrase.of(
          "\\badvi[cs]e\\b|\\bguidance\\b|\\bsuggestions?\\b|\\btips\\b|\\bhow\\b|\\bwhat\\s+(?:steps|path|would\\s+you)\\b"
              + "|\\bprepar|\\bnot\\s+(?:asking|requesting|looking|seeking)\\b|\\bquestions?\\s+(?:about|on|regarding)\\b"
              + "|\\binsights?\\b|\\bperspective\\b|\\bexperiences?\\s+(?:with|of)\\b"
              + "|\\b(?:hear|learn|know|read)\\s+(?:more\\s+)?about\\b"
              // A mentor asked for an opinion on a path: "in your experience, is a US observership
              // really necessary", "would you put the next six months into an observership or…",
              // "do you think one observership is enough" (but "do you think you could…" asks).
              + "|\\bin\\s+your\\s+(?:\\p{L}+\\s+)?(?:experience|opinion|view|judge?ment)\\b"
              + "|\\bdo\\s+you\\s+think\\s+(?!(?:you|i|it\\s+(?:would|might|could|will)\\s+be\\s+possible|there)\\b)"
              + "|\\bwould\\s+you\\s+(?:put|spend|invest|prioriti[sz]e|focus|choose|pick|go\\s+for|advise|recommend(?!\\s+me\\b))\\b"
              + "|\\b(?:is|would)\\s+it\\s+(?:be\\s+)?(?:better|wiser|wise|worth|necessary|realistic|advisable|essential)\\b"
              + "|\\bshould\\s+i\\s+(?:(?:first|still|rather)\\s+)?(?:do|take|pursue|spend|prioriti[sz]e|focus|aim|wait|invest"
              + "|consider)\\b|\\bworth\\b"
              // Leave to mention them to someone else: "May I mention your name when I write to Dr.
              // Ortiz about the remote research scheme you described?"
              + "|\\bmention\\s+your\\s+name\\b|\\bwhen\\s+i\\s+(?:write\\s+to|reach\\s+out\\s+to|contact|email)\\b");

  private static final Phrase TRAINING =
      Phrase.of(
          "\\bobservers?hips?\\b|\\belectives?\\b|\\bexternships?\\b|\\bclerkships?\\b|\\b(?:clinical\\s+)?rotations?\\b"
              + "|\\bfellowships?\\b|\\bresidency\\s+(?:positions?|spots?|slots?|seats?)\\b"
              + "|\\bresearch\\s+(?:positions?|posts?|roles?|assistant(?:ship)?s?|internships?|fellow(?:ship)?s?|jobs?|scholars?"
              + "|associates?)\\b|\\bjoin\\s+your\\s+(?:team|lab|group|department)\\s+as\\b"
              + "|\\b(?:training|clinical|paid|postdoc(?:toral)?)\\s+(?:positions?|posts?)\\b"
              + "|\\bjoin\\s+your\\s+(?:residency|program(?:me)?)\\b|\\bvisiting\\s+(?:student|scholar|physician)\\b"
              + "|\\bshadow(?:ing)?\\b|\\bhands[-\\s]on\\b|\\bUSCE\\b|\\bpositions?\\b(?!\\s+(?:on|about|regarding|that|statement))");

  private static final Phrase TIME_BOX =
      Phrase.of(
          "\\b\\d{1,3}\\s?(?:[-–]|to|or)?\\s?\\d{0,3}[\\s-]?min(?:ute)?s?\\b|\\bhalf\\s+an\\s+hour\\b|\\b(?:an|one)\\s+hour\\b"
              + "|\\b(?:few|couple\\s+of)\\s+minutes\\b|\\b(?:five|ten|fifteen|twenty|thirty)(?:[-\\s](?:to|or)[-\\s]"
              + "(?:ten|fifteen|twenty|thirty))?[-\\s]min(?:ute)?s?\\b"
              + "|\\b(?:brief|short|quick)\\s+(?:\\p{L}{1,12}\\s+)?(?:call|chat|meeting|conversation|exchange|reply|question)s?\\b"
              + "|\\b\\d{1,2}\\s?(?:[-–]|to)?\\s?\\d{0,2}[\\s-]?(?:weeks?|days?|months?)\\b"
              + "|\\b(?:one|two|three|four|six|eight)[-\\s](?:weeks?|months?)\\b");
  private static final Phrase FORMAT =
      Phrase.of(
          "\\b(?:video|phone|zoom|teams|skype|virtual|online|telephone|remote(?:ly)?|written)\\b|\\bcall\\b"
              + "|\\b(?:by|over|via|through)\\s+(?:e-?mail|phone|zoom|video)\\b|\\bor\\s+(?:by\\s+)?e-?mail\\b|\\be-?mail\\s+or\\b"
              + "|\\bin\\s+person\\b|\\bat\\s+the\\s+(?:conference|assembly|annual\\s+meeting|meeting|poster|session)\\b|\\bcoffee\\b");
  private static final Phrase PURPOSE =
      Phrase.of(
          "\\bto\\s+(?:ask|discuss|learn|hear|understand|get\\s+your|seek|talk\\s+about|review|go\\s+over|better\\s+understand"
              + "|explore|know\\s+(?:about|how|more)|share)\\b"
              + "|\\babout\\s+(?:how|your|the|whether|what|which|my|applying|preparing|building|choosing)\\b"
              + "|\\bfor\\s+(?:(?:your\\s+)?(?:advice|guidance|perspective|thoughts|insights?|feedback)\\s+(?:on|about|regarding)"
              + "|career\\s+advice)\\b"
              + "|\\bregarding\\b|\\bon\\s+(?:how|whether|what|which|my|your|the|preparing|applying)\\b"
              + "|\\bso\\s+(?:that\\s+)?i\\s+(?:can|could|may|might)\\b|\\bquestions?\\s+(?:about|on|regarding)\\b|\\bin\\s+order\\s+to\\b");

  /** The phrases searched in each sentence, looked for together. */
  private static final Phrase.Group SENTENCE_PHRASES =
      Phrase.Group.of(
          OFFER,
          REQUEST,
          COURTESY,
          TOPIC,
          LETTER,
          POSITION,
          OBSERVERSHIP,
          RESEARCH,
          INTRODUCTION,
          REVIEW,
          MEETING,
          ADVICE,
          INFORMATION,
          TRAINING);

  /** The phrases searched in a request with its neighbours. */
  private static final Phrase.Group CONTEXT_PHRASES = Phrase.Group.of(TIME_BOX, FORMAT, PURPOSE);

  /**
   * Returns whether a message asks its reader for something, and so expects an answer. "Could you
   * tell me whether…" asks; "Thank you, I will keep you posted" and "Let me know if you have any
   * questions" do not. Quoted replies ({@code >} lines, "On … wrote:"), forwarded messages and
   * signatures are ignored; HTML is read as its visible text.
   *
   * @param text the message body, or its first few kilobytes; plain text or HTML
   */
  public static boolean asksSomething(String text) {
    return !find(text).isEmpty();
  }

  /**
   * Returns the requests in a message body, in order; spans index the text of the draft the body is
   * read as ({@link Drafts#parseText} or, for HTML, {@link Drafts#parseHtml}).
   *
   * @param text the message body; plain text or HTML
   */
  public static List<Ask> find(String text) {
    Objects.requireNonNull(text, "text");
    Draft draft = looksLikeHtml(text) ? Drafts.parseHtml(text) : Drafts.parseText(text);
    return find(draft);
  }

  /**
   * Returns the requests in what the writer of a draft wrote now (its body), in order; spans index
   * {@link Draft#text()}.
   */
  public static List<Ask> find(Draft draft) {
    Objects.requireNonNull(draft, "draft");
    return find(draft.text(), new Prose(draft).sentences());
  }

  static List<Ask> find(String text, List<Span> sentences) {
    List<Ask> out = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      Span s = sentences.get(i);
      if (s.length() > MAX_SENTENCE) {
        continue;
      }
      String sentence = text.substring(s.start(), s.end());
      int index = i;
      Ask a = classify(sentence, s, () -> around(text, sentences, index));
      if (a != null) {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  /**
   * Classifies one sentence, or returns {@code null} if it asks nothing.
   *
   * @param around the sentence with its neighbours, which often carry the time box or the purpose
   *     ("Would you have 15 minutes? I would like to ask…")
   */
  private static @Nullable Ask classify(String text, Span span, Supplier<String> around) {
    // The sentence's words are found once for all the phrases searched in it.
    Phrase.Index sentence = SENTENCE_PHRASES.index(text);
    boolean question = endsWithQuestionMark(text);
    if (question && PHATIC.matcher(text).find()) {
      return null;
    }
    int offerAt = OFFER.indexIn(sentence);
    if (offerAt < 0 && !question && !hasRequest(sentence, -1)) {
      return null;
    }
    if (offerAt >= 0 && !hasRequest(sentence, offerAt)) {
      return new Ask(span, Kind.OFFER, EnumSet.of(Kind.OFFER), false, false, false, false, false);
    }
    int topicAt = TOPIC.indexIn(sentence);
    EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
    boolean big = false;
    big |= add(kinds, Kind.LETTER, LETTER, sentence, topicAt);
    big |= add(kinds, Kind.POSITION, POSITION, sentence, topicAt);
    big |= add(kinds, Kind.OBSERVERSHIP, OBSERVERSHIP, sentence, topicAt);
    big |= add(kinds, Kind.RESEARCH, RESEARCH, sentence, topicAt);
    add(kinds, Kind.INTRODUCTION, INTRODUCTION, sentence, -1);
    add(kinds, Kind.REVIEW, REVIEW, sentence, -1);
    add(kinds, Kind.MEETING, MEETING, sentence, -1);
    add(kinds, Kind.ADVICE, ADVICE, sentence, -1);
    if (kinds.isEmpty() && (question || INFORMATION.in(sentence))) {
      kinds.add(Kind.INFORMATION);
    }
    Kind kind = kinds.isEmpty() ? Kind.OTHER : kinds.iterator().next();
    boolean training = TRAINING.in(sentence);
    Phrase.Index context = CONTEXT_PHRASES.index(around.get());
    boolean timeBox = TIME_BOX.in(context);
    boolean format = FORMAT.in(context);
    boolean purpose = PURPOSE.in(context);
    return new Ask(span, kind, kinds, big, training, timeBox, format, purpose);
  }

  /**
   * Returns what a sentence or clause names as the thing asked for, whether or not it is phrased as
   * a request: "and also your feedback on my abstract" names a review. Big kinds named only as the
   * topic of advice ("advice on how to find observerships") are not included.
   */
  public static Set<Kind> kindsNamed(String text) {
    Objects.requireNonNull(text, "text");
    Phrase.Index sentence = SENTENCE_PHRASES.index(text);
    int topicAt = TOPIC.indexIn(sentence);
    EnumSet<Kind> kinds = EnumSet.noneOf(Kind.class);
    add(kinds, Kind.LETTER, LETTER, sentence, topicAt);
    add(kinds, Kind.POSITION, POSITION, sentence, topicAt);
    add(kinds, Kind.OBSERVERSHIP, OBSERVERSHIP, sentence, topicAt);
    add(kinds, Kind.RESEARCH, RESEARCH, sentence, topicAt);
    add(kinds, Kind.INTRODUCTION, INTRODUCTION, sentence, -1);
    add(kinds, Kind.REVIEW, REVIEW, sentence, -1);
    add(kinds, Kind.MEETING, MEETING, sentence, -1);
    add(kinds, Kind.ADVICE, ADVICE, sentence, -1);
    return kinds.isEmpty() ? Set.of() : Collections.unmodifiableSet(kinds);
  }

  /** Returns the weightiest thing a sentence names as asked for ({@link #kindsNamed}), if any. */
  public static Optional<Kind> mainKind(String text) {
    Set<Kind> k = kindsNamed(text);
    return k.isEmpty() ? Optional.empty() : Optional.of(k.iterator().next());
  }

  /**
   * Returns sentence {@code i} with the sentences before and after it, when they are of a readable
   * length.
   */
  private static String around(String text, List<Span> sentences, int i) {
    StringBuilder sb = new StringBuilder();
    for (int j = Math.max(0, i - 1); j <= Math.min(sentences.size() - 1, i + 1); j++) {
      Span s = sentences.get(j);
      if (s.length() <= MAX_SENTENCE) {
        sb.append(text, s.start(), s.end()).append(' ');
      }
    }
    return sb.toString();
  }

  /**
   * Adds {@code kind} if its phrase occurs and, for big kinds, is not only the topic of a question;
   * returns whether it was added as big.
   */
  private static boolean add(
      EnumSet<Kind> kinds, Kind kind, Phrase p, Phrase.Index sentence, int topicAt) {
    int at = p.indexIn(sentence);
    if (at < 0) {
      return false;
    }
    if (kind.isBig() && topicAt >= 0 && topicAt < at) {
      return false; // "advice on how to find observerships" asks for advice, not an observership
    }
    kinds.add(kind);
    return kind.isBig();
  }

  /**
   * Returns whether the sentence makes a request that is neither a courtesy formula nor, if {@code
   * offerAt >= 0}, the offer starting there ("Would you like me to…").
   */
  private static boolean hasRequest(Phrase.Index sentence, int offerAt) {
    int length = sentence.text().length();
    List<MatchResult> requests = REQUEST.all(sentence, 0, length);
    if (requests.isEmpty()) {
      return false;
    }
    List<MatchResult> courtesies = COURTESY.all(sentence, 0, length);
    for (MatchResult r : requests) {
      boolean inside = r.start() == offerAt;
      for (MatchResult c : courtesies) {
        inside |= r.start() >= c.start() && r.start() < c.end();
      }
      if (!inside) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWithQuestionMark(String s) {
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if (c == '?') {
        return true;
      }
      if ("\"'”’)] \t\n".indexOf(c) < 0) {
        return false;
      }
    }
    return false;
  }

  private static boolean looksLikeHtml(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i >= text.length() || text.charAt(i) != '<') {
      return false;
    }
    String head =
        text.substring(i, Math.min(text.length(), i + 15)).toLowerCase(java.util.Locale.ROOT);
    return head.startsWith("<!doctype html")
        || head.startsWith("<html")
        || head.startsWith("<body")
        || head.startsWith("<div")
        || head.startsWith("<p")
        || head.startsWith("<br")
        || head.startsWith("<span")
        || head.startsWith("<meta")
        || head.startsWith("<head")
        || head.startsWith("<table")
        || head.startsWith("<blockquote");
  }
}
