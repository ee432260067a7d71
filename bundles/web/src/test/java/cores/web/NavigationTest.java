package cores.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The menu marks the entry of the page shown, however its address was written. */
class NavigationTest {
  @Test
  void anEntryIsCurrentOnItsPageWithOrWithoutTheTrailingSlashAndBelowIt() {
    assertTrue(Navigation.current("/reports/", "/reports/"));
    assertTrue(Navigation.current("/reports/", "/reports"));
    assertTrue(Navigation.current("/reports/", "/reports/usage"));
    assertTrue(Navigation.current("/bookables", "/bookables"));
    assertTrue(Navigation.current("/bookables", "/bookables/"));
    assertFalse(Navigation.current("/reports/", "/reportsx"));
    assertFalse(Navigation.current("/live/", "/"));
    assertTrue(Navigation.current("/", "/"));
    assertFalse(Navigation.current("/", "/reports"));
  }
}
