package cores.api.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdminModelTest {
  private static AdminModel model(Map<String, String> actions, Set<String> writes) {
    return new AdminModel(
        "live", "thing", "Things", List.of(), List.of(), List.of(), "", actions, List.of(), writes);
  }

  @Test
  void aModelHasViewAndThePermissionsOfTheWritesItTakes() {
    assertEquals(
        List.of("live.view_thing", "live.add_thing", "live.change_thing", "live.delete_thing"),
        model(Map.of(), AdminModel.ALL_WRITES).permissions());
    assertEquals(
        List.of("live.view_thing", "live.add_thing", "live.delete_thing"),
        model(Map.of(), Set.of("add", "delete")).permissions());
    assertEquals(List.of("live.view_thing"), model(Map.of(), Set.of()).permissions());
  }

  @Test
  void bulkActionsNeedTheChangePermissionSoAModelWithThemHasIt() {
    assertEquals(
        List.of("live.view_thing", "live.change_thing"),
        model(Map.of("resolve", "Resolve"), Set.of()).permissions());
  }

  @Test
  void oneOfThemIsNamedInASentenceByItsPluralInTheSingular() {
    Map<String, String> named =
        Map.of(
            "Host types", "host type",
            "Host hardware", "host hardware",
            "NICs", "NIC",
            "API tokens", "API token",
            "Ignored MACs", "ignored MAC",
            "Impersonation log", "impersonation log",
            "Offline host warnings", "offline host warning",
            "Glass", "glass");
    named.forEach(
        (plural, singular) ->
            assertEquals(
                singular,
                new AdminModel(
                        "a", "x", plural, List.of(), List.of(), List.of(), "", Map.of(), List.of())
                    .singular(),
                plural));
  }

  /** "1 nic will lose its host", "these 2 nics": the plural in a sentence keeps an abbreviation. */
  @Test
  void severalOfThemAreNamedInASentenceByTheirPlural() {
    Map<String, String> named =
        Map.of(
            "Host types", "host types",
            "NICs", "NICs",
            "API tokens", "API tokens",
            "Ignored MACs", "ignored MACs",
            "Glass", "glass");
    named.forEach(
        (plural, several) ->
            assertEquals(
                several,
                new AdminModel(
                        "a", "x", plural, List.of(), List.of(), List.of(), "", Map.of(), List.of())
                    .pluralInSentence(),
                plural));
  }

  private static AdminModel acting(Map<String, String> done) {
    return new AdminModel(
        "inventory",
        "host",
        "Hosts",
        List.of(),
        List.of(),
        List.of(),
        "",
        Map.of("bookable", "Make bookable", "frob", "Frobnicate"),
        List.of(),
        AdminModel.ALL_WRITES,
        List.of(),
        Map.of(),
        null,
        done);
  }

  /** As Django's admin says what an action did: "2 hosts were made bookable." */
  @Test
  void aBulkActionSaysWhatItDidByThePhraseDeclaredWithIt() {
    AdminModel host = acting(Map.of("bookable", "made bookable"));
    assertEquals("made bookable", host.did("bookable"));
    // one declaring none (a plugin's) by its label; no action of the model, plainly
    assertEquals("changed by \"Frobnicate\"", host.did("frob"));
    assertEquals("changed", host.did("gone"));
    assertEquals("changed", host.did(null));
  }

  @Test
  void aPhraseIsDeclaredOnlyForOneOfItsActions() {
    assertThrows(IllegalArgumentException.class, () -> acting(Map.of("nothing", "did nothing")));
  }
}
