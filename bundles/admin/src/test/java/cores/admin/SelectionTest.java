package cores.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.admin.AdminModel;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** What a bulk action says of the ticked objects that no longer exist. */
class SelectionTest {
  private static final AdminModel HOST = TestModels.host(Map.of());

  @Test
  void objectsGoneAreNamedByIdAtMostTwenty() {
    assertEquals(
        "Left out, no longer there: host #999.", Selection.gone(HOST, List.of(999L), false));
    assertEquals(
        "Nothing was done: the selected hosts #8, #9 no longer exist.",
        Selection.gone(HOST, List.of(8L, 9L), true));
    List<Long> many = LongStream.rangeClosed(1, 25).boxed().toList();
    String said = Selection.gone(HOST, many, true);
    assertEquals(true, said.endsWith("#19, #20 and 5 more no longer exist."), said);
  }
}
