package dev.rapport.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.rapport.draft.Draft;
import dev.rapport.draft.DraftException;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Dimension;
import dev.rapport.lint.Finding;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Rule;
import dev.rapport.lint.Severity;
import dev.rapport.lint.Span;
import dev.rapport.lint.testing.RuleExamples;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules written in the configuration: [[checks.flag]], [[checks.require]], [[checks.substitute]].
 */
class ConfigChecksTest {

  private static final String CHECKS =
      """
      [[checks.flag]]
      id = "NO_SIR_MADAM"
      phrases = ["dear sir or madam", "to whom it may concern"]
      message = "\u201c{phrase}\u201d tells a professor this went to many people."
      suggestion = "Greet them by name."
      dimension = "personalization"
      severity = "error"
      deduction = 15

      [[checks.require]]
      id = "PROGRAM_IN_SUBJECT"
      phrases = ["observership", "PM&R"]
      in = "subject"
      when = { recipient = ["gme.example.edu", "pat@rehab.example.org"], draftContains = ["observership"] }
      message = "Name the program in the subject: coordinators sort mail by it."

      [[checks.substitute]]
      id = "PLAIN_WORDS"
      swap = { utilize = "use", "in order to" = "to", "don't" = "do not" }
      severity = "info"
      dimension = "brevity"
      """;

  private static Draft draft(String message) throws DraftException {
    return Drafts.parse(message.getBytes(StandardCharsets.UTF_8), "test", null);
  }

  private static List<Finding> lint(String toml, String message) throws Exception {
    Linter linter = RapportConfig.parse(toml, "test.toml").linter().withoutBuiltIns().build();
    return linter.lint(draft(message)).findings();
  }

  private static List<Finding> of(List<Finding> findings, String rule) {
    return findings.stream().filter(f -> f.rule().equals(rule)).toList();
  }

  private static String text(Draft d, Finding f) {
    String s = f.span().field() == Span.Field.SUBJECT ? d.subject() : d.text();
    return s.substring(f.span().start(), f.span().end());
  }

  private static ConfigException error(String toml) {
    return assertThrows(ConfigException.class, () -> RapportConfig.parse(toml, "test.toml"));
  }

  // --- flag ---

  @Test
  void aFlaggedPhraseIsFoundWhateverItsCaseAndLineBreaks() throws Exception {
    String msg =
        "Subject: Question\n\nTo Whom It May\nConcern,\n\nI would like to ask a question.\n\nBest,\nAna";
    Draft d = draft(msg);
    List<Finding> found = of(lint(CHECKS, msg), "CONFIG.NO_SIR_MADAM");
    assertEquals(1, found.size());
    Finding f = found.get(0);
    assertEquals("To Whom It May\nConcern", text(d, f));
    assertEquals(
        "\u201cTo Whom It May\nConcern\u201d tells a professor this went to many people.",
        f.message());
    assertEquals("Greet them by name.", f.suggestion());
    assertEquals(Severity.ERROR, f.severity());
    assertEquals(Dimension.PERSONALIZATION, f.dimension());
    assertEquals(15, f.deduction());
  }

  @Test
  void aFlaggedPhraseMatchesOnlyWholeWords() throws Exception {
    String toml = "[[checks.flag]]\nid = \"ASAP\"\nphrases = [\"asap\", \"urgent\"]\n";
    assertEquals(
        0,
        lint(toml, "Subject: Hi\n\nHello,\n\nThe asaparagus is not urgently needed.\n\nAna")
            .size());
    assertEquals(
        2, lint(toml, "Subject: Hi\n\nHello,\n\nPlease reply ASAP, it is urgent!\n\nAna").size());
  }

  @Test
  void quotedRepliesAndSignaturesAreNotTheWritersWords() throws Exception {
    String toml = "[[checks.flag]]\nid = \"ASAP\"\nphrases = [\"asap\"]\n";
    String msg =
        "Subject: Re: Visit\n\nDear Dr. Lee,\n\nThank you, I will send it today.\n\nBest,\nAna\n\n"
            + "On Mon, Dr. Lee wrote:\n> Please send your CV asap.\n";
    assertEquals(List.of(), lint(toml, msg));
  }

