package dev.rapport.lint.rules;

import dev.rapport.internal.phrase.Phrase;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words of physiatry the rules know: interest areas, medical vocabulary, and words too general to
 * be a detail.
 */
final class Lexicon {
  private Lexicon() {}

  /** Named interest areas of PM&R, as writers name them. */
  static final Phrase INTEREST_AREA =
      Phrase.of(
          String.join(
              "|",
              "\\bstrokes?\\b",
              "\\bspinal\\s+cord(?:\\s+injur(?:y|ies))?\\b|\\bSCI\\b",
              "\\b(?:traumatic\\s+)?brain\\s+injur(?:y|ies)\\b|\\bTBI\\b|\\bABI\\b|\\bconcussions?\\b",
              "\\bdisorders?\\s+of\\s+consciousness\\b",
              "\\bmusculoskeletal\\b|\\bMSK\\b|\\bsports?\\s+(?:medicine|injur(?:y|ies)|rehab\\p{L}*)\\b|\\bspine\\b|\\bspinal\\b",
              "\\binterventional\\b|\\b(?:back|neck|low[-\\s]back|chronic|cancer|neuropathic|musculoskeletal|pelvic)\\s+pain\\b",
              "\\bpain\\b|\\bosteoarthritis\\b|\\btendinopath\\p{L}*|\\bregenerative\\b|\\bPRP\\b|\\bultrasound\\b",
              "\\bamput\\p{L}*|\\blimb\\s+(?:loss|difference)\\b|\\bprosthe\\p{L}*|\\borthotic\\p{L}*|\\borthos[ie]s\\b",
              "\\bp(?:a)?ediatric\\s+(?:rehab\\p{L}*|physiatry|PM&R)\\b|\\bcerebral\\s+palsy\\b|\\bspina\\s+bifida\\b",
              "\\bEMG\\b|\\belectrodiagnos\\p{L}*|\\belectromyograph\\p{L}*|\\bnerve\\s+conduction\\b|\\bneuromuscular\\b",
              "\\bneuropath(?:y|ies)\\b|\\bspasticity\\b|\\bbotulinum\\b|\\bbotox\\b|\\bbaclofen\\b|\\bdystonia\\b",
              "\\bneuro[-\\s]?rehab\\p{L}*|\\bneurologic(?:al)?\\s+rehab\\p{L}*|\\bmultiple\\s+sclerosis\\b|\\bparkinson\\p{L}*",
              "\\b(?:cancer|oncology|onco)[-\\s]?rehab\\p{L}*|\\bcancer\\s+survivors\\p{L}*|\\blymph(?:o)?edema\\b",
              "\\b(?:cardiac|pulmonary|cardiopulmonary|geriatric|burn|vestibular|pelvic|cognitive)\\s+rehab\\p{L}*",
              "\\bgait\\b|\\bexoskeleton\\p{L}*|\\brobotic\\p{L}*|\\bwheelchairs?\\b|\\bassistive\\s+technolog\\p{L}*",
              "\\bdysphagia\\b|\\baphasia\\b|\\bfalls?\\s+prevention\\b|\\bfrailty\\b|\\bsarcopenia\\b",
              "\\btele[-\\s]?rehab\\p{L}*|\\bperforming\\s+arts\\s+medicine\\b|\\bmovement\\s+disorders?\\b",
              "\\bhip\\s+fractures?\\b|\\bjoint\\s+replacement\\b|\\barthroplasty\\b|\\bosteoporosis\\b|\\bpressure\\s+injur\\p{L}*"));

