package cores.itests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (nothing is downloaded): opens
 * pages of a base URL, fills and submits forms, saves screenshots, and runs axe-core inside the
 * page. With JavaScript off it shows what a visitor without scripts gets.
 */
final class Browser implements AutoCloseable {
  private final ChromeDriver driver;
  private final String base;
  private final Path screenshots;
  private final Path profile;
  private final boolean javascript;

  private Browser(
      ChromeDriver driver, String base, Path screenshots, Path profile, boolean javascript) {
    this.driver = driver;
    this.base = base;
    this.screenshots = screenshots;
    this.profile = profile;
    this.javascript = javascript;
  }

  /**
   * A fresh browser (its own profile: no cookies).
   *
   * @param width the window's width in CSS pixels (390 for a phone)
   */
  static Browser start(String base, Path screenshots, boolean javascript, int width)
      throws IOException {
    Optional<Path> chromium = Tools.onPath("chromium");
    Optional<Path> chromedriver = Tools.onPath("chromedriver");
    Tools.require(
        chromium.isPresent() && chromedriver.isPresent(),
        "the browser tests need Debian's chromium and chromium-driver (.ci/run installs them)");
    Files.createDirectories(screenshots);
    Path profile = Files.createTempDirectory("cores-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.orElseThrow().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile,
        "--window-size=" + Math.max(width, 800) + ",1000");
    if (width < 800) {
      // a desktop window cannot be as narrow as a phone: the page is laid out as on one. No
      // touch: with touch emulated and JavaScript off by the content setting, chromedriver 156
      // never returned from a click that navigated (a link, a form's button)
      options.setExperimentalOption(
          "mobileEmulation",
          Map.of(
              "deviceMetrics",
              Map.of("width", width, "height", 844, "pixelRatio", 1.0, "touch", false)));
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.orElseThrow().toFile())
            .usingAnyFreePort()
            .build();
    // generous: the tests share two cores with the whole build
    ChromeDriver driver =
        new ChromeDriver(
            service, options, ClientConfig.defaultConfig().readTimeout(Duration.ofMinutes(3)));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
    Browser browser = new Browser(driver, base, screenshots, profile, javascript);
    browser.pageScripts(false);
    return browser;
  }

  /**
   * In a browser without JavaScript, lets the pages' scripts run or not, from now on, across
   * navigations. Switched through DevTools rather than the content setting: with that one axe-core
   * could not run at all (it waited 30 s and found nothing), while this one can be lifted for the
   * check alone.
   */
  private void pageScripts(boolean run) {
    if (!javascript) {
      driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", !run));
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** Opens a path of the base URL and waits until the page has loaded. */
  Browser open(String path) {
    driver.get(base + path);
    return this;
  }

  /** The current path (and query) relative to the base URL. */
  String path() {
    String url = driver.getCurrentUrl();
    return url.startsWith(base) ? url.substring(base.length()) : url;
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The page's visible text. */
  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** Types into the field with this name (clearing it first). */
  Browser type(String name, String value) {
    WebElement field = driver.findElement(By.name(name));
    field.clear();
    field.sendKeys(value);
    return this;
  }

  /**
   * Sets the value of the field with this name as its picker would (a date-and-time box, whose
   * typed keys go to segments in the browser's locale's order).
   */
  Browser set(String name, String value) {
    driver.executeScript(
        "arguments[0].value = arguments[1]", driver.findElement(By.name(name)), value);
    return this;
  }

  /** Clicks the element (a checkbox, or anything that does not load another page). */
  Browser click(String css) {
    find(css).click();
    return this;
  }

  /** Clicks a link or a form's button and waits until the next page has replaced this one. */
  Browser follow(String css) {
    WebElement page = driver.findElement(By.tagName("html"));
    find(css).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> replaced(page));
    new WebDriverWait(driver, Duration.ofSeconds(30))
        .until(
            d ->
                "complete"
                    .equals(
                        ((org.openqa.selenium.JavascriptExecutor) d)
                            .executeScript("return document.readyState")));
    return this;
  }

  /** Whether the element's document has been replaced by the next page. */
  private static boolean replaced(WebElement element) {
    try {
      return Boolean.TRUE.equals(ExpectedConditions.stalenessOf(element).apply(null));
    } catch (org.openqa.selenium.WebDriverException e) {
      // while the next page loads, chromedriver may report the old document's node this way
      // rather than as stale
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /** Waits until the CSS selector matches an element (after htmx or a navigation). */
  Browser await(String css) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(d -> !d.findElements(By.cssSelector(css)).isEmpty());
    return this;
  }

  /** Saves a screenshot as {@code <name>.png} in the screenshots folder. */
  Path screenshot(String name) throws IOException {
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Path target = screenshots.resolve(name + ".png");
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    return target;
  }

  /** Runs axe-core (WCAG 2.1 A and AA rules) and fails on any serious or critical violation. */
  void assertAccessible() {
    // axe-core is a script: without JavaScript, scripts run for the check alone (the page's own
    // never ran, so the page is checked as such a visitor sees it)
    pageScripts(true);
    Results results;
    try {
      results =
          // legacy mode: axe runs in the page itself, not in a blank window the library opens
          // first with a 1 s page-load timeout (under load that timed out and failed the check);
          // the pages hold no frames, so the check is the same
          new AxeBuilder()
              .setLegacyMode(true)
              .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
              .analyze(driver);
    } finally {
      pageScripts(false);
    }
    List<Rule> bad =
        results.getViolations().stream()
            .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
            .toList();
    assertTrue(
        bad.isEmpty(),
        path()
            + ": axe-core found "
            + bad.stream()
                .map(
                    r ->
                        r.getId() + " (" + r.getImpact() + "): " + r.getHelp() + " " + r.getNodes())
                .collect(Collectors.joining("\n")));
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** The element's top is inside the window as first shown, nothing scrolled. */
  void assertInFirstScreen(String css) {
    Number height =
        (Number) driver().executeScript("return document.documentElement.clientHeight;");
    int top = find(css).getLocation().getY();
    assertTrue(top < height.intValue(), css + " at " + top + " px, the window " + height + " px");
  }

  /** What scrolls sideways: the page, or with {@code table} the table's box too; null if none. */
  Object sideways(boolean table) {
    return driver()
        .executeScript(
            "const page = document.documentElement;"
                + "if (page.scrollWidth > page.clientWidth) {"
                + "  return 'page ' + page.scrollWidth + ' > ' + page.clientWidth; }"
                + "const wrap = document.querySelector('.cores-table-wrap');"
                + "if (arguments[0] && wrap.scrollWidth > wrap.clientWidth + 1) {"
                + "  return 'table ' + wrap.scrollWidth + ' > ' + wrap.clientWidth; }"
                + "return null;",
            table);
  }
}
