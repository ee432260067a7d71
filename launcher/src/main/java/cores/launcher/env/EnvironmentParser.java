package cores.launcher.env;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the process environment into validated {@link Settings}: the only place in Cores that reads
 * environment variables. Pure: the environment and the working directory (for relative paths) are
 * parameters. Empty values count as unset, as docker-compose writes {@code VAR=} for "nothing".
 */
public final class EnvironmentParser {

  /** The prefix of the platform's own variables: an unknown name with it is probably a typo. */
  private static final String OWN_PREFIX = "CORES_";

  private static final Pattern TIME_OF_DAY = Pattern.compile("([01]?[0-9]|2[0-3]):[0-5][0-9]");

  private static final int STRONG_KEY_LENGTH = 50;
  private static final int STRONG_KEY_DISTINCT = 5;

  /** CORES_HTTP_ADDRESS for every interface, IPv4 and IPv6. */
  static final String EVERY_INTERFACE = "*";

  /** CORES_HTTP_ADDRESS's default with DEBUG=True. */
  static final String LOOPBACK = "127.0.0.1";

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]{0,62}");

  private final Map<String, String> env;
  private final Path workingDirectory;
  private final RunMode mode;
  private final Set<String> declared;
  private final Map<Variable, String> shown = new EnumMap<>(Variable.class);
  private final List<String> warnings = new ArrayList<>();

  private EnvironmentParser(
      Map<String, String> env, Path workingDirectory, RunMode mode, Set<String> declared) {
    this.env = env;
    this.workingDirectory = workingDirectory;
    this.mode = mode;
    this.declared = Set.copyOf(declared);
  }

  /** The server's settings, with no feature declaring variables. */
  public static Settings parse(Map<String, String> env, Path workingDirectory)
      throws EnvironmentException {
    return parse(env, workingDirectory, RunMode.SERVER, Set.of());
  }

  /**
   * @param env the environment, e.g. {@code System.getenv()}
   * @param workingDirectory what relative CORES_DATA / CORES_PLUGINS paths are relative to
   * @param mode a command signs nothing: it needs no SECRET_KEY
   * @param declared the variables the features declare (their bundles check the values): known, and
   *     their prefixes mark names that are probably typos of them
   * @throws EnvironmentException naming the first bad or missing variable
   */
  public static Settings parse(
      Map<String, String> env, Path workingDirectory, RunMode mode, Set<String> declared)
      throws EnvironmentException {
    return new EnvironmentParser(env, workingDirectory, mode, declared).parse();
  }

  private Settings parse() throws EnvironmentException {
    String hostname = hostname();
    boolean debug = bool(Variable.DEBUG);
    Optional<String> secretKey = text(Variable.SECRET_KEY);
    if (secretKey.isEmpty() && !debug && mode == RunMode.SERVER) {
      throw new EnvironmentException(Variable.SECRET_KEY, "required when DEBUG is False");
    }
    if (secretKey.isPresent() && !debug && mode == RunMode.SERVER && weak(secretKey.get())) {
      warnings.add(
          "SECRET_KEY is weak (fewer than "
              + STRONG_KEY_LENGTH
              + " characters or fewer than "
              + STRONG_KEY_DISTINCT
              + " different ones): sessions and CSRF tokens signed with it can be forged; set"
              + " "
              + STRONG_KEY_LENGTH
              + " or more random characters");
    }

    int postgresPort = port(Variable.POSTGRES_PORT);
    String dbName = textOrDefault(Variable.POSTGRES_DB);
    if (!DATABASE_NAME.matcher(dbName).matches()) {
      throw new EnvironmentException(
          Variable.POSTGRES_DB,
          quote(dbName) + " is not a database name (letters, digits, _ and -, at most 63)");
    }
    Optional<String> dbUser = text(Variable.POSTGRES_USER);
    Optional<String> dbPassword = text(Variable.POSTGRES_PASSWORD);
    Optional<Database> external =
        text(Variable.POSTGRES_HOST)
            .map(host -> new Database(host, postgresPort, dbName, dbUser, dbPassword));
    int poolSize = number(Variable.CORES_DB_POOL_SIZE, 1, 1000);
    int waitSeconds = number(Variable.CORES_DB_WAIT_SECONDS, 0, 3600);
    int httpPort = port(Variable.CORES_HTTP_PORT);
    String httpAddress = httpAddress(debug);
    List<String> trustedProxies = trustedProxies();
    List<String> trustedOrigins = trustedOrigins();
    int httpMaxActive = number(Variable.CORES_HTTP_MAX_ACTIVE, 0, 10_000);
    Path data = path(Variable.CORES_DATA);
    Path plugins = path(Variable.CORES_PLUGINS);

    JobSchedule jobs =
        new JobSchedule(
            timeOfDay(Variable.CORES_MORNING_JOB_AT),
            timeOfDay(Variable.CORES_MAINTENANCE_JOB_AT),
            zone(Variable.CORES_TIME_ZONE),
            number(Variable.CORES_CHANGELOG_DAYS, 1, 36_500));
    int mailRetrySeconds = number(Variable.CORES_MAIL_RETRY_SECONDS, 1, 3600);

    warnAboutUnknownVariables();
    return new Settings(
        hostname,
        secretKey,
        debug,
        external,
        dbName,
        poolSize,
        waitSeconds,
        httpPort,
        httpAddress,
        trustedProxies,
        trustedOrigins,
        httpMaxActive,
        data,
        plugins,
        jobs,
        mailRetrySeconds,
        maskedView(),
        warnings);
  }

  /** Django's rule for a key fit for production (check --deploy). */
  static boolean weak(String key) {
    return key.length() < STRONG_KEY_LENGTH || key.chars().distinct().count() < STRONG_KEY_DISTINCT;
  }

  /** Host names or addresses, separated by commas. */
  private List<String> trustedProxies() throws EnvironmentException {
    List<String> proxies = new ArrayList<>();
    for (String entry : textOrDefault(Variable.CORES_TRUSTED_PROXIES).split(",")) {
      String proxy = entry.strip();
      if (!isHostName(proxy)) {
        throw new EnvironmentException(
            Variable.CORES_TRUSTED_PROXIES, quote(proxy) + " is not a host name or address");
      }
      proxies.add(proxy);
    }
    return proxies;
  }

  /**
   * The address to listen on, "" for every interface ({@value #EVERY_INTERFACE}). Unset, the quick
   * start (DEBUG=True) listens on the loopback address only, as Django's runserver does: a laptop's
   * Cores with its debug answers and generated key is not reachable from the network; otherwise on
   * every interface, where a proxy on another host or container reaches it.
   */
  private String httpAddress(boolean debug) throws EnvironmentException {
    Variable variable = Variable.CORES_HTTP_ADDRESS;
    String value = text(variable).orElse(debug ? LOOPBACK : EVERY_INTERFACE);
    shown.put(variable, value);
    if (value.equals(EVERY_INTERFACE)) {
      return "";
    }
    if (!isIpAddress(value)) {
      throw new EnvironmentException(
          variable,
          quote(value)
              + " is not an IP address of this machine (e.g. 127.0.0.1, ::1 or 10.0.0.5) nor "
              + EVERY_INTERFACE
              + " (every interface)");
    }
    return value;
  }

  /**
   * Four decimal numbers 0 to 255 joined by dots, or an IPv6 address (hexadecimal groups and
   * colons, maybe ending in an IPv4 address): parsed without any name lookup.
   */
  static boolean isIpAddress(String value) {
    if (value.indexOf(':') < 0) {
      String[] parts = value.split("\\.", -1);
      if (parts.length != 4) {
        return false;
      }
      for (String part : parts) {
        if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
          return false;
        }
        if (Integer.parseInt(part) > 255 || part.length() > 1 && part.charAt(0) == '0') {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
        return false;
      }
    }
    try {
      // only hexadecimal digits, colons and dots: parsed as a literal, never looked up
      InetAddress.getByName(value);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Origins, separated by commas; none when unset. */
  private List<String> trustedOrigins() throws EnvironmentException {
    Optional<String> value = text(Variable.CORES_TRUSTED_ORIGINS);
    List<String> origins = new ArrayList<>();
    for (String entry : value.map(v -> v.split(",", -1)).orElse(new String[0])) {
      String origin = entry.strip();
      if (!isOrigin(origin)) {
        throw new EnvironmentException(
            Variable.CORES_TRUSTED_ORIGINS,
            quote(origin)
                + " is not an origin: http:// or https://, a host name or address, maybe :port,"
                + " nothing after it (e.g. https://cores.example.com)");
      }
      origins.add(origin);
    }
    return origins;
  }

  /**
   * {@code http://} or {@code https://}, then a host name or address (IPv6 in brackets) and maybe a
   * port: what browsers send as {@code Origin}. Parsed by hand, as host names are.
   */
  static boolean isOrigin(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    String authority;
    if (lower.startsWith("https://")) {
      authority = value.substring("https://".length());
    } else if (lower.startsWith("http://")) {
      authority = value.substring("http://".length());
    } else {
      return false;
    }
    String host = authority;
    String port = null;
    int close = authority.lastIndexOf(']');
    int colon = authority.lastIndexOf(':');
    if (authority.startsWith("[") && close > 0) {
      host = authority.substring(1, close);
      String rest = authority.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        return false;
      }
      port = rest.isEmpty() ? null : rest.substring(1);
      if (host.indexOf(':') < 0) {
        return false;
      }
    } else if (colon >= 0) {
      host = authority.substring(0, colon);
      port = authority.substring(colon + 1);
      if (host.indexOf(':') >= 0) {
        return false;
      }
    }
    if (!isHostName(host)) {
      return false;
    }
    if (port == null) {
      return true;
    }
    try {
      int n = Integer.parseInt(port);
      return port.length() <= 5 && n >= 1 && n <= 65_535 && port.charAt(0) != '+';
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String hostname() throws EnvironmentException {
    String value = textOrDefault(Variable.HOSTNAME);
    if (!isHostName(value)) {
      throw new EnvironmentException(Variable.HOSTNAME, quote(value) + " is not a host name");
    }
    return value;
  }

  /**
   * A DNS name or an IPv4/IPv6 address: letters, digits, '.', '-' and ':' (IPv6), not starting or
   * ending with a separator. A loop rather than a regular expression: no backtracking.
   */
  static boolean isHostName(String value) {
    if (value.isEmpty() || value.length() > 253) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && c != '.' && c != '-' && c != ':') {
        return false;
      }
    }
    char first = value.charAt(0);
    char last = value.charAt(value.length() - 1);
    return first != '.' && first != '-' && last != '.' && last != '-';
  }

  private static boolean isFalse(String lower) {
    return lower.equals("false") || lower.equals("0") || lower.equals("no");
  }

  /** The trimmed value, or empty when unset or blank; recorded for the masked view. */
  private Optional<String> text(Variable variable) {
    String raw = env.get(variable.name());
    if (raw == null || raw.isBlank()) {
      return Optional.empty();
    }
    String value = raw.strip();
    shown.put(variable, variable.secret() ? Variable.MASK : value);
    return Optional.of(value);
  }

  private String textOrDefault(Variable variable) {
    return text(variable).orElseGet(() -> shownDefault(variable));
  }

  private String shownDefault(Variable variable) {
    String value = variable.defaultValue().orElseThrow();
    shown.put(variable, value);
    return value;
  }

  private boolean bool(Variable variable) throws EnvironmentException {
    String value = textOrDefault(variable);
    String lower = value.toLowerCase(Locale.ROOT);
    boolean result;
    if (lower.equals("true") || lower.equals("1") || lower.equals("yes")) {
      result = true;
    } else if (isFalse(lower)) {
      result = false;
    } else {
      throw new EnvironmentException(
          variable, quote(value) + " is not a boolean (use True or False)");
    }
    shown.put(variable, result ? "True" : "False");
    return result;
  }

  private int port(Variable variable) throws EnvironmentException {
    String value = textOrDefault(variable);
    return parseInt(variable, value, 1, 65535, "is not a port number (1 to 65535)");
  }

  private int number(Variable variable, int min, int max) throws EnvironmentException {
    String value = textOrDefault(variable);
    return parseInt(variable, value, min, max, "is not a whole number from " + min + " to " + max);
  }

  private static int parseInt(Variable variable, String value, int min, int max, String problem)
      throws EnvironmentException {
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the variable's name
    }
    throw new EnvironmentException(variable, quote(value) + " " + problem);
  }

  /** HH:MM (or H:MM), 00:00 to 23:59; shown as HH:MM. */
  private LocalTime timeOfDay(Variable variable) throws EnvironmentException {
    String value = textOrDefault(variable);
    if (!TIME_OF_DAY.matcher(value).matches()) {
      throw new EnvironmentException(
          variable, quote(value) + " is not a time of day HH:MM (00:00 to 23:59)");
    }
    int colon = value.indexOf(':');
    LocalTime time =
        LocalTime.of(
            Integer.parseInt(value.substring(0, colon)),
            Integer.parseInt(value.substring(colon + 1)));
    shown.put(variable, time.toString());
    return time;
  }

  /**
   * An IANA region name such as Europe/Berlin (or UTC), as configuration.md says: not a fixed
   * offset, which has no daylight saving time and would shift the jobs by an hour half the year.
   */
  private ZoneId zone(Variable variable) throws EnvironmentException {
    String value = textOrDefault(variable);
    if (ZoneId.getAvailableZoneIds().contains(value)) {
      return ZoneId.of(value);
    }
    String problem = " is not an IANA time zone name such as Europe/Berlin";
    try {
      ZoneId.of(value);
      problem = " is a fixed offset, not an IANA time zone name such as Europe/Berlin";
    } catch (DateTimeException e) {
      // neither a region nor an offset: the general message
    }
    throw new EnvironmentException(variable, quote(value) + problem);
  }

  private Path path(Variable variable) throws EnvironmentException {
    String value = textOrDefault(variable);
    try {
      Path path = workingDirectory.resolve(value).toAbsolutePath().normalize();
      shown.put(variable, path.toString());
      return path;
    } catch (java.nio.file.InvalidPathException e) {
      throw new EnvironmentException(variable, quote(value) + " is not a valid path");
    }
  }

  private void warnAboutUnknownVariables() {
    Set<String> known = new HashSet<>(Variable.names());
    known.addAll(declared);
    Set<String> prefixes = new HashSet<>();
    prefixes.add(OWN_PREFIX);
    for (String name : declared) {
      int underscore = name.indexOf('_');
      if (underscore > 0) {
        prefixes.add(name.substring(0, underscore + 1));
      }
    }
    env.keySet().stream()
        .filter(name -> prefixes.stream().anyMatch(name::startsWith))
        .filter(name -> !known.contains(name))
        .sorted()
        .forEach(name -> warnings.add(name + " is not a Cores variable and is ignored"));
  }

  private Map<String, String> maskedView() {
    Map<String, String> view = new LinkedHashMap<>();
    for (Variable v : Variable.values()) {
      // Variables read only when their provider is on are shown as set, untouched.
      String value = shown.containsKey(v) ? shown.get(v) : text(v).orElse(null);
      if (value != null) {
        view.put(v.name(), v.secret() ? Variable.MASK : value);
      }
    }
    return view;
  }

  private static String quote(String value) {
    return "\"" + value + "\"";
  }
}
