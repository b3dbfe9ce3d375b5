package dev.rapport.lint.rules;

import dev.rapport.draft.Address;
import dev.rapport.track.Contact;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * People's names as greetings and address headers write them: folded to ASCII so "Munoz" matches
 * "Muñoz" and "Wrobel" matches "Wróbel", with titles and degrees set aside. Stateless.
 */
final class Names {
  private Names() {}

  static final Set<String> TITLES =
      Set.of(
          "dr",
          "doctor",
          "dra",
          "drs",
          "prof",
          "professor",
          "profs",
          "mr",
          "mrs",
          "ms",
          "miss",
          "mx");
  static final Set<String> ACADEMIC_TITLES =
      Set.of("dr", "doctor", "dra", "drs", "prof", "professor", "profs");
  static final Set<String> DEGREES =
      Set.of(
          "md", "phd", "do", "mbbs", "mph", "msc", "mba", "facp", "faapmr", "frcpc", "mbchb", "dnb",
          "frcs", "faan", "rn", "dpt", "ms", "ma", "mhs", "mpt", "jr", "sr", "ii", "iii", "mbbch",
          "dm", "fapm", "caqsm");

  /** Words in a greeting that address nobody in particular. */
  static final Set<String> GENERIC =
      Set.of(
          "sir",
          "sirs",
          "madam",
          "madame",
          "maam",
          "mam",
          "all",
          "everyone",
          "everybody",
          "team",
          "colleague",
          "colleagues",
          "faculty",
          "committee",
          "members",
          "member",
          "director",
          "directors",
          "coordinator",
          "program",
          "programme",
          "residency",
          "department",
          "admissions",
          "selection",
          "hiring",
          "manager",
          "concern",
          "whom",
          "it",
          "may",
          "there",
          "friends",
          "friend",
          "staff",
          "office",
          "sir/madam",
          "or",
          "the",
          "of",
          "pm&r",
          "pmr",
          "physician",
          "physicians",
          "professors",
          "doctors",
          "mentor",
          "respected",
          "esteemed",
          "honorable",
          "honourable",
          "chair",
          "chief",
          "head",
          "hod",
          "coordinators",
          "recruiter",
          "recruitment",
          "administrator",
          "observership",
          "observerships",
          "fellowship",
          "education",
          "visiting",
          "visitor",
          "visitors",
          "international",
          "student",
          "students",
          "affairs",
          "gme",
          "clerkship",
          "elective",
          "electives",
          "rotation",
          "rotations",
          "services",
          "desk",
          "support",
          "board",
          "administrative",
          "assistant",
          "secretary",
          "liaison");

  /** Local parts of addresses that belong to an office rather than a person. */
  private static final Set<String> ROLE_WORDS =
      Set.of(
          "info",
          "admin",
          "office",
          "residency",
          "program",
          "programme",
          "admissions",
          "gme",
          "pmr",
          "contact",
          "hello",
          "department",
          "dept",
          "coordinator",
          "education",
          "fellowship",
          "rehab",
          "research",
          "team",
          "noreply",
          "no",
          "reply",
          "support",
          "mail",
          "secretary",
          "inquiries",
          "enquiries",
          "observership",
          "apply",
          "hr",
          "jobs",
          "pmandr",
          "physiatry",
          "medicine",
          "clinic",
          "student",
          "students",
          "office1");

