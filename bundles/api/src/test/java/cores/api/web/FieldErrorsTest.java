package cores.api.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {
  @Test
  void aFieldARequestDoesNotTakeIsRefusedNotIgnored() {
    new FieldErrors().onlyKnown(Map.of("lab", 1, "rack", 2), Set.of("lab", "rack")).throwIfAny();
    ProblemException e =
        assertThrows(
            ProblemException.class,
            () ->
                new FieldErrors()
                    .onlyKnown(Map.of("lab", 1, "extra", 2), Set.of("lab", "rack"))
                    .throwIfAny());
    assertEquals(Map.of("extra", List.of("unknown field")), e.errors());
  }

  /** 200,000 unknown keys were answered with 200,000 messages: megabytes, after seconds. */
  @Test
  void aProblemNamesTheFirstTwentyFieldsAndCountsTheRest() {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 200_000; i++) {
      body.put("k" + i, i);
    }
    ProblemException e =
        assertThrows(
            ProblemException.class, () -> new FieldErrors().onlyKnown(body, Set.of()).throwIfAny());
    assertEquals(
        java.util.stream.IntStream.range(0, 20).mapToObj(i -> "k" + i).toList(),
        List.copyOf(e.errors().keySet()));
    assertEquals("Some fields are invalid. The first 20 are named, and 199980 more.", e.detail());
    assertEquals(400, e.status());
  }
}
