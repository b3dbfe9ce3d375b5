package dev.rapport.lint.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The words of a subject line that tell the reader something. Stateless. */
final class SubjectWords {
  private SubjectWords() {}

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[-'’&.][\\p{L}\\p{N}]+)*");
  private static final Set<String> STOP =
      Set.of(
          "a", "an", "the", "of", "for", "to", "in", "on", "at", "and", "or", "with", "from",
          "about", "by", "as", "is", "are", "be", "my", "your", "you", "i", "me", "we", "our",
          "this", "that", "re", "fw", "fwd", "some", "any", "it", "its");

  /** Words that say nothing by themselves: a subject made only of these is vague. */
  static final Set<String> GENERIC =
      Set.of(
          "hello",
          "hi",
          "hey",
          "dear",
          "greetings",
          "question",
          "questions",
          "request",
          "requesting",
          "inquiry",
          "enquiry",
          "query",
          "help",
          "urgent",
          "important",
          "introduction",
          "email",
          "e-mail",
          "mail",
          "message",
          "information",
          "info",
          "regarding",
          "subject",
          "attention",
          "humble",
          "kind",
          "reminder",
          "sir",
          "madam",
          "doctor",
          "dr",
          "prof",
          "professor",
          "please",
          "kindly",
          "no",
          "good",
          "morning",
          "afternoon",
          "evening",
          "application",
          "opportunity",
          "opportunities",
          "contact",
          "letter");

  /** Returns the words of {@code subject}, without stop words. */
  static List<String> content(String subject) {
    List<String> out = new ArrayList<>();
    Matcher m = WORD.matcher(subject);
    while (m.find()) {
      String w = m.group().toLowerCase(Locale.ROOT);
      if (!STOP.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** Returns how many of the content words are informative (not generic). */
  static int informative(List<String> content) {
    int n = 0;
    for (String w : content) {
      if (!GENERIC.contains(w)) {
        n++;
      }
    }
    return n;
  }
}
