package cores.itests;

import static cores.itests.ApiClient.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The inventory and booking API of the domain bundle through real HTTP against the booted
 * distribution: permissions, problem details for bad input, derived host ip, and 50 concurrent
 * bookings of one slot (exactly one 201, 49 409s, no 500).
 */
class DomainApiIT {
  private static ApiClient api;
  private static String admin;
  private static String plain;

  @BeforeAll
  static void start() throws Exception {
    api = ApiClient.boot("domain-api", builder -> builder);
    admin = api.token(api.user("admin", true));
    plain = api.token(api.user("plain", false));
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void anonymousUsersReadBookablesOnlyAndOthersNeedTheModelsPermission() throws Exception {
    HttpResponse<String> bookables = api.send("GET", "/api/booking/bookable/", null, null);
    assertEquals(200, bookables.statusCode(), bookables.body());
    assertTrue(bookables.body().contains("\"count\":"), bookables.body());
    assertEquals(401, api.send("GET", "/api/inventory/host/", null, null).statusCode());
    HttpResponse<String> forbidden = api.send("GET", "/api/inventory/host/", plain, null);
    assertEquals(403, forbidden.statusCode());
    assertTrue(forbidden.body().contains("inventory.view_host"), forbidden.body());
    assertEquals(200, api.send("GET", "/api/inventory/host/", admin, null).statusCode());
  }

  @Test
  void badInputIsAClearProblemAndNothingIsWritten() throws Exception {
    HttpResponse<String> malformed =
        api.send("POST", "/api/inventory/building/", admin, "{\"code\":");
    assertEquals(400, malformed.statusCode(), malformed.body());
    assertTrue(
        malformed
            .headers()
            .firstValue("content-type")
            .orElse("")
            .startsWith("application/problem+json"));
    HttpResponse<String> badMac =
        api.send("POST", "/api/inventory/nic/", admin, "{\"mac\":\"00:11:22\",\"bogus\":1}");
    assertEquals(400, badMac.statusCode(), badMac.body());
    assertTrue(badMac.body().contains("\"mac\":[\"not a MAC address"), badMac.body());
    assertTrue(badMac.body().contains("\"bogus\":[\"unknown field\"]"), badMac.body());
    HttpResponse<String> badNetwork =
        api.send(
            "POST", "/api/inventory/lab/", admin, "{\"name\":\"x\",\"network\":\"10.0.0.1/8\"}");
    assertEquals(400, badNetwork.statusCode(), badNetwork.body());
    assertTrue(badNetwork.body().contains("\"network\""), badNetwork.body());
    HttpResponse<String> unknownId =
        api.send("POST", "/api/inventory/rack/", admin, "{\"number\":1,\"lab\":987654}");
    assertEquals(400, unknownId.statusCode(), unknownId.body());
    assertTrue(unknownId.body().contains("no lab with id 987654"), unknownId.body());
    HttpResponse<String> wrongType =
        api.send("POST", "/api/booking/booking/", admin, "{\"bookable\":\"one\"}");
    assertEquals(400, wrongType.statusCode(), wrongType.body());
    HttpResponse<String> unknownHost =
        api.send(
            "POST",
            "/api/inventory/nic/",
            admin,
            "{\"mac\":\"02:00:00:00:00:09\",\"host\":987654}");
    assertEquals(400, unknownHost.statusCode(), unknownHost.body());
    HttpResponse<String> nothing =
        api.send("GET", "/api/inventory/nic/?mac=02:00:00:00:00:09", admin, null);
    assertTrue(nothing.body().contains("\"count\":0"), nothing.body());
  }

  @Test
  void inventoryThroughTheApiAndFiftyConcurrentBookingsOfOneSlot() throws Exception {
    long building = id(created("/api/inventory/building/", "{\"code\":\"HQ\"}"));
    long lab =
        id(
            created(
                "/api/inventory/lab/",
                "{\"name\":\"lab-a\",\"building\":" + building + ",\"network\":\"10.20.0.0/16\"}"));
    long rack = id(created("/api/inventory/rack/", "{\"number\":0,\"lab\":" + lab + "}"));
    HttpResponse<String> type =
        api.send("POST", "/api/import/gethosttype", admin, "{\"name\":\"tcpreplay\"}");
    assertEquals(200, type.statusCode(), type.body());
    assertTrue(type.body().contains("\"created\":true"), type.body());
    HttpResponse<String> again =
        api.send("POST", "/api/import/gethosttype", admin, "{\"name\":\"tcpreplay\"}");
    assertTrue(again.body().contains("\"created\":false"), again.body());
    assertEquals(id(type), id(again));
    assertEquals(
        403, api.send("POST", "/api/import/gethosttype", plain, "{\"name\":\"y\"}").statusCode());
    long hardware =
        id(
            api.send(
                "POST",
                "/api/import/gethosthardware",
                admin,
                "{\"name\":\"R640\",\"host_type\":" + id(type) + "}"));
    long host =
        id(
            created(
                "/api/inventory/hostbyid/",
                "{\"hostname\":\"Box-1\",\"hardware\":"
                    + hardware
                    + ",\"rack\":"
                    + rack
                    + ",\"status\":\"active\"}"));
    created(
        "/api/inventory/nicbyid/",
        "{\"mac\":\"00:11:22:33:44:55\",\"host\":"
            + host
            + ",\"ip\":\"10.20.1.5\",\"primary\":true}");
    HttpResponse<String> byName =
        api.send("GET", "/api/inventory/hostbyid/?hostname=box-1", admin, null);
    assertTrue(byName.body().contains("\"ip\":\"10.20.1.5\""), byName.body());

    HttpResponse<String> bulk =
        api.send(
            "POST",
            "/api/booking/bookable/bulk",
            admin,
            "{\"hosts\":[" + host + "," + host + "],\"status\":\"active\"}");
    assertEquals(200, bulk.statusCode(), bulk.body());
    // a host named twice is one host
    assertTrue(bulk.body().contains("\"hosts\":1"), bulk.body());
    HttpResponse<String> withBookable =
        api.send("GET", "/api/inventory/host/" + host + "/", admin, null);
    Matcher bookableId = Pattern.compile("\"bookable\":(\\d+)").matcher(withBookable.body());
    assertTrue(bookableId.find(), withBookable.body());
    long bookable = Long.parseLong(bookableId.group(1));

    Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    String slot =
        "{\"bookable\":"
            + bookable
            + ",\"start\":\""
            + start
            + "\",\"end\":\""
            + start.plus(Duration.ofHours(4))
            + "\"}";
    List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(api.sendAsync("POST", "/api/booking/booking/", admin, slot));
    }
    List<Integer> statuses = new ArrayList<>();
    String conflict = null;
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      HttpResponse<String> response = answer.join();
      statuses.add(response.statusCode());
      if (response.statusCode() == 409) {
        conflict = response.body();
      }
    }
    assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
    assertEquals(49, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
    assertTrue(conflict.contains("already booked"), conflict);

    HttpResponse<String> search =
        api.send(
            "GET",
            "/api/booking/bookable/?active=1&nores=1&lab=" + lab + "&ordering=hostname",
            null,
            null);
    assertTrue(search.body().contains("\"hostname\":\"Box-1\""), search.body());

    HttpResponse<String> past =
        api.send(
            "POST",
            "/api/booking/booking/",
            plain,
            "{\"bookable\":"
                + bookable
                + ",\"start\":\"2020-01-01T00:00:00Z\",\"end\":\"2020-01-02T00:00:00Z\"}");
    assertEquals(400, past.statusCode(), past.body());
    assertTrue(past.body().contains("may not be in the past"), past.body());
    HttpResponse<String> tooLong =
        api.send(
            "POST",
            "/api/booking/booking/",
            plain,
            "{\"bookable\":"
                + bookable
                + ",\"start\":\""
                + start.plus(Duration.ofDays(2))
                + "\",\"end\":\""
                + start.plus(Duration.ofDays(40))
                + "\"}");
    assertEquals(400, tooLong.statusCode(), tooLong.body());
    assertTrue(tooLong.body().contains("reserve instead"), tooLong.body());
    HttpResponse<String> reservation =
        api.send("POST", "/api/booking/reservation/", plain, "{\"bookable\":" + bookable + "}");
    assertEquals(403, reservation.statusCode(), reservation.body());

    long booking = id(api.send("GET", "/api/booking/booking/?bookable=" + bookable, admin, null));
    // someone else's booking, which plain may not read: not there for them
    assertEquals(
        404, api.send("DELETE", "/api/booking/booking/" + booking + "/", plain, null).statusCode());
    assertEquals(
        204, api.send("DELETE", "/api/booking/booking/" + booking + "/", admin, null).statusCode());

    // a host leaving active suspends its bookable
    assertEquals(
        200,
        api.send("PATCH", "/api/inventory/host/" + host + "/", admin, "{\"status\":\"missing\"}")
            .statusCode());
    HttpResponse<String> suspended =
        api.send("GET", "/api/booking/bookable/" + bookable + "/", null, null);
    assertTrue(suspended.body().contains("\"status\":\"suspended\""), suspended.body());
  }

