package dev.rapport.bench;

import dev.rapport.draft.DraftFormat;
import dev.rapport.draft.Drafts;
import dev.rapport.lint.Linter;
import dev.rapport.lint.Scorecard;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of linting a typical 150-word draft on one thread, from bytes to scorecard, against
 * baselines that do a fraction of the work on the same draft: jsoup extracting the text of its HTML
 * form, and a bare split into words.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LintBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class LintBenchmark {

  /** A realistic first contact: 150 words of new text, headers, a signature. */
  static final String EML =
      "From: Chidinma Okeke <c.okeke@example.org>\r\n"
          + "To: Dr. Lena Hartmann <lhartmann@example.edu>\r\n"
          + "Subject: IMG from Nigeria: 15-minute call about SCI rehabilitation research\r\n"
          + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
          + "Dear Dr. Hartmann,\r\n\r\n"
          + "I am a final-year medical student at the University of Lagos in Nigeria, and I hope to train in "
          + "physical medicine and rehabilitation. Your 2025 paper on robotic gait training after incomplete "
          + "spinal cord injury changed how our ward sets early walking goals, especially your finding that "
          + "patients who started within four weeks regained more independence at discharge.\r\n\r\n"
          + "Would you have 15 minutes for a video call in the next few weeks? I would like to ask how you "
          + "chose your first research questions as a resident, and which skills you would build first if "
          + "you were starting out abroad. I am not a US citizen and would need J-1 sponsorship for "
          + "residency.\r\n\r\n"
          + "Thank you for considering my request. I understand how busy your schedule is and I am happy to "
          + "adapt to any time that suits you.\r\n\r\n"
          + "Sincerely,\r\nChidinma Okeke\r\nUniversity of Lagos College of Medicine\r\n";

  /** The same draft's new text as a plain-text file, as an editor would save it. */
  static final String TEXT = EML.substring(EML.indexOf("Dear")).replace("\r\n", "\n");

  static final String HTML =
      "<html><body>"
          + EML.substring(EML.indexOf("Dear"))
              .replace("\r\n\r\n", "</p><p>")
              .replace("\r\n", "<br>")
          + "</body></html>";

  byte[] eml;
  byte[] text;
  Linter linter;

  @Setup
  public void setUp() {
    eml = EML.getBytes(StandardCharsets.UTF_8);
    text = TEXT.getBytes(StandardCharsets.UTF_8);
    linter = Linter.standard();
  }

  @Benchmark
  public Scorecard lintEml() throws Exception {
    return linter.lint(Drafts.parse(eml, "bench.eml", DraftFormat.EML));
  }

  @Benchmark
  public Scorecard lintText() throws Exception {
    return linter.lint(Drafts.parse(text, "bench.txt", DraftFormat.TEXT));
  }

  @Benchmark
  public Scorecard lintHtml() {
    return linter.lint(Drafts.parseHtml(HTML));
  }

  @Benchmark
  public String baselineJsoupText() {
    return Jsoup.parse(HTML).text();
  }

  @Benchmark
  public int baselineSplitWords() {
    return EML.split("\\s+").length;
  }
}
