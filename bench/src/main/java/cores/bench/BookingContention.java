package cores.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Booking creation under contention (issue 3): in each round, N concurrent POSTs to {@code
 * /api/booking/booking/} ask for the same one-hour slot of one bookable over HTTP. It reports the
 * time to settle (the first request sent to the last answer received) per round and the median, and
 * fails unless every round answers exactly one 201 and N - 1 409s (no 500, nothing else). Each
 * round books its own future slot. A first round of N concurrent GETs opens the connections, so
 * that the rounds measure Cores rather than TCP handshakes, and two unreported rounds warm up the
 * JIT on the booking path.
 *
 * <p>Usage: {@code java -cp bench/target/classes cores.bench.BookingContention <base url> <token>
 * <bookable id> [rounds] [concurrent]} (default 7 rounds of 50).
 */
public final class BookingContention {
  private BookingContention() {}

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String token = args[1];
    long bookable = Long.parseLong(args[2]);
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 7;
    int concurrent = args.length > 4 ? Integer.parseInt(args[4]) : 50;
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    HttpRequest warm =
        HttpRequest.newBuilder(URI.create(base + "/api/booking/bookable/" + bookable + "/"))
            .header("Authorization", "Token " + token)
            .build();
    List<CompletableFuture<HttpResponse<String>>> warming = new ArrayList<>();
    for (int i = 0; i < concurrent; i++) {
      warming.add(client.sendAsync(warm, HttpResponse.BodyHandlers.ofString()));
    }
    warming.forEach(CompletableFuture::join);

    // far enough ahead of the seeded bookings and of each other
    Instant first = Instant.now().plus(Duration.ofDays(70)).truncatedTo(ChronoUnit.HOURS);
    List<Double> settle = new ArrayList<>();
    boolean ok = true;
    int warmUp = 2;
    for (int round = -warmUp; round < rounds; round++) {
      Instant start = first.plus(Duration.ofHours(2L * (round + warmUp)));
      String body =
          String.format(
              "{\"bookable\": %d, \"start\": \"%s\", \"end\": \"%s\", \"comment\": \"contention\"}",
              bookable, start, start.plus(Duration.ofHours(1)));
      HttpRequest post =
          HttpRequest.newBuilder(URI.create(base + "/api/booking/booking/"))
              .header("Authorization", "Token " + token)
              .header("Content-Type", "application/json")
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>(concurrent);
      long[] answered = new long[concurrent];
      long t0 = System.nanoTime();
      for (int i = 0; i < concurrent; i++) {
        int slot = i;
        answers.add(
            client
                .sendAsync(post, HttpResponse.BodyHandlers.ofString())
                .whenComplete((r, e) -> answered[slot] = System.nanoTime()));
      }
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<String> unexpected = new ArrayList<>();
      for (CompletableFuture<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.join();
        statuses.merge(response.statusCode(), 1, Integer::sum);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
          unexpected.add(response.statusCode() + " " + response.body());
        }
      }
      long last = 0;
      for (long t : answered) {
        last = Math.max(last, t);
      }
      double ms = (last - t0) / 1e6;
      boolean exact =
          statuses.getOrDefault(201, 0) == 1 && statuses.getOrDefault(409, 0) == concurrent - 1;
      ok &= exact;
      if (round >= 0) {
        settle.add(ms);
      }
      System.out.printf(
          "%s: settled in %.1f ms, statuses %s%s%n",
          round < 0 ? "warm-up" : "round " + (round + 1),
          ms,
          statuses,
          exact ? "" : " <- expected one 201 and " + (concurrent - 1) + " 409");
      unexpected.stream().limit(3).forEach(u -> System.out.println("  " + u));
    }
    List<Double> sorted = settle.stream().sorted().toList();
    double median =
        sorted.size() % 2 == 1
            ? sorted.get(sorted.size() / 2)
            : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
    System.out.printf(
        "%d concurrent bookings of one slot, %d rounds: median time to settle %.1f ms (min %.1f,"
            + " max %.1f)%s%n",
        concurrent,
        rounds,
        median,
        sorted.get(0),
        sorted.get(sorted.size() - 1),
        ok ? "; every round one 201 and the rest 409" : "; SOME ROUNDS FAILED");
    if (!ok) {
      System.exit(1);
    }
  }
}
