package cores.bench;

import cores.api.auth.AuthenticationProvider;
import cores.ldap.testserver.Configs;
import cores.ldap.testserver.LdapTestServer;
import cores.ldap.testserver.TestCodec;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.directory.api.ldap.codec.api.LdapApiService;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapNetworkConnection;

/**
 * Login latency through the LDAP search-then-bind provider against a raw LDAP bind of the same user
 * from the same JVM (connect, bind, close with the same Directory API and codec), one after the
 * other in the same run against the same in-process LDAP server (UnboundID, over TCP on 127.0.0.1);
 * then logins per second with 8 concurrent clients.
 *
 * <p>Usage: {@code java -cp ... cores.bench.LdapLogin [iterations] [seconds]}.
 */
public final class LdapLogin {
  private static final int CLIENTS = 8;

  private LdapLogin() {}

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    try (LdapTestServer server = LdapTestServer.start()) {
      LdapApiService codec = TestCodec.create();
      AuthenticationProvider provider = provider(server, codec);
      char[] password = LdapTestServer.JANE_PASSWORD.toCharArray();
      String dn = LdapTestServer.userDn(LdapTestServer.JANE);
      Op login =
          () -> {
            if (provider.authenticate(LdapTestServer.JANE, password).isEmpty()) {
              throw new IllegalStateException("login refused");
            }
          };
      Op raw = () -> rawBind(server.ldapPort(), codec, dn, LdapTestServer.JANE_PASSWORD);

      // warm up both paths (JIT, pool), then interleave blocks so drift hits both alike
      time(login, iterations / 2);
      time(raw, iterations / 2);
      long[] providerNanos = new long[iterations];
      long[] rawNanos = new long[iterations];
      int block = 100;
      for (int done = 0; done < iterations; done += block) {
        int n = Math.min(block, iterations - done);
        System.arraycopy(time(login, n), 0, providerNanos, done, n);
        System.arraycopy(time(raw, n), 0, rawNanos, done, n);
      }
      double providerMedian = median(providerNanos) / 1e3;
      double rawMedian = median(rawNanos) / 1e3;
      System.out.printf(
          "latency (median of %d, us): provider %.1f, raw bind %.1f, ratio %.2f (target <= 1.5)%n",
          iterations, providerMedian, rawMedian, providerMedian / rawMedian);
      System.out.printf(
          "latency (mean, us): provider %.1f, raw bind %.1f, ratio %.2f%n",
          mean(providerNanos) / 1e3, mean(rawNanos) / 1e3, mean(providerNanos) / mean(rawNanos));
      System.out.printf(
          "throughput with %d clients, %d s: provider %.0f logins/s, raw bind %.0f binds/s%n",
          CLIENTS, seconds, throughput(login, seconds), throughput(raw, seconds));
    }
  }

  /** The provider as SCR builds it: its configuration annotation is package-private. */
  private static AuthenticationProvider provider(LdapTestServer server, LdapApiService codec)
      throws ReflectiveOperationException {
    Class<?> type = Class.forName("cores.auth.ldap.SearchBindProvider");
    Class<?> config = Class.forName("cores.auth.ldap.LdapConfig");
    Map<String, Object> values = new HashMap<>();
    values.put("uri", server.ldapUri());
    values.put("bindDn", LdapTestServer.SERVICE_DN);
    values.put("bindPassword", LdapTestServer.SERVICE_PASSWORD);
    values.put("searchPath", "OU=All Sites," + LdapTestServer.BASE);
    return (AuthenticationProvider)
        type.getConstructor(config, LdapApiService.class)
            .newInstance(Configs.of(config, values), codec);
  }

  private static void rawBind(int port, LdapApiService codec, String dn, String password)
      throws Exception {
    LdapConnectionConfig config = new LdapConnectionConfig();
    config.setLdapHost("127.0.0.1");
    config.setLdapPort(port);
    config.setLdapApiService(codec);
    try (LdapNetworkConnection connection = new LdapNetworkConnection(config, codec)) {
      connection.bind(dn, password);
    }
  }

  private static long[] time(Op op, int n) throws Exception {
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      op.run();
      nanos[i] = System.nanoTime() - start;
    }
    return nanos;
  }

  private static double throughput(Op op, int seconds) throws InterruptedException {
    AtomicLong count = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    CountDownLatch done = new CountDownLatch(CLIENTS);
    for (int i = 0; i < CLIENTS; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (System.nanoTime() < end) {
                    op.run();
                    count.incrementAndGet();
                  }
                } catch (Exception e) {
                  failures.incrementAndGet();
                } finally {
                  done.countDown();
                }
              });
      t.start();
    }
    done.await();
    if (failures.get() > 0) {
      throw new IllegalStateException(failures.get() + " clients failed");
    }
    return count.get() / (double) seconds;
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double mean(long[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  /** One login or bind. */
  private interface Op {
    void run() throws Exception;
  }
}