  /**
   * End now grace: a client gives a running booking back by sending the time it read as the new
   * end; it arrives a little in the past and is taken as now. The past is not rewritten: once
   * ended, the booking keeps its end.
   */
  @Test
  void endNowGraceARunningBookingIsGivenBackThroughTheApi() throws Exception {
    long bookable = activeBookable("end-now").bookable();
    // no start: it holds from now
    long booking =
        id(
            created(
                "/api/booking/booking/",
                "{\"bookable\":"
                    + bookable
                    + ",\"end\":\""
                    + Instant.now().plus(Duration.ofHours(3))
                    + "\"}"));
    Thread.sleep(1100);
    Instant read = Instant.now().minusSeconds(2);
    HttpResponse<String> ended =
        api.send(
            "PATCH", "/api/booking/booking/" + booking + "/", admin, "{\"end\":\"" + read + "\"}");
    assertEquals(200, ended.statusCode(), ended.body());
    Matcher end = Pattern.compile("\"end\":\"([^\"]+)\"").matcher(ended.body());
    assertTrue(end.find(), ended.body());
    Instant now = Instant.parse(end.group(1));
    assertTrue(now.isAfter(read) && !now.isAfter(Instant.now()), ended.body());
    HttpResponse<String> again =
        api.send(
            "PATCH",
            "/api/booking/booking/" + booking + "/",
            admin,
            "{\"end\":\"" + Instant.now().minusSeconds(2) + "\"}");
    assertEquals(400, again.statusCode(), again.body());
    assertTrue(
        api.send("GET", "/api/booking/booking/" + booking + "/", admin, null)
            .body()
            .contains("\"end\":\"" + end.group(1) + "\""));
  }

