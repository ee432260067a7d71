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
}
