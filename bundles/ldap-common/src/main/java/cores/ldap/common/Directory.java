package cores.ldap.common;

import cores.api.auth.AuthenticationUnavailableException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.TrustManager;
import org.apache.directory.api.ldap.codec.api.LdapApiService;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.exception.LdapException;
import org.apache.directory.api.ldap.model.exception.LdapInvalidDnException;
import org.apache.directory.api.ldap.model.message.BindRequest;
import org.apache.directory.api.ldap.model.message.BindRequestImpl;
import org.apache.directory.api.ldap.model.message.BindResponse;
import org.apache.directory.api.ldap.model.message.ResultCodeEnum;
import org.apache.directory.api.ldap.model.name.Dn;
import org.apache.directory.ldap.client.api.LdapConnection;
import org.apache.directory.ldap.client.api.LdapConnectionConfig;
import org.apache.directory.ldap.client.api.LdapNetworkConnection;

/**
 * One directory server as the providers use it: connection settings (timeouts, ldaps or StartTLS,
 * trust), binding as a user, and reading a user's entry. Thread-safe: it holds no connection.
 */
public final class Directory {
  private final LdapSettings settings;
  private final TrustManager[] trust;
  private final LdapApiService codec;
  private final Trace trace;

  /**
   * @param codec the Directory API's codec: in OSGi the service its codec bundle registers (with
   *     the StartTLS operation added by its extras bundle), so no global singleton is relied upon
   * @throws IllegalArgumentException when the CA file cannot be read
   */
  public Directory(LdapSettings settings, LdapApiService codec, Trace trace) {
    this.settings = settings;
    this.trust = Trust.forHost(settings.host(), settings.caFile());
    this.codec = codec;
    this.trace = trace;
  }

  public LdapApiService codec() {
    return codec;
  }

  public LdapSettings settings() {
    return settings;
  }

  /**
   * Connection settings, bound as {@code name} when the connection is opened by a pool factory.
   *
   * @param name DN to bind as, or {@code null} for none
   * @param credentials its password, or {@code null}
   */
  public LdapConnectionConfig config(String name, String credentials) {
    LdapConnectionConfig config = new LdapConnectionConfig();
    config.setLdapHost(settings.host());
    config.setLdapPort(settings.port());
    config.setUseSsl(settings.ldaps());
    config.setUseTls(settings.startTls());
    config.setTrustManagers(trust);
    config.setLdapApiService(codec);
    long millis = settings.timeout().toMillis();
    config.setTimeout(millis);
    config.setConnectTimeout(millis);
    config.setReadOperationTimeout(millis);
    config.setWriteOperationTimeout(millis);
    config.setSendTimeout(millis);
    config.setCloseTimeout(millis);
    if (name != null) {
      config.setName(name);
      config.setCredentials(credentials);
    }
    return config;
  }

  /**
   * Binds as {@code dn} with the password on a connection of its own and reads the entry.
   *
   * @return the entry when the password is right; empty when the DN or the password is wrong (the
   *     two are not told apart: many servers do not either)
   * @throws AuthenticationUnavailableException when the server cannot be reached or fails
   */
  public Optional<UserEntry> bindAndRead(String dn, char[] password)
      throws AuthenticationUnavailableException {
    return bound(dn, password, true);
  }

  /**
   * Whether the password is right for {@code dn}, checked by a bind on a connection of its own.
   *
   * @throws AuthenticationUnavailableException when the server cannot be reached or fails
   */
  public boolean verify(String dn, char[] password) throws AuthenticationUnavailableException {
    return bound(dn, password, false).isPresent();
  }

  private Optional<UserEntry> bound(String dn, char[] password, boolean read)
      throws AuthenticationUnavailableException {
    if (password == null || password.length == 0) {
      // an empty password is an unauthenticated bind (RFC 4513 5.1.2): it proves nothing
      return Optional.empty();
    }
    Dn parsed;
    try {
      parsed = new Dn(dn);
    } catch (LdapInvalidDnException e) {
      trace.log("LDAP: '{}' is not a valid DN: {}", dn, e.getMessage());
      return Optional.empty();
    }
    try (LdapNetworkConnection connection = new LdapNetworkConnection(config(null, null), codec)) {
      connect(connection);
      if (!bind(connection, parsed, password)) {
        return Optional.empty();
      }
      return Optional.of(
          read
              ? read(connection, parsed)
              : new UserEntry(parsed.getName(), null, null, null, Set.of()));
    }
  }

  /** Opens the connection; StartTLS is done by the API when configured. */
  public void connect(LdapConnection connection) throws AuthenticationUnavailableException {
    try {
      connection.connect();
    } catch (LdapException | RuntimeException e) {
      throw unavailable("cannot connect", e);
    }
  }

  private boolean bind(LdapConnection connection, Dn dn, char[] password)
      throws AuthenticationUnavailableException {
    byte[] credentials = utf8(password);
    try {
      BindRequest request = new BindRequestImpl();
      request.setDn(dn);
      request.setCredentials(credentials);
      BindResponse response = connection.bind(request);
      ResultCodeEnum code = response.getLdapResult().getResultCode();
      trace.log("LDAP: bind as '{}': {}", dn, code);
      return switch (code) {
        case SUCCESS -> true;
        case INVALID_CREDENTIALS,
            INAPPROPRIATE_AUTHENTICATION,
            UNWILLING_TO_PERFORM,
            NO_SUCH_OBJECT,
            INVALID_DN_SYNTAX ->
            false;
        default -> throw new AuthenticationUnavailableException("LDAP bind failed: " + code);
      };
    } catch (LdapException | RuntimeException e) {
      throw unavailable("bind failed", e);
    } finally {
      Arrays.fill(credentials, (byte) 0);
    }
  }

  /** Reads the user's own entry; a user who may not read it gets an identity without profile. */
  private UserEntry read(LdapConnection connection, Dn dn)
      throws AuthenticationUnavailableException {
    Entry entry;
    try {
      entry = connection.lookup(dn, UserEntry.attributes());
    } catch (LdapException | RuntimeException e) {
      throw unavailable("reading the user's entry failed", e);
    }
    if (entry == null) {
      trace.log("LDAP: '{}' may not read its own entry: no profile", dn);
      return new UserEntry(dn.getName(), null, null, null, Set.of());
    }
    return entry(entry);
  }

  /** The parts of an entry Cores uses. */
  public static UserEntry entry(Entry entry) {
    return new UserEntry(
        entry.getDn().getName(),
        first(entry, "givenName"),
        first(entry, "sn"),
        first(entry, "mail"),
        GroupRules.normalizeAll(all(entry, "memberOf")));
  }

  private static String first(Entry entry, String attribute) {
    Attribute a = entry.get(attribute);
    if (a == null || a.size() == 0) {
      return null;
    }
    String value = a.get().getString();
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static List<String> all(Entry entry, String attribute) {
    List<String> out = new ArrayList<>();
    Attribute a = entry.get(attribute);
    if (a != null) {
      for (Value v : a) {
        out.add(v.getString());
      }
    }
    return out;
  }

  /** Maps a failure to talk to the server; the message never carries a password. */
  public AuthenticationUnavailableException unavailable(String what, Exception e) {
    String message = "LDAP server " + settings.uri() + ": " + what + ": " + e.getMessage();
    trace.log("LDAP: {}", message);
    return new AuthenticationUnavailableException(message, e);
  }

  private static byte[] utf8(char[] password) {
    ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    if (buffer.hasArray()) {
      Arrays.fill(buffer.array(), (byte) 0);
    }
    return bytes;
  }
}
