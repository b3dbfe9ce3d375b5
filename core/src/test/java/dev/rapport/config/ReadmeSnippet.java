package dev.rapport.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Compiles README.md's Java block as it stands, against the library, and runs it on a draft. */
final class ReadmeSnippet {
  private ReadmeSnippet() {}

  static void assertRuns(Path readme) throws Exception {
    Matcher m = Pattern.compile("(?s)```java\\n(.*?)```").matcher(Files.readString(readme));
    assertTrue(m.find(), "README.md shows Java");
    String code = m.group(1);
    Matcher cls = Pattern.compile("public class (\\w+)").matcher(code);
    assertTrue(cls.find(), "the snippet is a whole class, imports and all");
    Path dir = Files.createTempDirectory("rapport-readme-snippet");
    Path src = dir.resolve(cls.group(1) + ".java");
    Files.writeString(src, code);
    // Surefire puts the library on the module path (it has a module-info) and the rest on the class
    // path.
    List<String> cp = new ArrayList<>();
    for (String prop : new String[] {"jdk.module.path", "java.class.path"}) {
      String v = System.getProperty(prop);
      if (v != null && !v.isBlank()) {
        cp.add(v);
      }
    }
    cp.add(Path.of("target/classes").toAbsolutePath().toString());
    String classpath = String.join(File.pathSeparator, cp);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream diag = new java.io.ByteArrayOutputStream();
    int rc =
        javac.run(
            null,
            diag,
            diag,
            "--release",
            "17",
            "-cp",
            classpath,
            "-d",
            dir.toString(),
            src.toString());
    assertEquals(
        0, rc, "README's Java snippet compiles:\n" + diag.toString(StandardCharsets.UTF_8));
    Files.writeString(
        dir.resolve("draft.eml"),
        "To: Dr. Lena Hartmann <lhartmann@example.edu>\r\nSubject: Hello\r\n\r\n"
            + "Dear Dr. [Last Name],\r\n\r\nCan we talk?\r\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(java, "-cp", dir + File.pathSeparator + classpath, cls.group(1))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.lines().findFirst().orElse("").matches("\\d+/100"), out);
    assertTrue(
        out.contains("\n4:10 "), "the placeholder at line 4, column 10, printed as 4:10:\n" + out);
    assertTrue(!out.contains("SourcePosition["), out);
  }
}
