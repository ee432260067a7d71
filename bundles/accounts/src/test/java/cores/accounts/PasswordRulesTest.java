package cores.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cores.accounts.PasswordRules.Person;
import cores.api.web.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Django's four default password validators, one test each, and how they are reported. */
class PasswordRulesTest {
  private static final String FACE = "\ud83d\ude00";
  private static final Person ADA =
      new Person("ada.lovelace", "Ada", "Lovelace", "ada@example.org");

  /** Django's list, read once for the class's tests, as once for a component's life. */
  private static final PasswordRules RULES = new PasswordRules();

  @Test
  void minimumLength() {
    String tooShort = "This password is too short. It must contain at least 8 characters.";
    assertEquals(tooShort, PasswordRules.minimumLength("x7#Kq2!".toCharArray()));
    assertNull(PasswordRules.minimumLength("x7#Kq2!z".toCharArray()));
    // four emoji are four characters, though eight UTF-16 units
    assertEquals(tooShort, PasswordRules.minimumLength(FACE.repeat(4).toCharArray()));
    assertNull(PasswordRules.minimumLength(FACE.repeat(8).toCharArray()));
  }

  @Test
  void notEntirelyNumeric() {
    assertEquals(
        "This password is entirely numeric.",
        PasswordRules.notEntirelyNumeric("8203917465".toCharArray()));
    // other scripts' digits are digits too, as in Python
    assertEquals(
        "This password is entirely numeric.",
        PasswordRules.notEntirelyNumeric("٣٤٥٦٧٨٩٠".toCharArray()));
    assertNull(PasswordRules.notEntirelyNumeric("820391746x".toCharArray()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "PassWord1", "  qwertyuiop ", "iloveyou", "sunshine"})
  void notCommon(String common) {
    assertEquals("This password is too common.", RULES.notCommon(common.toCharArray()));
  }

  @Test
  void notCommonLetsAnUncommonPasswordThrough() {
    assertNull(RULES.notCommon("cobalt-harbour-lantern".toCharArray()));
  }

  @Test
  void theListIsReadOnceWhenTheRulesAreMadeNotForEachPassword() throws IOException {
    ByteArrayOutputStream list = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(list)) {
      gzip.write("letmein\nhunter2 \n".getBytes(StandardCharsets.UTF_8));
    }
    AtomicInteger opened = new AtomicInteger();
    PasswordRules rules =
        new PasswordRules(
            () -> {
              opened.incrementAndGet();
              return new ByteArrayInputStream(list.toByteArray());
            });
    for (String common : List.of("letmein", " HUNTER2", "LetMeIn")) {
      assertEquals("This password is too common.", rules.notCommon(common.toCharArray()));
    }
    assertNull(rules.notCommon("letmein2".toCharArray()));
    assertNull(rules.notCommon("hunter".toCharArray()));
    assertEquals(1, opened.get());
  }

  @Test
  void notSimilarToPersonalInformation() {
    assertEquals(
        "The password is too similar to the username.",
        PasswordRules.notSimilarToPersonalInformation("ada.lovelace1".toCharArray(), ADA));
    // a part of the username or of the address is compared too, in any case
    assertEquals(
        "The password is too similar to the username.",
        PasswordRules.notSimilarToPersonalInformation("LOVELACE99".toCharArray(), ADA));
    assertEquals(
        "The password is too similar to the email address.",
        PasswordRules.notSimilarToPersonalInformation(
            "ada@example.org!".toCharArray(),
            new Person("countess", null, null, "ada@example.org")));
    assertEquals(
        "The password is too similar to the first name.",
        PasswordRules.notSimilarToPersonalInformation(
            "Augusta1815".toCharArray(), new Person("al", "Augusta", "", null)));
    assertNull(
        PasswordRules.notSimilarToPersonalInformation("cobalt-harbour-lantern".toCharArray(), ADA));
    assertNull(PasswordRules.notSimilarToPersonalInformation("ada.lovelace1".toCharArray(), null));
  }

  @Test
  void quickRatioIsPythons() {
    // SequenceMatcher(a='abcd', b='bcde').quick_ratio() == 0.75
    assertEquals(0.75, PasswordRules.quickRatio("abcd".toCharArray(), "bcde"));
    assertEquals(2.0 * 2 / 7, PasswordRules.quickRatio("aab".toCharArray(), "aaaa"));
  }

  @Test
  void everyRuleBrokenIsReportedAtTheField() {
    assertEquals(List.of("required"), RULES.problems(new char[0], ADA));
    assertEquals(
        List.of(
            "This password is too short. It must contain at least 8 characters.",
            "This password is too common.",
            "This password is entirely numeric."),
        RULES.problems("123456".toCharArray(), ADA));
    assertEquals(List.of(), RULES.problems("cobalt-harbour-lantern".toCharArray(), ADA));
    Executable weak = () -> RULES.require("new_password", "12345678".toCharArray(), ADA);
    ProblemException e =
        org.junit.jupiter.api.Assertions.assertThrows(ProblemException.class, weak);
    assertEquals(
        Map.of(
            "new_password",
            List.of("This password is too common.", "This password is entirely numeric.")),
        e.errors());
  }
}
