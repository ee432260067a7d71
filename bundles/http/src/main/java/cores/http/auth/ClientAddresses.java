package cores.http.auth;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Where a request comes from, for the login throttle: the address of the connection's peer, or,
 * when the peer is one of the trusted proxies, the {@code X-Real-IP} that proxy sets (nginx: {@code
 * proxy_set_header X-Real-IP $remote_addr}). A client's own {@code X-Real-IP} or {@code
 * X-Forwarded-For} is never believed: anyone could claim a fresh address for every guess.
 */
public final class ClientAddresses {
  /** Request property (a servlet request attribute): the client's {@link InetAddress}. */
  public static final String PROPERTY = "cores.http.clientAddress";

  public static final String REAL_IP = "X-Real-IP";

  /** A proxy on the same host, and the stack's nginx (docker-compose): as HttpConfig's default. */
  public static final List<String> DEFAULT_TRUSTED = List.of("127.0.0.1", "::1", "nginx");

  /** How long resolved proxy names are kept, as nginx itself keeps Docker's answers. */
  private static final long RESOLVE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  /** IPv6 literals only; without a colon a name could start a DNS lookup. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final Set<InetAddress> literals;
  private final List<String> names;
  private volatile Resolved resolved = new Resolved(Set.of(), Long.MIN_VALUE);

  /**
   * @param trusted the proxies whose {@code X-Real-IP} is believed: IP addresses or host names
   *     (looked up again every 10 seconds)
   */
  public ClientAddresses(List<String> trusted) {
    List<InetAddress> addresses = new ArrayList<>();
    List<String> hostNames = new ArrayList<>();
    for (String entry : trusted) {
      String value = entry.trim();
      if (value.isEmpty()) {
        continue;
      }
      literal(value).ifPresentOrElse(addresses::add, () -> hostNames.add(value));
    }
    this.literals = Set.copyOf(addresses);
    this.names = List.copyOf(hostNames);
  }

  /**
   * @param peer the connection's peer, null when unknown
   * @param realIp the request's {@code X-Real-IP}, or null
   * @return the client's address, when known
   */
  public Optional<InetAddress> client(InetAddress peer, String realIp) {
    if (peer == null) {
      return Optional.empty();
    }
    if (realIp == null || !trusted(peer)) {
      return Optional.of(peer);
    }
    // a header that is no address is the proxy's fault, not the client's: count the proxy
    return literal(realIp.trim()).or(() -> Optional.of(peer));
  }

  /** The client address that the front handler put on the request, when known. */
  public static Optional<InetAddress> of(ContainerRequestContext request) {
    return request.getProperty(PROPERTY) instanceof InetAddress address
        ? Optional.of(address)
        : Optional.empty();
  }

  private boolean trusted(InetAddress peer) {
    if (literals.contains(peer)) {
      return true;
    }
    if (names.isEmpty()) {
      return false;
    }
    Resolved current = resolved;
    long now = System.nanoTime();
    if (current.at() == Long.MIN_VALUE || now - current.at() > RESOLVE_NANOS) {
      current = new Resolved(resolve(), now);
      resolved = current;
    }
    return current.addresses().contains(peer);
  }

  private Set<InetAddress> resolve() {
    List<InetAddress> addresses = new ArrayList<>();
    for (String name : names) {
      try {
        addresses.addAll(List.of(InetAddress.getAllByName(name)));
      } catch (UnknownHostException e) {
        // not there (no such proxy outside the stack): nobody is trusted under that name
      }
    }
    return Set.copyOf(addresses);
  }

  /** An IP address written out, parsed without any DNS lookup; empty for anything else. */
  static Optional<InetAddress> literal(String text) {
    String value =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    try {
      if (IPV4.matcher(value).matches()) {
        String[] parts = value.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
          int part = Integer.parseInt(parts[i]);
          if (part > 255) {
            return Optional.empty();
          }
          bytes[i] = (byte) part;
        }
        return Optional.of(InetAddress.getByAddress(bytes));
      }
      // with a colon, the JDK parses an IPv6 literal or refuses it, never looks it up
      return IPV6.matcher(value).matches()
          ? Optional.of(InetAddress.getByName(value))
          : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private record Resolved(Set<InetAddress> addresses, long at) {}
}
