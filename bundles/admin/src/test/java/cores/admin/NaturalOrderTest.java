package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.api.admin.AdminField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A filter's options are in natural order: numbers by value, letters ignoring case. */
class NaturalOrderTest {
  @Test
  void aReferenceFiltersOptionsAreInNaturalOrderWhateverOrderTheDeskAnswers() {
    // as the database's text order answers them
    Map<Long, String> objects = new LinkedHashMap<>();
    objects.put(4L, "10");
    objects.put(7L, "9");
    objects.put(1L, "Lab 10");
    objects.put(2L, "Lab 2");
    objects.put(3L, "lab 3");
    objects.put(5L, "Lab 2 east");
    AdminField lab = new AdminField("lab", "ref", false, true, List.of(), "lab", null);
    assertEquals(
        List.of("(none)", "9", "10", "Lab 2", "Lab 2 east", "lab 3", "Lab 10"),
        List.copyOf(OptionsHtml.of(lab, objects, Map.of()).values()));
    assertEquals(
        List.of("none", "7", "4", "2", "5", "3", "1"),
        List.copyOf(OptionsHtml.of(lab, objects, Map.of()).keySet()));
  }

  @Test
  void numbersAreComparedByValueAndLettersIgnoringCase() {
    List<String> labels =
        new ArrayList<>(
            List.of(
                "rack 100",
                "Rack 20",
                "rack 3",
                "10.81.0.10",
                "10.81.0.9",
                "R640",
                "r64",
                "SN99999999999999999999999",
                "SN100000000000000000000000",
                "Rack",
                "B"));
    labels.sort(NaturalOrder::compare);
    assertEquals(
        List.of(
            "10.81.0.9",
            "10.81.0.10",
            "B",
            "r64",
            "R640",
            "Rack",
            "rack 3",
            "Rack 20",
            "rack 100",
            "SN99999999999999999999999",
            "SN100000000000000000000000"),
        labels);
  }

  /** Labels equal but for case or leading zeros keep one order: a total order, not a tie. */
  @Test
  void labelsEqualButForCaseOrZerosHaveOneOrder() {
    assertTrue(NaturalOrder.compare("Lab 2", "lab 2") < 0);
    assertTrue(NaturalOrder.compare("lab 2", "Lab 2") > 0);
    assertTrue(NaturalOrder.compare("Lab 02", "Lab 2") < 0);
    assertTrue(NaturalOrder.compare("Lab 02", "Lab 3") < 0);
    assertEquals(0, NaturalOrder.compare("Lab 2", "Lab 2"));
    assertTrue(NaturalOrder.compare("", "a") < 0);
  }
}