  private static final Set<String> MEDICAL_STEMS =
      Set.of(
          "rehab",
          "physiatr",
          "spastic",
          "electrodiagnos",
          "electromyograph",
          "musculoskeletal",
          "neuro",
          "orthop",
          "prosthe",
          "orthot",
          "amput",
          "spinal",
          "injur",
          "concuss",
          "botulinum",
          "ultrasound",
          "sonograph",
          "kinesi",
          "biomechan",
          "myelopath",
          "radiculopath",
          "myopath",
          "arthr",
          "osteo",
          "tendin",
          "tendon",
          "ligament",
          "fractur",
          "cerebr",
          "dystroph",
          "sclerosis",
          "parkinson",
          "dysphag",
          "aphasi",
          "cognit",
          "intrathecal",
          "baclofen",
          "fluoroscop",
          "intervention",
          "regenerat",
          "cardiopulmon",
          "oncolog",
          "lymph",
          "telehealth",
          "telerehab",
          "exoskelet",
          "robotic",
          "physiotherap",
          "occupational",
          "therapeutic",
          "rheumat",
          "fibromyalg",
          "hemipleg",
          "parapleg",
          "tetrapleg",
          "quadripleg",
          "encephal",
          "polyneuro",
          "mononeur",
          "plexopath",
          "electrophysiol",
          "epidemiolog",
          "multidisciplin",
          "interdisciplin",
          "anesthes",
          "anaesthes",
          "geriatric",
          "pediatric",
          "paediatric",
          "medication",
          "pharmacolog",
          "diagnos",
          "clinical",
          "hospital",
          "residency",
          "observership",
          "fellowship",
          "university",
          "international",
          "rehabilitation",
          "musculo",
          "pathophysiol",
          "immunolog",
          "cardiovasc",
          "pulmonar",
          "gastroenterol",
          "dermatolog",
          "ophthalm",
          "otolaryng",
          "nephrolog",
          "endocrin",
          "haematolog",
          "hematolog",
          "radiolog",
          "surgical",
          "surgery",
          "laparoscop",
          "inpatient",
          "outpatient",
          "postoperative",
          "postacute",
          "comorbid",
          "methodolog",
          "systematic",
          "metaanalys",
          "meta-analys",
          "randomi",
          "qualitative",
          "quantitative",
          "longitudinal",
          "retrospective",
          "prospective",
          "statistic",
          "manuscript",
          "publication",
          "presentation",
          "conference",
          "curriculum",
          "application",
          "sponsorship",
          "certification",
          "examination",
          "medical",
          "medicine",
          "graduate",
          "physician");
  private static final List<String> MEDICAL_SUFFIXES =
      List.of(
          "itis",
          "ology",
          "ologist",
          "ological",
          "ectomy",
          "otomy",
          "ostomy",
          "plasty",
          "algia",
          "opathy",
          "opathic",
          "iatric",
          "iatry",
          "iatrist",
          "ography",
          "ographic",
          "oscopy",
          "emia",
          "aemia",
          "osis",
          "ectomies",
          "ologies");

  private static final int MIN_STEM = 4;
  private static final int MAX_STEM = 16;
  private static final List<String> MEDICAL_INFIXES =
      List.of("neuro", "rehab", "myelo", "arthr", "ortho", "physiatr");

  /**
   * Shortest word an infix or suffix test can accept: one more than the shortest affix plus two.
   */
  private static final int MIN_SUFFIX_WORD = shortestAffixWord();

  private static int shortestAffixWord() {
    int min = Integer.MAX_VALUE;
    for (String infix : MEDICAL_INFIXES) {
      min = Math.min(min, infix.length() + 4);
    }
    for (String suffix : MEDICAL_SUFFIXES) {
      min = Math.min(min, suffix.length() + 3);
    }
    return min;
  }

