package dev.rapport.lint.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rapport.lint.Rule;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A rule class that is written but not listed in {@link BuiltInRules} would never run: every one is
 * listed.
 */
class RegistrationTest {

  @Test
  void everyRuleClassInThePackageIsRegistered()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path dir = Path.of(BuiltInRules.class.getResource("BuiltInRules.class").toURI()).getParent();
    Set<String> written = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(
                  p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
              .toList()) {
        String name =
            BuiltInRules.class.getPackageName()
                + "."
                + f.getFileName().toString().replace(".class", "");
        Class<?> c = Class.forName(name);
        if (Rule.class.isAssignableFrom(c)
            && !c.isInterface()
            && !Modifier.isAbstract(c.getModifiers())) {
          written.add(c.getSimpleName());
        }
      }
    }
    Set<String> registered =
        BuiltInRules.all().stream()
            .map(r -> r.getClass().getSimpleName())
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        written,
        registered,
        "rule classes in dev.rapport.lint.rules and the rules BuiltInRules lists");
  }
}
