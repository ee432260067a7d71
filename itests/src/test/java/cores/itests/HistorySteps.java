package cores.itests;

import java.util.List;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The entries of an admin History page: the object's own, and its parts' (a host's NICs, its
 * bookable), which begin with their part's name linked to the part's own history.
 */
final class HistorySteps {
  private static final By PART = By.cssSelector("p > a[href^='/admin/'][href$='/history']");

  private HistorySteps() {}

  /** The object's own entries, newest first. */
  static List<WebElement> own(List<WebElement> entries) {
    return entries.stream().filter(e -> e.findElements(PART).isEmpty()).toList();
  }

  /**
   * The parts' entries as their models and what they did, in alphabetical order, e.g. {@code NIC
   * Added, bookable Changed status}.
   */
  static String parts(List<WebElement> entries) {
    return entries.stream()
        .filter(e -> !e.findElements(PART).isEmpty())
        .map(
            e ->
                e.findElement(PART).getText().split(" ")[0]
                    + " "
                    + e.findElement(By.cssSelector("p > strong")).getText())
        .sorted()
        .collect(Collectors.joining(", "));
  }
}
