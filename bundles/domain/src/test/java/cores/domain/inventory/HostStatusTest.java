package cores.domain.inventory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostStatusTest {
  @Test
  void hostLeavingActiveSuspendsItsBookable() {
    for (String to : Models.HOST_STATUSES) {
      if (!to.equals("active")) {
        assertTrue(HostStatus.suspendsBookable("active", to), to);
      }
    }
  }

  @Test
  void otherStatusChangesLeaveTheBookableAlone() {
    assertFalse(HostStatus.suspendsBookable("active", "active"));
    assertFalse(HostStatus.suspendsBookable("new", "active"));
    assertFalse(HostStatus.suspendsBookable("missing", "retired"));
  }
}