  /**
   * Returns whether a word is the vocabulary of medicine or of the writer's training (which a
   * physician reads without effort), so readability formulas should not count its length.
   */
  static boolean isMedicalWord(String word) {
    String w = word.toLowerCase(Locale.ROOT);
    // A stem is a prefix of 4 to 16 letters: walk the word down a trie of the stems.
    if (StemTrie.STEMS.startsWithStem(w)) {
      return true;
    }
    if (w.length() < MIN_SUFFIX_WORD) {
      return false; // too short for any infix or suffix test below
    }
    for (String infix : MEDICAL_INFIXES) {
      if (w.length() > infix.length() + 3 && w.indexOf(infix, 1) > 0) {
        return true; // "electroneuromyography", "postrehabilitation"
      }
    }
    char last = w.charAt(w.length() - 1);
    for (String suffix : MEDICAL_SUFFIXES) {
      if (suffix.charAt(suffix.length() - 1) == last
          && w.length() > suffix.length() + 2
          && w.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@link #MEDICAL_STEMS} as a trie, so that a word's prefixes are looked up without cutting
   * substrings.
   */
  private static final class StemTrie {
    static final StemTrie STEMS = new StemTrie(MEDICAL_STEMS);

    /** Per node, its children by character (parallel arrays), and whether a stem ends there. */
    private char[][] keys = new char[1][0];

    private int[][] children = new int[1][0];
    private boolean[] stemEnds = new boolean[1];
    private int size = 1;

    private StemTrie(Set<String> stems) {
      for (String stem : stems) {
        int node = 0;
        for (int i = 0; i < stem.length(); i++) {
          int next = child(node, stem.charAt(i));
          if (next < 0) {
            next = add(node, stem.charAt(i));
          }
          node = next;
        }
        stemEnds[node] = true;
      }
    }

    private int add(int node, char c) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        children = Arrays.copyOf(children, size * 2);
        stemEnds = Arrays.copyOf(stemEnds, size * 2);
      }
      int child = size++;
      keys[child] = new char[0];
      children[child] = new int[0];
      keys[node] = Arrays.copyOf(keys[node], keys[node].length + 1);
      children[node] = Arrays.copyOf(children[node], children[node].length + 1);
      keys[node][keys[node].length - 1] = c;
      children[node][children[node].length - 1] = child;
      return child;
    }

    private int child(int node, char c) {
      char[] ks = keys[node];
      for (int k = 0; k < ks.length; k++) {
        if (ks[k] == c) {
          return children[node][k];
        }
      }
      return -1;
    }

    /**
     * Returns whether a prefix of {@code w} of {@link #MIN_STEM} to {@link #MAX_STEM} characters is
     * a stem.
     */
    boolean startsWithStem(String w) {
      int node = 0;
      for (int i = 0; i < Math.min(w.length(), MAX_STEM); i++) {
        node = child(node, w.charAt(i));
        if (node < 0) {
          return false;
        }
        if (i + 1 >= MIN_STEM && stemEnds[node]) {
          return true;
        }
      }
      return false;
    }
  }

  /** Words too general to count as a specific detail of someone's work. */
  static final Set<String> GENERAL =
      Set.copyOf(
          List.of(
              "work",
              "works",
              "research",
              "paper",
              "papers",
              "article",
              "articles",
              "study",
              "studies",
              "field",
              "area",
              "areas",
              "topic",
              "topics",
              "subject",
              "medicine",
              "rehabilitation",
              "physical",
              "physiatry",
              "patients",
              "patient",
              "great",
              "excellent",
              "esteemed",
              "inspiring",
              "interesting",
              "impressive",
              "valuable",
              "important",
              "contribution",
              "contributions",
              "career",
              "department",
              "program",
              "programme",
              "institution",
              "university",
              "hospital",
              "really",
              "very",
              "much",
              "always",
              "been",
              "have",
              "found",
              "read",
              "recently",
              "resonated",
              "interests",
              "interest",
              "especially",
              "appreciated",
              "point",
              "which",
              "that",
              "this",
              "these",
              "those",
              "with",
              "your",
              "yours",
              "from",
              "about",
              "into",
              "also",
              "when",
              "what",
              "where",
              "they",
              "them",
              "their",
              "there",
              "would",
              "could",
              "should",
              "will",
              "shall",
              "such",
              "some",
              "many",
              "more",
              "most",
              "other",
              "others",
              "well",
              "done",
              "remarkable",
              "outstanding",
              "amazing",
              "wonderful",
              "tremendous",
              "extraordinary",
              "commendable",
              "renowned",
              "famous",
              "known",
              "well-known",
              "admire",
              "admired",
              "admiration",
              "inspired",
              "inspiration",
              "motivated",
              "greatly",
              "deeply",
              "truly",
              "highly",
              "learned",
              "learnt",
              "learn",
              "lots",
              "years",
              "life",
              "world",
              "people",
              "community",
              "profession",
              "professional",
              "medical",
              "clinical",
              "academic",
              "science",
              "scientific",
              "specialty",
              "pm&r",
              "pmr",
              "thank",
              "thanks",
              "time",
              "help",
              "helpful",
              "helped",
              "made",
              "make",
              "makes",
              "like",
              "liked",
              "loved",
              "enjoyed",
              "being",
              "doing",
              "having",
              "things",
              "thing",
              "lot",
              "every",
              "same",
              "different",
              "good",
              "best",
              "better",
              "kind",
              "nice",
              "dear",
              "sincerely",
              "regards",
              "team",
              "teams",
              "group",
              "lab",
              "clinic",
              "talk",
              "talks",
              "lecture",
              "presentation",
              "session",
              "webinar",
              "publications",
              "publication",
              "projects",
              "project",
              "think",
              "thought",
              "believe",
              "feel",
              "felt",
              "want",
              "wanted",
              "wish",
              "hope",
              "hoped",
              "know",
              "knew",
              "seem",
              "seems",
              "seemed",
              "would",
              "part",
              "useful",
              "excited",
              "exciting",
              "amazed",
              "curious",
              "impressed",
              "reading",
              "read",
              "following",
              "follow",
              "approach",
              "results",
              "result",
              "quality",
              "unique",
              "special",
              "strong",
              "deep",
              "perfect",
              "perfectly",
              "aligned",
              "aligns",
              "align",
              "matches",
              "exactly",
              "goals",
              "goal",
              "dream",
              "passion",
              "passionate",
              "eager",
              "keen",
              "honored",
              "honoured",
              "privilege",
              "opportunity",
              "opportunities",
              "chance"));
}
