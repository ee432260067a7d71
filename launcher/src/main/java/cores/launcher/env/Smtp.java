package cores.launcher.env;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Mail over SMTP, present only when SMTP_SERVER names a host. */
public record Smtp(
    String server,
    int port,
    String from,
    Optional<String> user,
    Optional<String> password,
    boolean starttls,
    boolean ssl) {

  public static final String PID = "cores.notify.smtp";
  public static final String FEATURE = "notify-smtp";

  public Map<String, Object> properties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("server", server);
    p.put("port", port);
    p.put("from", from);
    user.ifPresent(v -> p.put("user", v));
    password.ifPresent(v -> p.put("password", v));
    p.put("starttls", starttls);
    p.put("ssl", ssl);
    return p;
  }

  @Override
  public String toString() {
    return "Smtp[server=" + server + ", port=" + port + ", from=" + from + "]";
  }
}
