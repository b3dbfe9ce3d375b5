package dev.rapport.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    Phrase p = Phrase.of("\\bwould\\s+you\\b|\\bcould\\s+i\\b|\\b\\d{1,3}\\s?min(?:ute)?s?\\b|[\"“][^\"”]{3,20}[\"”]");
    String text = "Would you have 15 minutes? I wonder: could I ask about \"your gait study\"? Shouldyou? 15min.";
    assertEquals(spansOfFind(p, text), spans(p, text));
    assertEquals(5, spans(p, text).size() / 2, "would you, 15 minutes, could I, the quote, 15min: " + spans(p, text));
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

  /** Every phrase of the built-in rules and the ask detector, on every corpus draft, agrees with Matcher.find(). */
  @Test
  void everyBuiltInPhraseAgreesWithFindOnTheCorpus() throws Exception {
    List<Phrase> phrases = new ArrayList<>();
    for (Class<?> c : List.of(AskDetector.class, Situation.class, Lexicon.class, RecipientWork.class, PressureLanguage.class,
        VisaStatements.class, UnrequestedCv.class, GenericPraise.class, VagueAsk.class, VisaHedge.class, MeetingUnmentioned.class,
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

  private static List<Integer> spans(Phrase p, String text) {
    List<Integer> out = new ArrayList<>();
    p.each(text, 0, text.length(), m -> {
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