  private static final Pattern NOT_A_TO_Z = Pattern.compile("[^a-z]");
  private static final Pattern NOT_A_TO_Z_RUN = Pattern.compile("[^a-z]+");
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}'’]+(?:-[\\p{L}\\p{M}'’]+)*");

  /**
   * Returns {@code s} lower-cased with accents and special letters folded to ASCII: "Łukasz Wróbel"
   * → "lukasz wrobel".
   */
  static String fold(String s) {
    // Text in ASCII is its own decomposition: skip the normalizer, the common case for names.
    String n = isAscii(s) ? s : Normalizer.normalize(s, Normalizer.Form.NFD);
    StringBuilder sb = new StringBuilder(n.length());
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK) {
        continue;
      }
      switch (c) {
        case 'ł', 'Ł' -> sb.append('l');
        case 'ø', 'Ø' -> sb.append('o');
        case 'đ', 'Đ', 'ð', 'Ð' -> sb.append('d');
        case 'ß' -> sb.append("ss");
        case 'æ', 'Æ' -> sb.append("ae");
        case 'œ', 'Œ' -> sb.append("oe");
        case 'ı' -> sb.append('i');
        case 'þ', 'Þ' -> sb.append("th");
        case '’', '\'' -> {
          // O'Brien, D’Souza: the apostrophe is not part of how the name is compared
        }
        default -> sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  /** A word of a name, with where it sits in the text it came from. */
  record Token(String raw, String folded, int start, int end) {}

  /**
   * Returns the words of {@code s} (hyphenated names kept whole), folded, with their offsets from
   * {@code base}.
   */
  static List<Token> tokens(String s, int base) {
    List<Token> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      out.add(new Token(m.group(), fold(m.group()), base + m.start(), base + m.end()));
    }
    return out;
  }

  /** Everything a greeting's name may be compared with for one recipient. */
  record Person(
      Set<String> tokens,
      @Nullable String firstName,
      String localPart,
      boolean comparable,
      @Nullable String title,
      @Nullable String display) {

    /** Returns whether every name word of a greeting fits this person. */
    boolean matches(List<String> greetingTokens) {
      if (greetingTokens.isEmpty()) {
        return true;
      }
      for (String g : greetingTokens) {
        if (!matchesOne(g)) {
          return false;
        }
      }
      return true;
    }

    private boolean matchesOne(String g) {
      if (g.length() == 1) {
        for (String t : tokens) {
          if (t.startsWith(g)) {
            return true;
          }
        }
        return !localPart.isEmpty() && localPart.startsWith(g);
      }
      if (tokens.contains(g)) {
        return true;
      }
      if (g.indexOf('-') > 0) {
        boolean all = true;
        for (String part : g.split("-")) {
          all &=
              part.isEmpty()
                  || tokens.contains(part)
                  || (part.length() >= 3 && localPart.contains(part));
        }
        if (all) {
          return true;
        }
      }
      return g.length() >= 3 && localPart.contains(g.replace("-", ""));
    }
  }

  /**
   * Returns what is known of a recipient's name: display name, configured contact name and title,
   * address.
   */
  static Person person(Address a, @Nullable Contact known) {
    Set<String> tokens = new LinkedHashSet<>();
    String first = null;
    boolean comparable = false;
    String display = a.name();
    if (display != null && !isRole(display)) {
      first = addNameTokens(display, tokens);
      comparable = !tokens.isEmpty();
    }
    if (known != null && known.name() != null) {
      String f = addNameTokens(known.name(), tokens);
      if (first == null) {
        first = f;
      }
      comparable |= !tokens.isEmpty();
    }
    String folded = fold(a.localPart());
    String local = NOT_A_TO_Z.matcher(folded).replaceAll("");
    String[] parts = NOT_A_TO_Z_RUN.split(folded);
    boolean localComparable = false;
    for (String part : parts) {
      if (part.length() >= 3 && !ROLE_WORDS.contains(part) && !containsRole(part)) {
        localComparable = true;
      }
    }
    if (localComparable) {
      for (String part : parts) {
        if (part.length() >= 2) {
          tokens.add(part);
        }
      }
    }
    return new Person(
        Set.copyOf(tokens),
        first,
        localComparable ? local : "",
        comparable || localComparable,
        known == null ? null : known.title(),
        display);
  }

  /**
   * Adds the name words of a display name to {@code out}; returns the given name if it can tell.
   */
  private static @Nullable String addNameTokens(String name, Set<String> out) {
    // "Muñoz, José, MD" or "José Muñoz, MD, PhD": a comma either ends the name or swaps its order.
    String[] parts = name.split(",");
    List<String> words = new ArrayList<>();
    List<String> afterComma = new ArrayList<>();
    for (int p = 0; p < parts.length; p++) {
      for (Token t : tokens(parts[p], 0)) {
        boolean upperDegree =
            t.raw().length() >= 2
                && t.raw().equals(t.raw().toUpperCase(Locale.ROOT))
                && DEGREES.contains(t.folded());
        if (TITLES.contains(t.folded()) || upperDegree || (p > 0 && DEGREES.contains(t.folded()))) {
          continue;
        }
        (p == 0 ? words : afterComma).add(t.folded());
      }
    }
    String first = null;
    if (!afterComma.isEmpty() && !words.isEmpty()) {
      first = afterComma.get(0); // "Muñoz, José"
    } else if (words.size() >= 2) {
      first = words.get(0);
    }
    for (String w : words) {
      addWithParts(w, out);
    }
    for (String w : afterComma) {
      addWithParts(w, out);
    }
    return first;
  }

  private static void addWithParts(String w, Set<String> out) {
    out.add(w);
    if (w.indexOf('-') > 0) {
      for (String p : w.split("-")) {
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
    }
  }

  private static boolean isRole(String display) {
    for (Token t : tokens(display, 0)) {
      if (ROLE_WORDS.contains(t.folded())
          || t.folded().equals("committee")
          || t.folded().equals("admissions")) {
        return true;
      }
    }
    return false;
  }

  private static boolean containsRole(String part) {
    for (String r :
        List.of(
            "residency",
            "program",
            "admission",
            "office",
            "coordinator",
            "fellowship",
            "noreply",
            "info")) {
      if (part.contains(r)) {
        return true;
      }
    }
    return false;
  }
}
