package cores.launcher.env;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
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

  /** Prefixes of Cores' own variables: an unknown name with one of them is probably a typo. */
  private static final List<String> OWN_PREFIXES = List.of("CORES_", "LDAP_", "KERBEROS_", "SMTP_");

  private static final Pattern TIME_OF_DAY = Pattern.compile("([01]?[0-9]|2[0-3]):[0-5][0-9]");

  private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_\\-]{0,62}");

  private final Map<String, String> env;
  private final Path workingDirectory;
  private final RunMode mode;
  private final Map<Variable, String> shown = new EnumMap<>(Variable.class);
  private final List<String> warnings = new ArrayList<>();

  private EnvironmentParser(Map<String, String> env, Path workingDirectory, RunMode mode) {
    this.env = env;
    this.workingDirectory = workingDirectory;
    this.mode = mode;
  }

  /** The server's settings. */
  public static Settings parse(Map<String, String> env, Path workingDirectory)
      throws EnvironmentException {
    return parse(env, workingDirectory, RunMode.SERVER);
  }

  /**
   * @param env the environment, e.g. {@code System.getenv()}
   * @param workingDirectory what relative CORES_DATA / CORES_PLUGINS paths are relative to
   * @param mode a command signs nothing: it needs no SECRET_KEY
   * @throws EnvironmentException naming the first bad or missing variable
   */
  public static Settings parse(Map<String, String> env, Path workingDirectory, RunMode mode)
      throws EnvironmentException {
    return new EnvironmentParser(env, workingDirectory, mode).parse();
  }

  private Settings parse() throws EnvironmentException {
    String hostname = hostname();
    boolean debug = bool(Variable.DEBUG);
    Optional<String> secretKey = text(Variable.SECRET_KEY);
    if (secretKey.isEmpty() && !debug && mode == RunMode.SERVER) {
      throw new EnvironmentException(Variable.SECRET_KEY, "required when DEBUG is False");
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
    List<String> trustedProxies = trustedProxies();
    Path data = path(Variable.CORES_DATA);
    Path plugins = path(Variable.CORES_PLUGINS);

    Optional<AuthProvider> auth = authProvider();
    boolean authLogging = bool(Variable.LDAP_LOGGING);
    Optional<Smtp> smtp = smtp();
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
        trustedProxies,
        data,
        plugins,
        auth,
        authLogging,
        smtp,
        jobs,
        mailRetrySeconds,
        maskedView(),
        warnings);
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

  private Optional<AuthProvider> authProvider() throws EnvironmentException {
    // Parse all three switches so that a malformed one is reported even when another wins.
    boolean ldap = bool(Variable.LDAP_AUTH);
    boolean direct = bool(Variable.LDAP_AUTH_DIRECT);
    boolean kerberos = bool(Variable.KERBEROS_AUTH);
    // like the switches, read even when LDAP is off: their defaults show in the masked view
    boolean startTls = bool(Variable.LDAP_STARTTLS);
    int timeout = number(Variable.LDAP_TIMEOUT_SECONDS, 1, 300);
    if (ldap) {
      ignoredBecause(direct, Variable.LDAP_AUTH_DIRECT, Variable.LDAP_AUTH);
      ignoredBecause(kerberos, Variable.KERBEROS_AUTH, Variable.LDAP_AUTH);
      String uri = ldapUri(Variable.LDAP_AUTH);
      String bindDn = required(Variable.LDAP_BIND_DN, Variable.LDAP_AUTH);
      String bindPass = required(Variable.LDAP_BIND_PASS, Variable.LDAP_AUTH);
      String searchPath = required(Variable.LDAP_SEARCH_PATH, Variable.LDAP_AUTH);
      return Optional.of(
          new AuthProvider.Ldap(
              uri, bindDn, bindPass, searchPath, ldapOptions(uri, startTls, timeout)));
    }
    if (direct) {
      ignoredBecause(kerberos, Variable.KERBEROS_AUTH, Variable.LDAP_AUTH_DIRECT);
      String uri = ldapUri(Variable.LDAP_AUTH_DIRECT);
      String searchPath = required(Variable.LDAP_SEARCH_PATH, Variable.LDAP_AUTH_DIRECT);
      return Optional.of(
          new AuthProvider.LdapDirect(uri, searchPath, ldapOptions(uri, startTls, timeout)));
    }
    if (kerberos) {
      String realm = required(Variable.KERBEROS_REALM, Variable.KERBEROS_AUTH);
      Optional<String> service = text(Variable.KERBEROS_SERVICE);
      Optional<String> keytab = text(Variable.KERBEROS_KEYTAB);
      if (keytab.isPresent() && service.isEmpty()) {
        throw new EnvironmentException(
            Variable.KERBEROS_SERVICE, "required when KERBEROS_KEYTAB is set");
      }
      return Optional.of(
          new AuthProvider.Kerberos(
              realm, service, text(Variable.KERBEROS_KDC), text(Variable.KRB5_CONFIG), keytab));
    }
    return Optional.empty();
  }

  private void ignoredBecause(boolean on, Variable loser, Variable winner) {
    if (on) {
      warnings.add(loser + " is ignored because " + winner + " is True");
    }
  }

  private String ldapUri(Variable switchedOnBy) throws EnvironmentException {
    String uri = required(Variable.LDAP_URI, switchedOnBy);
    String lower = uri.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("ldap://") && !lower.startsWith("ldaps://")) {
      throw new EnvironmentException(
          Variable.LDAP_URI, quote(uri) + " must start with ldap:// or ldaps://");
    }
    return uri;
  }

  /** The optional LDAP settings (see {@link LdapOptions}), read only when an LDAP mode is on. */
  private LdapOptions ldapOptions(String uri, boolean startTls, int timeout)
      throws EnvironmentException {
    if (startTls && uri.toLowerCase(Locale.ROOT).startsWith("ldaps://")) {
      throw new EnvironmentException(
          Variable.LDAP_STARTTLS, "cannot be combined with an ldaps:// LDAP_URI (already TLS)");
    }
    Optional<Path> caFile = Optional.empty();
    if (text(Variable.LDAP_CA_FILE).isPresent()) {
      Path ca = path(Variable.LDAP_CA_FILE);
      if (!java.nio.file.Files.isReadable(ca)) {
        throw new EnvironmentException(
            Variable.LDAP_CA_FILE, quote(ca.toString()) + " cannot be read");
      }
      caFile = Optional.of(ca);
    }
    Optional<String> groupMap = text(Variable.LDAP_GROUP_MAP);
    // the DN itself is checked by the provider, which has an LDAP library to parse it
    if (groupMap.isPresent()) {
      for (String entry : groupMap.get().split(";")) {
        int eq = entry.lastIndexOf('=');
        if (!entry.isBlank() && (eq <= 0 || entry.substring(eq + 1).isBlank())) {
          throw new EnvironmentException(
              Variable.LDAP_GROUP_MAP,
              quote(entry.strip()) + " is not <group DN>=<Cores group> (entries separated by ;)");
        }
      }
    }
    return new LdapOptions(
        startTls,
        timeout,
        caFile,
        groupMap,
        text(Variable.LDAP_STAFF_GROUP),
        text(Variable.LDAP_SUPERUSER_GROUP),
        text(Variable.LDAP_REQUIRE_GROUP));
  }

  private Optional<Smtp> smtp() throws EnvironmentException {
    int port = port(Variable.SMTP_PORT);
    String from = textOrDefault(Variable.SMTP_FROM);
    Optional<String> user = text(Variable.SMTP_USER);
    Optional<String> password = text(Variable.SMTP_PASSWORD);
    boolean starttls = bool(Variable.SMTP_STARTTLS);
    boolean ssl = bool(Variable.SMTP_SSL);
    if (starttls && ssl) {
      throw new EnvironmentException(
          Variable.SMTP_SSL, "cannot be combined with SMTP_STARTTLS (choose one)");
    }
    // The original treated SMTP_SERVER=False as a host name called "False": here it means off.
    Optional<String> server =
        text(Variable.SMTP_SERVER).filter(s -> !isFalse(s.toLowerCase(Locale.ROOT)));
    if (server.isEmpty()) {
      shown.put(Variable.SMTP_SERVER, "False");
      return Optional.empty();
    }
    if (password.isPresent() && user.isEmpty()) {
      throw new EnvironmentException(Variable.SMTP_USER, "required when SMTP_PASSWORD is set");
    }
    return Optional.of(new Smtp(server.get(), port, from, user, password, starttls, ssl));
  }

  private static boolean isFalse(String lower) {
    return lower.equals("false") || lower.equals("0") || lower.equals("no");
  }

  private String required(Variable variable, Variable switchedOnBy) throws EnvironmentException {
    return text(variable)
        .orElseThrow(
            () -> new EnvironmentException(variable, "required when " + switchedOnBy + " is True"));
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

  /** An IANA zone id such as Europe/Berlin (or UTC); fixed offsets too, as Java reads them. */
  private ZoneId zone(Variable variable) throws EnvironmentException {
    String value = textOrDefault(variable);
    try {
      return ZoneId.of(value);
    } catch (DateTimeException e) {
      throw new EnvironmentException(
          variable, quote(value) + " is not a time zone (an IANA name such as Europe/Berlin)");
    }
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
    Set<String> known = Variable.names();
    env.keySet().stream()
        .filter(name -> OWN_PREFIXES.stream().anyMatch(name::startsWith))
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
