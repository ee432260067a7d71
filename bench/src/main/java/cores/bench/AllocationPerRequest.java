package cores.bench;

import com.sun.management.ThreadMXBean;
import com.sun.tools.attach.VirtualMachine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The heap bytes Cores' JVM allocates per request, by URL (issue 16 item 4): the JVM's own count of
 * bytes allocated by all its threads ({@code getTotalThreadAllocatedBytes}, read over a local JMX
 * connection this program attaches), before and after {@code requests} requests sent one at a time.
 * Unlike req/s it does not depend on the machine's load. The same count over an idle span as long
 * as the requests took (timers, the pool's checks) is printed beside it; each URL is warmed up with
 * as many requests first, and measured {@code rounds} times (the median is printed).
 *
 * <p>Usage: {@code java -cp bench/target/classes cores.bench.AllocationPerRequest <pid> <requests>
 * <rounds>}, the URLs on standard input, one a line: {@code name<TAB>url[<TAB>header: value]}.
 */
public final class AllocationPerRequest {
  private AllocationPerRequest() {}

  private record Target(String name, HttpRequest request) {}

  public static void main(String[] args) throws Exception {
    String pid = args[0];
    int requests = Integer.parseInt(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    List<Target> targets = new ArrayList<>();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split("\t");
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(parts[1]));
      for (int i = 2; i < parts.length; i++) {
        int colon = parts[i].indexOf(':');
        request.header(parts[i].substring(0, colon).trim(), parts[i].substring(colon + 1).trim());
      }
      targets.add(new Target(parts[0], request.build()));
    }
    VirtualMachine vm = VirtualMachine.attach(pid);
    String address = vm.startLocalManagementAgent();
    vm.detach();
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      ThreadMXBean threads =
          ManagementFactory.newPlatformMXBeanProxy(
              server, ManagementFactory.THREAD_MXBEAN_NAME, ThreadMXBean.class);
      for (Target target : targets) {
        send(client, target, requests);
        long[] perRequest = new long[rounds];
        long[] idle = new long[rounds];
        for (int r = 0; r < rounds; r++) {
          long before = threads.getTotalThreadAllocatedBytes();
          long t0 = System.nanoTime();
          send(client, target, requests);
          long took = System.nanoTime() - t0;
          long after = threads.getTotalThreadAllocatedBytes();
          perRequest[r] = (after - before) / requests;
          Thread.sleep(took / 1_000_000);
          idle[r] = (threads.getTotalThreadAllocatedBytes() - after) / requests;
        }
        Arrays.sort(perRequest);
        Arrays.sort(idle);
        System.out.printf(
            "%-20s %9d bytes/request (rounds %s; idle over as long %d)%n",
            target.name(), perRequest[rounds / 2], Arrays.toString(perRequest), idle[rounds / 2]);
      }
    }
  }

  private static void send(HttpClient client, Target target, int requests) throws Exception {
    for (int i = 0; i < requests; i++) {
      HttpResponse<byte[]> answer =
          client.send(target.request(), HttpResponse.BodyHandlers.ofByteArray());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException(
            target.name() + ": " + answer.statusCode() + " from " + target.request().uri());
      }
    }
  }
}
