package cores.domain.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cores.api.admin.AdminField;
import org.junit.jupiter.api.Test;

/**
 * A notice without a target is shown to everyone (the dashboard says "to everyone"), so the admin's
 * form and filter name the empty target so, not "(none)".
 */
class NoticeTargetWordsTest {
  @Test
  void theEmptyTargetOfANoticeIsEveryone() {
    AdminField target =
        Catalog.SERVED.stream()
            .filter(served -> served.admin().name().equals("notice"))
            .flatMap(served -> served.admin().fields().stream())
            .filter(field -> field.name().equals("target"))
            .findFirst()
            .orElseThrow();
    assertEquals("Everyone", target.choiceLabel(""));
  }
}
