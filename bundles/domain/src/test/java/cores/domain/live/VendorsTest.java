package cores.domain.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.BufferedReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VendorsTest {
  private static final String HEADER =
      "Registry,Assignment,Organization Name,Organization Address\n";

  @Test
  void theLongestAssignmentHoldingTheMacNamesItsVendor(@TempDir Path folder) throws Exception {
    Files.writeString(
        folder.resolve("oui.csv"),
        HEADER
            + "MA-L,001B21,Intel Corporate,\"Lot 8, Jalan Hi-Tech 2/3 Kulim Kedah MY 09000 \"\n"
            + "MA-L,3CB07E,\"Arounds Intelligent Equipment Co., Ltd.\",\"Room 701~703,\n"
            + "Shenzhen CN \"\r\n"
            + "MA-L,70B3D5,IEEE Registration Authority,445 Hoes Lane Piscataway NJ US 08554 \n");
    Files.writeString(
        folder.resolve("oui36.csv"),
        HEADER + "MA-S,70B3D5F2F,TELEPLATFORMS,\"Polbina st., 3/1 Moscow  RU 109388 \"\n");
    Vendors vendors = new Vendors(folder);
    assertEquals("Intel Corporate", vendors.vendor("00:1b:21:3a:4f:10"));
    // a quoted name with a comma, after a record whose address spans two lines
    assertEquals("Arounds Intelligent Equipment Co., Ltd.", vendors.vendor("3c:b0:7e:00:00:01"));
    assertEquals("TELEPLATFORMS", vendors.vendor("70:b3:d5:f2:f1:23"));
    assertEquals("IEEE Registration Authority", vendors.vendor("70:b3:d5:00:00:01"));
    assertNull(vendors.vendor("00:00:5e:00:00:01"));
    // locally administered (virtual machines): no vendor
    assertNull(vendors.vendor("02:1b:21:3a:4f:10"));
    assertNull(vendors.vendor("not a mac"));
  }

  @Test
  void withoutTheRegistryThereIsNoVendorAndNoError(@TempDir Path folder) {
    assertNull(new Vendors(folder.resolve("absent")).vendor("00:1b:21:3a:4f:10"));
  }

  @Test
  void debiansIeeeDataIsReadWhereThePackagePutsIt() throws Exception {
    // the component's default folder; .ci/run installs the ieee-data package
    String folder = (String) Vendors.Registry.class.getMethod("folder").getDefaultValue();
    Vendors vendors =
        new Vendors(
            new Vendors.Registry() {
              @Override
              public String folder() {
                return folder;
              }

              @Override
              public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return Vendors.Registry.class;
              }
            });
    assertEquals("Intel Corporate", vendors.vendor("00:1b:21:3a:4f:10"));
    assertEquals("TELEPLATFORMS", vendors.vendor("70:b3:d5:f2:f1:23"));
  }

  @Test
  void quotedFieldsKeepCommasDoubledQuotesAndLineBreaks() throws Exception {
    BufferedReader in = new BufferedReader(new StringReader("a,\"b,\"\"c\"\"\nd\",e\r\nf\n"));
    assertEquals(List.of("a", "b,\"c\"\nd", "e"), Vendors.record(in));
    assertEquals(List.of("f"), Vendors.record(in));
    assertNull(Vendors.record(in));
  }
}