  @Test
  void aFlagCanLookAtTheSubjectOnly() throws Exception {
    String toml =
        "[[checks.flag]]\nid = \"HELLO_SUBJECT\"\nphrases = [\"hello\"]\nin = \"subject\"\n";
    String msg = "Subject: Hello\n\nHello,\n\nA question about your stroke clinic.\n\nAna";
    List<Finding> found = lint(toml, msg);
    assertEquals(1, found.size());
    assertEquals(Span.subject(0, 5), found.get(0).span());
  }

  @Test
  void straightAndCurlyApostrophesMatchEachOther() throws Exception {
    String toml = "[[checks.flag]]\nid = \"DONT\"\nphrases = [\"don't hesitate\"]\n";
    assertEquals(
        1,
        lint(toml, "Subject: Hi\n\nHello,\n\nPlease don\u2019t hesitate to say no.\n\nAna").size());
  }

  @Test
  void regexSyntaxInAPhraseIsPlainText() throws Exception {
    String toml =
        "[[checks.flag]]\nid = \"LITERAL\"\nphrases = [\"(a+)+$\", \"c.v\", \"\\\\E.*\"]\n";
    assertEquals(
        0, lint(toml, "Subject: Hi\n\nHello,\n\naaaa my cov and cxv, everything.\n\nAna").size());
    assertEquals(
        3, lint(toml, "Subject: Hi\n\nHello,\n\nSee (a+)+$ and c.v and \\E.* here.\n\nAna").size());
  }

  // --- substitute ---

  @Test
  void aSubstitutionSuggestsTheReplacementInTheSameCase() throws Exception {
    String msg =
        "Subject: Hi\n\nHello,\n\nUtilize it in order to learn; I don't know. UTILIZE!\n\nAna";
    List<Finding> found = of(lint(CHECKS, msg), "CONFIG.PLAIN_WORDS");
    assertEquals(
        List.of(
            "Prefer \u201cUse\u201d to \u201cUtilize\u201d.",
            "Prefer \u201cto\u201d to \u201cin order to\u201d.",
            "Prefer \u201cdo not\u201d to \u201cdon't\u201d.",
            "Prefer \u201cUSE\u201d to \u201cUTILIZE\u201d."),
        found.stream().map(Finding::message).toList());
    assertEquals("Write \u201cUse\u201d.", found.get(0).suggestion());
    assertEquals(Severity.INFO, found.get(0).severity());
    assertEquals(Dimension.BREVITY, found.get(0).dimension());
  }

  // --- require ---

  private static final String TO_COORDINATOR = "To: Pat Reyes <gme@med.gme.example.edu>\n";

  @Test
  void aRequiredPhraseMissingWhenTheConditionHoldsIsFlaggedOnTheSubject() throws Exception {
    String msg =
        TO_COORDINATOR
            + "Subject: A question\n\nDear Ms. Reyes,\n\nI am asking about an observership.\n\nAna";
    List<Finding> found = of(lint(CHECKS, msg), "CONFIG.PROGRAM_IN_SUBJECT");
    assertEquals(1, found.size());
    assertEquals(Span.subject(0, "A question".length()), found.get(0).span());
    assertEquals(
        "Name the program in the subject: coordinators sort mail by it.", found.get(0).message());
    assertEquals("Add \u201cobservership\u201d to the subject.", found.get(0).suggestion());
  }

