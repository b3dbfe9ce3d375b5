package dev.rapport.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rapport.internal.phrase.Phrase;
import dev.rapport.lint.AskDetector;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PhraseTest {

  @Test
  void findsWhatMatcherFindWouldFind() {
    Phrase p =
        Phrase.of(
            "\\bwould\\s+you\\b|\\bcould\\s+i\\b|\\b\\d{1,3}\\s?min(?:ute)?s?\\b|[\"“][^\"”]{3,20}[\"”]");
    String text =
        "Would you have 15 minutes? I wonder: could I ask about \"your gait study\"? Shouldyou? 15min.";
    assertEquals(spansOfFind(p, text), spans(p, text));
    assertEquals(
        5,
        spans(p, text).size() / 2,
        "would you, 15 minutes, could I, the quote, 15min: " + spans(p, text));
  }

  @Test
  void wordStartPhrasesDoNotMatchInsideWords() {
    Phrase p = Phrase.of("\\bcan\\s+you\\b");
    assertFalse(p.in("American you"));
    assertTrue(p.in("Can you help?"));
    assertNull(p.first("scan you", 0, 8));
  }

  @Test
  void exactPhrasesKeepCase() {
    Phrase p = Phrase.exact("\\bTODO\\b|\\bX{3,}\\b");
    assertTrue(p.in("see TODO"));
    assertFalse(p.in("see todo"));
    assertFalse(p.in("xxx"));
  }

  @Test
  void regionBoundsSeeTheTextAround() {
    Phrase p = Phrase.of("\\bvisa\\b");
    String text = "novisa visa";
    assertFalse(p.in(text, 2, 6), "\\b looks before the region, as find() does");
    assertTrue(p.in(text, 7, 11));
  }

  /**
   * Every phrase of the built-in rules and the ask detector, on every corpus draft, agrees with
   * Matcher.find().
   */
  @Test
  void everyBuiltInPhraseAgreesWithFindOnTheCorpus() throws Exception {
    List<Phrase> phrases = new ArrayList<>();
    for (Class<?> c :
        List.of(
            AskDetector.class,
            Situation.class,
            Lexicon.class,
            RecipientWork.class,
            PressureLanguage.class,
            VisaStatements.class,
            UnrequestedCv.class,
            GenericPraise.class,
            VagueAsk.class,
            VisaHedge.class,
            MeetingUnmentioned.class,
            UnfilledPlaceholder.class)) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == Phrase.class && Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          phrases.add((Phrase) f.get(null));
        }
      }
    }
    assertTrue(phrases.size() > 30, "found " + phrases.size());
    int checked = 0;
    for (String text : corpusTexts()) {
      for (Phrase p : phrases) {
        assertEquals(spansOfFind(p, text), spans(p, text), p.pattern().pattern());
        checked++;
      }
    }
    assertTrue(checked > 1000);
  }

  /**
   * Searching through an index of word starts, or through the places a group of phrases found in
   * one walk, finds the same, on the whole text and on parts of it.
   */
  @Test
  void indexedSearchAgreesWithFindOnTheCorpus() throws Exception {
    List<Phrase> phrases = builtInPhrases();
    Phrase.Group group = Phrase.Group.of(phrases.toArray(new Phrase[0]));
    for (String text : corpusTexts()) {
      Phrase.Index index = Phrase.index(text);
      Phrase.Index grouped = group.index(text);
      for (Phrase p : phrases) {
        assertEquals(
            spansOfFind(p, text), indexedSpans(p, index, 0, text.length()), p.pattern().pattern());
        assertEquals(
            spansOfFind(p, text),
            indexedSpans(p, grouped, 0, text.length()),
            p.pattern().pattern());
        int from = text.length() / 3;
        int to = 2 * text.length() / 3;
        assertEquals(
            spans(p, text, from, to), indexedSpans(p, index, from, to), p.pattern().pattern());
        assertEquals(
            spans(p, text, from, to), indexedSpans(p, grouped, from, to), p.pattern().pattern());
      }
    }
  }

  /**
   * Random texts made of the phrases' own words, in random case, with runs of white space, line
   * breaks, punctuation, digits and letters beyond ASCII between them: the places where a
   * literal-prefix search could go wrong. Every built-in phrase must agree with find().
   */
  @Test
  void everyBuiltInPhraseAgreesWithFindOnRandomText() throws Exception {
    List<Phrase> phrases = builtInPhrases();
    List<String> words = new ArrayList<>();
    for (Phrase p : phrases) {
      Matcher m = java.util.regex.Pattern.compile("[A-Za-z][a-z]*").matcher(p.pattern().pattern());
      while (m.find()) {
        if (m.group().length() > 1 || m.group().equals("I") || m.group().equals("i")) {
          words.add(m.group());
        }
      }
    }
    words.addAll(
        List.of(
            "15",
            "2025",
            "J-1",
            "H-1B",
            "PM&R",
            "U.S.",
            "don’t",
            "I’d",
            "résumé",
            "Ünal",
            "café",
            "\"quoted title of a paper\"",
            "“curly quoted title here”",
            "[Name]",
            "{{first}}",
            "<NAME>",
            "XXX",
            "____",
            "e-mail",
            "co-author",
            "a.s.a.p."));
    String[] gaps = {
      " ", " ", " ", "  ", "\n", "\n\n", "\t", ", ", ". ", "? ", "-", "'", "’", "\u00a0", "", "_",
      " (", ") "
    };
    Phrase.Group group = Phrase.Group.of(phrases.toArray(new Phrase[0]));
    java.util.Random random = new java.util.Random(20260301);
    int checked = 0;
    for (int t = 0; t < 300; t++) {
      StringBuilder sb = new StringBuilder();
      int n = 5 + random.nextInt(60);
      for (int i = 0; i < n; i++) {
        String w = words.get(random.nextInt(words.size()));
        switch (random.nextInt(6)) {
          case 0 -> w = w.toUpperCase(java.util.Locale.ROOT);
          case 1 -> w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
          default -> {}
        }
        sb.append(w).append(gaps[random.nextInt(gaps.length)]);
      }
      String text = sb.toString();
      Phrase.Index index = Phrase.index(text);
      Phrase.Index grouped = group.index(text);
      int cut = random.nextInt(text.length() + 1);
      for (Phrase p : phrases) {
        List<Integer> expected = spansOfFind(p, text);
        assertEquals(expected, spans(p, text), p.pattern().pattern() + " in: " + text);
        assertEquals(
            expected,
            indexedSpans(p, index, 0, text.length()),
            p.pattern().pattern() + " in: " + text);
        assertEquals(
            expected,
            indexedSpans(p, grouped, 0, text.length()),
            p.pattern().pattern() + " in: " + text);
        assertEquals(
            spans(p, text, 0, cut),
            indexedSpans(p, grouped, 0, cut),
            p.pattern().pattern() + " in: " + text);
        checked++;
      }
    }
    assertTrue(checked > 10_000);
  }

  private static List<Phrase> builtInPhrases() throws IllegalAccessException {
    List<Phrase> phrases = new ArrayList<>();
    for (Class<?> c :
        List.of(
            AskDetector.class,
            Situation.class,
            Lexicon.class,
            RecipientWork.class,
            PressureLanguage.class,
            VisaStatements.class,
            UnrequestedCv.class,
            GenericPraise.class,
            VagueAsk.class,
            VisaHedge.class,
            MeetingUnmentioned.class,
            UnfilledPlaceholder.class)) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == Phrase.class && Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          phrases.add((Phrase) f.get(null));
        }
      }
    }
    return phrases;
  }

  private static List<Integer> indexedSpans(Phrase p, Phrase.Index index, int from, int to) {
    List<Integer> out = new ArrayList<>();
    p.each(
        index,
        from,
        to,
        m -> {
          out.add(m.start());
          out.add(m.end());
        });
    return out;
  }

  private static List<Integer> spans(Phrase p, String text, int from, int to) {
    List<Integer> out = new ArrayList<>();
    p.each(
        text,
        from,
        to,
        m -> {
          out.add(m.start());
          out.add(m.end());
        });
    return out;
  }

  private static List<Integer> spans(Phrase p, String text) {
    List<Integer> out = new ArrayList<>();
    p.each(
        text,
        0,
        text.length(),
        m -> {
          out.add(m.start());
          out.add(m.end());
        });
    return out;
  }

  private static List<Integer> spansOfFind(Phrase p, String text) {
    List<Integer> out = new ArrayList<>();
    Matcher m = p.pattern().matcher(text);
    while (m.find()) {
      out.add(m.start());
      out.add(m.end());
    }
    return out;
  }

  private static List<String> corpusTexts() throws URISyntaxException, java.io.IOException {
    Path dir = Path.of(PhraseTest.class.getResource("/corpus/manifest.toml").toURI()).getParent();
    try (Stream<Path> files = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.toList()) {
        out.add(Files.readString(f));
      }
      return out;
    }
  }
}
