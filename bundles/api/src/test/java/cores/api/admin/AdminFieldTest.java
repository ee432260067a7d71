package cores.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AdminFieldTest {
  private static String label(String name) {
    return new AdminField(name, "text", false, true, List.of(), null).label();
  }

  /** Headers, filters and forms name fields as Django's capitalised verbose names. */
  @Test
  void aFieldIsLabelledCapitalisedWithItsWordsApartAndAbbreviationsInCapitals() {
    assertEquals("Hostname", label("hostname"));
    assertEquals("Asset no", label("asset_no"));
    assertEquals("Last seen", label("lastseen"));
    assertEquals("Host last seen", label("host_lastseen"));
    assertEquals("MAC", label("mac"));
    assertEquals("IP address", label("ip"));
    assertEquals("VM host", label("vm_host"));
  }

  /** "Diskvendor" and a history's "id" were left as their names ran. */
  @Test
  void runTogetherWordsAndNamesNoFieldHoldsAreLabelledAlike() {
    assertEquals("Disk vendor", label("diskvendor"));
    assertEquals("Card type", label("cardtype"));
    assertEquals("ID", AdminField.labelOf("id"));
    assertEquals("Host last seen", AdminField.labelOf("host_lastseen"));
  }
}