  @Test
  void aRequiredPhraseInItsPlaceSatisfiesTheRule() throws Exception {
    String msg =
        TO_COORDINATOR
            + "Subject: PM&R observership question\n\nDear Ms. Reyes,\n\nI am asking about an observership.\n\nAna";
    assertEquals(List.of(), of(lint(CHECKS, msg), "CONFIG.PROGRAM_IN_SUBJECT"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "To: someone@example.com\n", // another domain
        "To: gme@notgme.example.edu\n", // a domain that only ends like it
        "To: sam@rehab.example.org\n", // an address on the right domain, but not the one named
      })
  void aRequirementDoesNotApplyToOtherRecipients(String to) throws Exception {
    String msg = to + "Subject: A question\n\nHello,\n\nI am asking about an observership.\n\nAna";
    assertEquals(List.of(), of(lint(CHECKS, msg), "CONFIG.PROGRAM_IN_SUBJECT"));
  }

  @Test
  void aRequirementAppliesToANamedAddressAndToCopiedRecipients() throws Exception {
    String msg =
        "To: x@example.com\nCc: PAT@rehab.example.org\nSubject: A question\n\nHello,\n\nI am asking about an observership.\n\nAna";
    assertEquals(1, of(lint(CHECKS, msg), "CONFIG.PROGRAM_IN_SUBJECT").size());
  }

  @Test
  void aRequirementDoesNotApplyWhenTheDraftLacksTheWords() throws Exception {
    String msg =
        TO_COORDINATOR + "Subject: A question\n\nHello,\n\nI am asking about research.\n\nAna";
    assertEquals(List.of(), of(lint(CHECKS, msg), "CONFIG.PROGRAM_IN_SUBJECT"));
  }

  @Test
  void aRequirementCanDependOnTheSubjectAndLookInTheBody() throws Exception {
    String toml =
        """
        [[checks.require]]
        id = "VISA_WHEN_OBSERVING"
        phrases = ["J-1", "H-1B", "US citizen"]
        in = "body"
        when.subjectContains = ["observership"]
        dimension = "visaTransparency"
        """;
    List<Finding> missing =
        lint(
            toml,
            "Subject: Observership request\n\nDear Dr. Lee,\n\nMay I observe your clinic?\n\nAna");
    assertEquals(1, missing.size());
    assertEquals(Span.Field.BODY, missing.get(0).span().field());
    assertEquals(Dimension.VISA_TRANSPARENCY, missing.get(0).dimension());
    assertEquals(
        "The body should mention \u201cJ-1\u201d, \u201cH-1B\u201d or \u201cUS citizen\u201d.",
        missing.get(0).message());
    assertEquals(
        List.of(),
        lint(
            toml,
            "Subject: Observership request\n\nDear Dr. Lee,\n\nI would need a J-1 visa.\n\nAna"));
    assertEquals(
        List.of(), lint(toml, "Subject: Research question\n\nDear Dr. Lee,\n\nMay I ask?\n\nAna"));
  }

  // --- as rules among rules ---

  @Test
  void configRulesAreListedWithTheirOriginAndCanBeRegradedOrSwitchedOff() throws Exception {
    String toml =
        CHECKS
            + "\n[rules.\"CONFIG.NO_SIR_MADAM\"]\nseverity = \"info\"\n[rules.\"CONFIG.PLAIN_WORDS\"]\nseverity = \"off\"\n";
    Linter linter = RapportConfig.parse(toml, "test.toml").linter().build();
    List<Linter.ActiveRule> config =
        linter.rules().stream().filter(r -> r.origin().equals("config")).toList();
    assertEquals(
        List.of("CONFIG.NO_SIR_MADAM", "CONFIG.PROGRAM_IN_SUBJECT"),
        config.stream().map(r -> r.rule().id()).toList());
    assertEquals(Severity.INFO, config.get(0).severity());
    assertEquals(
        "Flags \u201cdear sir or madam\u201d and \u201cto whom it may concern\u201d.",
        config.get(0).rule().description());
    assertEquals(
        "Requires \u201cobservership\u201d or \u201cPM&R\u201d in the subject when writing to gme.example.edu or pat@rehab.example.org"
            + " and the draft says \u201cobservership\u201d.",
        config.get(1).rule().description());
  }

  @Test
  void everyConfigRulesOwnExamplesHold() throws Exception {
    for (Rule r : RapportConfig.parse(CHECKS, "test.toml").checks()) {
      RuleExamples.verify(r);
    }
  }

  @Test
  void anIdMayBeWrittenWithItsNamespace() throws Exception {
    assertEquals(
        "CONFIG.ASAP",
        RapportConfig.parse("[[checks.flag]]\nid = \"CONFIG.ASAP\"\nphrases = [\"asap\"]\n", "t")
            .checks()
            .get(0)
            .id());
  }

  // --- every key checked ---

  static Stream<Arguments> mistakes() {
    return Stream.of(
        arguments(
            "[[checks.flag]]\nid = \"asap\"\nphrases = [\"asap\"]",
            "test.toml: checks.flag[0].id must look like NO_SIR_MADAM"),
        arguments(
            "[[checks.flag]]\nphrases = [\"asap\"]", "test.toml: checks.flag[0].id is required"),
        arguments(
            "[[checks.flag]]\nid = \"A1\"\nphrases = []",
            "test.toml: checks.flag[0].phrases is required"),
        arguments(
            "[[checks.flag]]\nid = \"A1\"\nphrases = [\"ok\", \"  \"]",
            "test.toml: checks.flag[0].phrases[1] is empty"),
        arguments(
            "[[checks.flag]]\nid = \"A1\"\nphrase = [\"asap\"]",
            "test.toml: unknown key checks.flag[0].phrase"),
        arguments(
            "[[checks.flag]]\nid = \"A1\"\nphrases = [\"asap\"]\nin = \"signature\"",
            "test.toml: checks.flag[0].in must be \"subject\", \"body\" or both"),
        arguments(
            "[[checks.flag]]\nid = \"A1\"\nphrases = [\"asap\"]\nseverity = \"fatal\"",
            "test.toml: checks.flag[0].severity : unknown severity 'fatal'"),
        arguments(
            "[[checks.flag]]\nid = \"A1\"\nphrases = [\"asap\"]\ndimension = \"tone\"",
            "test.toml: checks.flag[0].dimension : unknown dimension 'tone'"),
        arguments(
            "[[checks.flag]]\nid = \"A1\"\nphrases = [\"asap\"]\ndeduction = 101",
            "test.toml: checks.flag[0].deduction must be between 0 and 100, not 101"),
        arguments(
            "[[checks.flag]]\nid = \"A1\"\nphrases = [\"asap\"]\n[[checks.flag]]\nid = \"A1\"\nphrases = [\"soon\"]",
            "test.toml: checks.flag[1].id \"A1\" is already the id of checks.flag[0]"),
        arguments(
            "[[checks.require]]\nid = \"R1\"\nphrases = [\"x\"]\nwhen = { to = [\"a.edu\"] }",
            "test.toml: unknown key checks.require[0].when.to"),
        arguments(
            "[[checks.require]]\nid = \"R1\"\nphrases = [\"x\"]\nwhen = { recipient = [\"a b.edu\"] }",
            "test.toml: checks.require[0].when.recipient[0] must be an address"),
        arguments(
            "[[checks.substitute]]\nid = \"S1\"",
            "test.toml: checks.substitute[0].swap is required"),
        arguments(
            "[[checks.substitute]]\nid = \"S1\"\nswap = { utilize = \"\" }",
            "test.toml: checks.substitute[0].swap.\"utilize\" is empty"),
        arguments(
            "[[checks.substitute]]\nid = \"S1\"\nswap = { utilize = 3 }",
            "test.toml: checks.substitute[0].swap.\"utilize\" must be a string"),
        arguments(
            "[checks]\nflag = \"x\"",
            "test.toml: checks.flag must be an array of tables ([[checks.flag]])"),
        arguments("[checks]\nstyle = []", "test.toml: unknown key checks.style"));
  }

  @ParameterizedTest
  @MethodSource("mistakes")
  void everyMistakeIsAOneLineErrorNamingFileAndKey(String toml, String expected) {
    ConfigException e = error(toml);
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void tooLongAPhraseIsRejected() {
    String toml =
        "[[checks.flag]]\nid = \"LONG\"\nphrases = [\"" + "word ".repeat(21).strip() + "\"]\n";
    assertTrue(error(toml).getMessage().contains("has more than 20 words"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "utilize|We UTILIZE it.",
        "istanbul|A talk in İSTANBUL.", // dotted capital I
        "mass|The MAſS clinic.", // long s, equal to s in upper case
        "kelvin|273 Kelvin", // Kelvin sign, equal to k in lower case
        "σοφία|ΣΟΦΙΑ and σοφία",
        "don't hesitate|Don’t HESITATE",
        "\uD801\uDC28|\uD801\uDC00", // Deseret: a letter outside the 16-bit range and its capital
      })
  void theQuickPrefilterNeverHidesAMatch(String phrase, String text) {
    Phrase p = Phrase.of(phrase);
    assertTrue(p.occursIn(text), "the pattern matches: " + text);
    assertTrue(p.mayOccurIn(Phrase.fold(text)), "so the prefilter must let it through: " + text);
  }

  @Test
  void thePrefilterSkipsTextsWithoutThePhrase() {
    assertFalse(Phrase.of("in order to").mayOccurIn(Phrase.fold("Nothing to see here.")));
  }

  // --- adversarial input: matching stays linear ---

  /** A text that counts how often the matcher reads a character. */
  private static final class CountingText implements CharSequence {
    private final String s;
    long reads;

    CountingText(String s) {
      this.s = s;
    }

    @Override
    public int length() {
      return s.length();
    }

    @Override
    public char charAt(int index) {
      reads++;
      return s.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return s.subSequence(start, end);
    }

    @Override
    public String toString() {
      return s;
    }
  }

  private static long reads(String phrase, String text) {
    CountingText t = new CountingText(text);
    Matcher m = Phrase.of(phrase).matcher(t);
    while (m.find()) {
      // count every match, as a rule does
    }
    return t.reads;
  }

  static Stream<Arguments> adversarial() {
    return Stream.of(
        // A long phrase of one repeated word against that word repeated: a near match at every
        // word.
        arguments("a a a a a a a a a a a a a a a a a a a b", "a "),
        // White space runs between near matches: possessive white space is never given back.
        arguments("in order to", "in      \t\n     "),
        // The classic catastrophic pattern, written as a phrase, against its classic input.
        arguments("(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!"),
        // Apostrophes, which compile to a small class, repeated.
        arguments("don't don't don't x", "don't "));
  }

  @ParameterizedTest
  @MethodSource("adversarial")
  void matchingReadsEachCharacterABoundedNumberOfTimes(String phrase, String unit) {
    int n = 200_000 / unit.length();
    String small = unit.repeat(n);
    String large = unit.repeat(2 * n);
    long r1 = reads(phrase, small);
    long r2 = reads(phrase, large);
    // Linear: reads per character bounded by the phrase's length, and doubling the text about
    // doubles the reads (quadratic backtracking would quadruple them).
    assertTrue(
        r1 <= (long) small.length() * (phrase.length() + 2),
        phrase + ": " + r1 + " reads for " + small.length() + " characters");
    assertTrue(r2 < r1 * 2.2, phrase + ": " + r1 + " then " + r2 + " reads when the text doubled");
  }

  @Test
  void aHugeDraftFullOfNearMatchesIsLintedWithoutAnInternalFinding() throws Exception {
    String toml =
        "[[checks.flag]]\nid = \"NEAR\"\nphrases = [\""
            + "a ".repeat(19)
            + "b\"]\n"
            + "[[checks.substitute]]\nid = \"SWAP\"\nswap = { \""
            + "a ".repeat(19)
            + "c\" = \"d\" }\n"
            + "[lint]\nruleTimeoutMillis = 60000\n";
    String msg = "Subject: Hi\n\nHello,\n\n" + "a ".repeat(1_000_000) + "\n\nAna";
    List<Finding> found = lint(toml, msg);
    assertEquals(List.of(), found, "neither rule matches, and neither ran past its budget");
  }
}
