package cores.domain.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cores.domain.booking.Bookables;
import cores.domain.loans.Loans;
import cores.domain.notices.Notices;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The schemas of /api/docs follow the descriptors that the checks use. */
class SchemasTest {
  private static final List<Model> SERVED = served();

  private static List<Model> served() {
    List<Model> models = new ArrayList<>(new java.util.LinkedHashSet<>(Models.BY_PATH.values()));
    models.addAll(List.of(Notices.MODEL, Loans.CUSTOMER, Loans.LOAN, Bookables.MODEL));
    return models;
  }

  @Test
  void everyModelsExampleIsAValidInputByTheChecksOfItsFields() {
    for (Model model : SERVED) {
      assertFalse(model.example().isEmpty(), model.name() + " has an example");
      for (Map.Entry<String, Object> given : model.example().entrySet()) {
        Field field =
            model
                .field(given.getKey())
                .orElseThrow(() -> new AssertionError(model.name() + "." + given.getKey()));
        assertTrue(field.writable(), model.name() + "." + field.name() + " is writable");
        assertNull(
            Values.problem(field, given.getValue(), null, ZoneOffset.UTC),
            model.name() + "." + field.name());
      }
      for (Field field : model.fields()) {
        if (field.required()) {
          assertTrue(
              model.example().containsKey(field.name()),
              model.name() + "'s example gives the required " + field.name());
        }
      }
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theInputSchemaListsTheWritableFieldsRequiresTheRequiredAndTakesReadOnlyOnesAsTheyAre() {
    Map<String, Object> input = Schemas.of(Models.HOST).get("host_input");
    Map<String, Object> properties = (Map<String, Object>) input.get("properties");
    assertEquals(false, input.get("additionalProperties"));
    assertEquals(List.of("hostname", "hardware"), input.get("required"));
    assertEquals(ReadOnly.SCHEMA, properties.get("lastseen"), "derived fields only as they are");
    assertTrue(properties.containsKey("id") && properties.containsKey("bookable"));
    assertEquals(
        Models.HOST_STATUSES.size() + 1,
        ((List<Object>) ((Map<String, Object>) properties.get("status")).get("enum")).size(),
        "the host statuses, or null for the default");
    assertFalse(Schemas.of(Models.HOST).get("host_patch").containsKey("required"));
    Map<String, Object> row =
        (Map<String, Object>) Schemas.of(Models.HOST).get("host").get("properties");
    assertEquals(
        Models.HOST_STATUSES, ((Map<String, Object>) row.get("status")).get("enum"), "answers");
    assertEquals("date-time", ((Map<String, Object>) row.get("lastseen")).get("format"));
    assertEquals("inet", ((Map<String, Object>) row.get("ip")).get("format"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAddressPatternsAcceptWhatTheChecksAccept() {
    Map<String, Object> nic =
        (Map<String, Object>) Schemas.of(Models.NIC).get("nic_input").get("properties");
    Pattern mac = Pattern.compile((String) ((Map<String, Object>) nic.get("mac")).get("pattern"));
    Pattern ip = Pattern.compile((String) ((Map<String, Object>) nic.get("ip")).get("pattern"));
    for (String value : List.of("52:54:00:12:34:56", "52-54-00-12-34-56", "5254.0012.3456")) {
      assertNull(Addresses.mac(value));
      assertTrue(mac.matcher(value).find(), value);
    }
    for (String value : List.of("52:54:00:12:34", "52:54-00:12:34:56", "zz:54:00:12:34:56")) {
      assertFalse(mac.matcher(value).find(), value);
    }
    for (String value : List.of("192.0.2.10", "2001:db8::1")) {
      assertNull(Addresses.ip(value));
      assertTrue(ip.matcher(value).find(), value);
    }
    assertFalse(ip.matcher("192.0.2.300").find());
    assertFalse(ip.matcher("host.example").find());
  }
}
