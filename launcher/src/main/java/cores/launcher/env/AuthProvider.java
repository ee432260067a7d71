package cores.launcher.env;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one external login provider that is switched on (the original's precedence: LDAP_AUTH, else
 * LDAP_AUTH_DIRECT, else KERBEROS_AUTH). Each knows its configuration PID, the feature that holds
 * its bundles and the variable that switched it on (named in errors).
 */
public sealed interface AuthProvider {

  String pid();

  String feature();

  Variable switchedOnBy();

  /** Configuration properties; {@code logging} is LDAP_LOGGING, which covers every provider. */
  Map<String, Object> properties(boolean logging);

  /** Search-then-bind LDAP. */
  record Ldap(
      String uri, String bindDn, String bindPassword, String searchPath, LdapOptions options)
      implements AuthProvider {
    @Override
    public String pid() {
      return "cores.auth.ldap";
    }

    @Override
    public String feature() {
      return "auth-ldap";
    }

    @Override
    public Variable switchedOnBy() {
      return Variable.LDAP_AUTH;
    }

    @Override
    public Map<String, Object> properties(boolean logging) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("uri", uri);
      p.put("bindDn", bindDn);
      p.put("bindPassword", bindPassword);
      p.put("searchPath", searchPath);
      p.put("logging", logging);
      options.putInto(p);
      return p;
    }

    @Override
    public String toString() {
      return "Ldap[uri="
          + uri
          + ", bindDn="
          + bindDn
          + ", searchPath="
          + searchPath
          + ", options="
          + options
          + "]";
    }
  }

  /** Direct bind as CN=user,searchPath. */
  record LdapDirect(String uri, String searchPath, LdapOptions options) implements AuthProvider {
    @Override
    public String pid() {
      return "cores.auth.ldapdirect";
    }

    @Override
    public String feature() {
      return "auth-ldap-direct";
    }

    @Override
    public Variable switchedOnBy() {
      return Variable.LDAP_AUTH_DIRECT;
    }

    @Override
    public Map<String, Object> properties(boolean logging) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("uri", uri);
      p.put("searchPath", searchPath);
      p.put("logging", logging);
      options.putInto(p);
      return p;
    }
  }

  /** Password checked against the KDC; SPNEGO where a keytab is given. */
  record Kerberos(
      String realm,
      Optional<String> service,
      Optional<String> kdc,
      Optional<String> krb5Config,
      Optional<String> keytab)
      implements AuthProvider {
    @Override
    public String pid() {
      return "cores.auth.kerberos";
    }

    @Override
    public String feature() {
      return "auth-kerberos";
    }

    @Override
    public Variable switchedOnBy() {
      return Variable.KERBEROS_AUTH;
    }

    @Override
    public Map<String, Object> properties(boolean logging) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("realm", realm);
      service.ifPresent(v -> p.put("service", v));
      kdc.ifPresent(v -> p.put("kdc", v));
      krb5Config.ifPresent(v -> p.put("krb5Config", v));
      keytab.ifPresent(v -> p.put("keytab", v));
      p.put("logging", logging);
      return p;
    }
  }
}