  /**
   * A null in a patch says what it means: a reservation's end null makes it open-ended again (as
   * PUT without an end does), a booking's end null is refused (a booking always ends), and a status
   * null is refused rather than reset to the default (which suspended the host's bookable); a
   * comment null is empty, as everywhere else. The original's ordering value is taken.
   */
  @Test
  void aNullInAPatchIsTakenAsSentOrRefusedNeverIgnoredOrAReset() throws Exception {
    ActiveBookable made = activeBookable("null-patch");
    long host = made.host();
    long bookable = made.bookable();
    Instant start = Instant.now().plus(Duration.ofDays(200)).truncatedTo(ChronoUnit.HOURS);
    long reservation =
        id(
            created(
                "/api/booking/reservation/",
                "{\"bookable\":"
                    + bookable
                    + ",\"start\":\""
                    + start
                    + "\",\"end\":\""
                    + start.plus(Duration.ofDays(10))
                    + "\"}"));
    HttpResponse<String> reopened =
        api.send("PATCH", "/api/booking/reservation/" + reservation + "/", admin, "{\"end\":null}");
    assertEquals(200, reopened.statusCode(), reopened.body());
    assertTrue(reopened.body().contains("\"end\":null"), reopened.body());
    HttpResponse<String> kept =
        api.send(
            "PATCH", "/api/booking/reservation/" + reservation + "/", admin, "{\"comment\":\"x\"}");
    assertTrue(kept.body().contains("\"end\":null"), kept.body());
    // a null comment is empty, as the inventory and the notices read it (it kept the old one)
    HttpResponse<String> uncommented =
        api.send(
            "PATCH", "/api/booking/reservation/" + reservation + "/", admin, "{\"comment\":null}");
    assertEquals(200, uncommented.statusCode(), uncommented.body());
    assertTrue(uncommented.body().contains("\"comment\":\"\""), uncommented.body());

    long booking =
        id(
            created(
                "/api/booking/booking/",
                "{\"bookable\":"
                    + bookable
                    + ",\"start\":\""
                    + start.minus(Duration.ofDays(2))
                    + "\",\"end\":\""
                    + start.minus(Duration.ofDays(1))
                    + "\"}"));
    api.send("PATCH", "/api/booking/booking/" + booking + "/", admin, "{\"comment\":\"y\"}");
    HttpResponse<String> bookingUncommented =
        api.send("PATCH", "/api/booking/booking/" + booking + "/", admin, "{\"comment\":null}");
    assertEquals(200, bookingUncommented.statusCode(), bookingUncommented.body());
    assertTrue(bookingUncommented.body().contains("\"comment\":\"\""), bookingUncommented.body());
    HttpResponse<String> noEnd =
        api.send("PATCH", "/api/booking/booking/" + booking + "/", admin, "{\"end\":null}");
    assertEquals(400, noEnd.statusCode(), noEnd.body());
    assertTrue(noEnd.body().contains("\"end\":[\"required\"]"), noEnd.body());

    HttpResponse<String> noStatus =
        api.send("PATCH", "/api/inventory/host/" + host + "/", admin, "{\"status\":null}");
    assertEquals(400, noStatus.statusCode(), noStatus.body());
    assertTrue(noStatus.body().contains("may not be null"), noStatus.body());
    HttpResponse<String> row =
        api.send("GET", "/api/booking/bookable/" + bookable + "/", null, null);
    assertTrue(row.body().contains("\"status\":\"active\""), row.body());

    for (String order : List.of("host__hostname", "-host__hostname")) {
      HttpResponse<String> ordered =
          api.send("GET", "/api/booking/bookable/?ordering=" + order, null, null);
      assertEquals(200, ordered.statusCode(), ordered.body());
    }
  }

  /** An active host (hostname {@code <name>-1}, on hardware of its own) and its active bookable. */
  private record ActiveBookable(long host, long bookable) {}

  private static ActiveBookable activeBookable(String name) throws Exception {
    long hardware = id(created("/api/inventory/hosthardware/", "{\"name\":\"" + name + "-hw\"}"));
    long host =
        id(
            created(
                "/api/inventory/host/",
                "{\"hostname\":\""
                    + name
                    + "-1\",\"hardware\":"
                    + hardware
                    + ",\"status\":\"active\"}"));
    return new ActiveBookable(
        host,
        id(created("/api/booking/bookable/", "{\"host\":" + host + ",\"status\":\"active\"}")));
  }

  private static HttpResponse<String> created(String path, String body) throws Exception {
    return api.created(path, admin, body);
  }
}
