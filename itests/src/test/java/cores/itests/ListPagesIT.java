package cores.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The lists of the user pages in a real browser through the stack's nginx: the bookables page in
 * every order the API takes (without JavaScript too), the start page's tables stacked on a phone
 * with each value beside its label, and typed text isolated where it is shown; axe-core finds no
 * serious or critical problem on them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListPagesIT {
  /** Right-to-left override, in a booking's comment. */
  private static final String RLO = "\u202E";

  private static final String ZONE = "America/Argentina/Buenos_Aires";

  private WebSite site;
  private WebSite.Account ann;
  private List<Long> hosts;

  @BeforeAll
  void start() throws Exception {
    // a long zone name: the admin's time cells stay compact with it
    site = WebSite.start("list-pages", builder -> builder.env("CORES_TIME_ZONE", ZONE));
    hosts = site.inventory("lp", 4);
    ann = site.user("ann", false);
  }

  @AfterAll
  void stop() throws Exception {
    site.close();
  }

  /** The inventory's IPs: 10.81.0.1 and .3 for the odd hosts, 10.82.0.2 and .4 for the even. */
  @Test
  void theBookablesPageTakesEveryOrderingOfTheApiAndOffersItWithoutJavaScript() throws Exception {
    Map<String, List<String>> expected =
        Map.of(
            "hostname", List.of("lp-01", "lp-02", "lp-03", "lp-04"),
            "-hostname", List.of("lp-04", "lp-03", "lp-02", "lp-01"),
            "ip", List.of("lp-01", "lp-03", "lp-02", "lp-04"),
            "-ip", List.of("lp-04", "lp-02", "lp-03", "lp-01"));
    Browser plain = site.browser(false, 1280);
    for (Map.Entry<String, List<String>> order : expected.entrySet()) {
      HttpResponse<String> page =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(site.url() + "/bookables?ordering=" + order.getKey()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (order.getKey().equals("hostname")) {
        assertEquals(303, page.statusCode(), "the default order: " + page.body());
        String location = page.headers().firstValue("Location").orElse("");
        assertTrue(location.endsWith("/bookables"), location);
      } else {
        assertEquals(200, page.statusCode(), order.getKey() + ": " + page.body());
      }
      plain.open("/bookables?ordering=" + order.getKey());
      assertEquals(order.getValue(), hostnames(plain), order.getKey());
      assertEquals(
          order.getKey(),
          new Select(plain.find("#f-ordering")).getFirstSelectedOption().getAttribute("value"));
    }
    plain.open("/bookables?free=1");
    new Select(plain.find("#f-ordering")).selectByValue("-ip");
    plain.follow(".cores-apply");
    assertTrue(plain.path().startsWith("/bookables?free=1&ordering=-ip"), plain.path());
    assertEquals(expected.get("-ip"), hostnames(plain));
    plain.assertAccessible();
    plain.screenshot("bookables-reversed-ip");
  }

  /**
   * The admin's booking list (seven columns, three of them times) fits a laptop's width: the zone
   * all its times share (a long name here) is said once under each time column's heading, a time's
   * date and time at most two lines, and Created is not cut off; so does the host list (eleven
   * columns).
   */
  @Test
  void theAdminsBookingListFitsALaptopsWidth() throws Exception {
    Instant start = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    site.book(ann, hosts.get(1), start, start.plus(Duration.ofDays(1)), "a comment of some words");
    Browser browser = site.browser(false, 1280);
    WebSite.logIn(browser, site.user("listroot", true));
    browser.open("/admin/booking/booking");
    browser.screenshot("admin-bookings-1280");
    Object scrolls =
        browser
            .driver()
            .executeScript(
                "const wrap = document.querySelector('.cores-table-wrap');"
                    + "return wrap.scrollWidth > wrap.clientWidth + 1;");
    assertEquals(false, scrolls, "the booking list scrolls sideways at 1280");
    List<WebElement> zones = browser.all("#results th .cores-when-zone");
    assertEquals(3, zones.size(), browser.text());
    assertEquals(ZONE, zones.get(0).getText());
    List<WebElement> times = browser.all("td.cores-when");
    assertTrue(times.size() >= 3, browser.text());
    for (WebElement time : times) {
      assertFalse(time.getText().contains(ZONE), time.getText());
      Object lines =
          browser
              .driver()
              .executeScript(
                  "const style = getComputedStyle(arguments[0]);"
                      + "const text = arguments[0].clientHeight - parseFloat(style.paddingTop)"
                      + " - parseFloat(style.paddingBottom);"
                      + "return Math.round(text / parseFloat(style.lineHeight));",
                  time);
      assertTrue(((Number) lines).intValue() <= 2, time.getText() + ": " + lines + " lines");
    }
    // the host list's eleven columns too: its headings break between words ("Bookable status")
    // and its filters take the Django admin's 240 px
    browser.open("/admin/inventory/host");
    browser.screenshot("admin-hosts-1280");
    Object hostsScroll =
        browser
            .driver()
            .executeScript(
                "const wrap = document.querySelector('.cores-table-wrap');"
                    + "return wrap.scrollWidth > wrap.clientWidth + 1;");
    assertEquals(false, hostsScroll, "the host list scrolls sideways at 1280");
    Browser phone = site.browser(false, 390);
    WebSite.logIn(phone, site.user("listroot2", true));
    phone.open("/admin/booking/booking");
    phone.assertAccessible();
    phone.screenshot("admin-bookings-390");
  }

  @Test
  void theStartPagesTablesStackOnAPhoneWithEachValueBesideItsLabel() throws Exception {
    Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    site.book(ann, hosts.get(0), start, start.plus(Duration.ofDays(1)), "\\u202Eevil comment");
    // a reservation that ends, and one open-ended after it
    long annId = site.api().db().number("SELECT id FROM auth_user WHERE username = 'ann'");
    String bookable =
        site.get("/api/inventory/hostbyid/" + hosts.get(3) + "/")
            .replaceAll("(?s).*\"bookable\":(\\d+).*", "$1");
    Instant ends = start.plus(Duration.ofDays(11));
    for (String end : List.of(",\"end\":\"" + ends + "\"", "")) {
      Instant from =
          end.isEmpty() ? start.plus(Duration.ofDays(20)) : start.plus(Duration.ofDays(10));
      site.create(
          "/api/booking/reservation/",
          "{\"bookable\":"
              + bookable
              + ",\"start\":\""
              + from
              + "\""
              + end
              + ",\"owner\":"
              + annId
              + "}");
    }
    for (int width : List.of(390, 1280)) {
      Browser browser = site.browser(false, width);
      WebSite.logIn(browser, ann);
      browser.open("/");
      browser.screenshot("home-" + width);
      List<String> until =
          browser.all("[aria-labelledby=reservations-heading] td[data-label=Until]").stream()
              .map(WebElement::getText)
              .toList();
      assertEquals(2, until.size(), browser.text());
      assertEquals(
          DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH)
              .format(ends.atZone(ZoneId.of(ZONE))),
          until.get(0));
      assertEquals("open-ended", until.get(1));
      String quick = "#quick-heading ~ .cores-table-wrap";
      String display =
          (String)
              browser
                  .driver()
                  .executeScript(
                      "return getComputedStyle(document.querySelector(arguments[0] + ' tr'))"
                          + ".display;",
                      quick);
      assertEquals(width == 390 ? "block" : "table-row", display, "quick-book at " + width);
      Object scrolls =
          browser
              .driver()
              .executeScript(
                  "const wrap = document.querySelector(arguments[0]);"
                      + "return wrap.scrollWidth > wrap.clientWidth + 1;",
                  quick);
      assertEquals(false, scrolls, "quick-book scrolls sideways at " + width);
      if (width == 390) {
        // an empty cell (a host with no cards) is as tall as its label: the next one is below it
        for (WebElement cell : browser.all(quick + " td[data-label]")) {
          assertTrue(cell.getRect().getHeight() >= 20, cell.getAttribute("data-label") + " cell");
        }
        // the host's IP starts where its name does, beside the label, not under it
        WebElement cell = browser.find("[aria-labelledby=bookings-heading] td[data-label=Host]");
        WebElement name = cell.findElement(org.openqa.selenium.By.tagName("a"));
        WebElement ip = cell.findElement(org.openqa.selenium.By.tagName("code"));
        int nameLeft = name.getRect().getX();
        int ipLeft = ip.getRect().getX();
        assertTrue(Math.abs(nameLeft - ipLeft) <= 1, "name at " + nameLeft + ", IP at " + ipLeft);
        assertTrue(ipLeft > cell.getRect().getX() + 60, "IP at " + ipLeft + " beside the label");
      }
      browser.driver().executeScript("document.getElementById('quick-heading').scrollIntoView();");
      browser.screenshot("home-" + width + "-quick-book");
      String source = browser.driver().getPageSource();
      assertTrue(source.contains("<bdi>" + RLO + "evil comment</bdi>"), source);
      browser.assertAccessible();
    }
  }

  @Test
  void aBookingsMessageIsolatesTheHostsName() throws Exception {
    Browser browser = site.browser(true, 1280);
    WebSite.logIn(browser, ann);
    browser.open("/hosts/" + hosts.get(2) + "/book");
    String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
    browser.set("first", tomorrow).set("last", tomorrow);
    browser.type("comment", "for " + RLO + "tests");
    browser.follow("main form button[type=submit]");
    WebElement message = browser.find(".cores-message--success");
    assertTrue(message.getText().startsWith("Booked lp-03 from "), message.getText());
    assertEquals("lp-03", message.findElement(org.openqa.selenium.By.tagName("bdi")).getText());
    browser.assertAccessible();
    browser.screenshot("booked-message");
  }

  private static List<String> hostnames(Browser browser) {
    return browser.all("#rows tr td[data-label=Host] a").stream().map(WebElement::getText).toList();
  }
}
