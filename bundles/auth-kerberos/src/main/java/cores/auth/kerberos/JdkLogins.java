package cores.auth.kerberos;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/**
 * Logins with the JDK's Kerberos login module, configured here rather than in a JAAS file: the
 * module and its options are handed to each {@link LoginContext} as a {@link Configuration}
 * instance, so nothing JVM-global ({@code java.security.auth.login.config}) is set.
 */
final class JdkLogins {
  private static final String MODULE = "com.sun.security.auth.module.Krb5LoginModule";
  private static final String ENTRY = "cores-kerberos";

  /** The JDK caches the krb5 configuration it read first: the first login re-reads ours. */
  private final AtomicBoolean refresh = new AtomicBoolean(true);

  /** The user's ticket-granting ticket, got from the KDC with the password. */
  Subject withPassword(String principal, char[] password) throws LoginException {
    return login(
        Map.of(
            "principal", principal,
            "useTicketCache", "false",
            "useKeyTab", "false",
            "storeKey", "false",
            "isInitiator", "true",
            "doNotPrompt", "false"),
        principal,
        password);
  }

  /** The service's keys, read from the keytab (the KDC is not contacted). */
  Subject withKeytab(String principal, Path keytab) throws LoginException {
    return login(
        Map.of(
            "principal", principal,
            "useKeyTab", "true",
            "keyTab", keytab.toAbsolutePath().toString(),
            "storeKey", "true",
            "useTicketCache", "false",
            "isInitiator", "false",
            "doNotPrompt", "true"),
        principal,
        new char[0]);
  }

  private Subject login(Map<String, String> options, String principal, char[] password)
      throws LoginException {
    Map<String, String> all = new java.util.HashMap<>(options);
    all.put("refreshKrb5Config", Boolean.toString(refresh.getAndSet(false)));
    Configuration configuration = new SingleModule(all);
    Subject subject = new Subject();
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // LoginContext loads the module through the context class loader; a bundle's loader does not
    // see the JDK module that holds it, the platform loader does
    thread.setContextClassLoader(ClassLoader.getPlatformClassLoader());
    try {
      LoginContext context =
          new LoginContext(
              ENTRY, subject, callbacks -> answer(callbacks, principal, password), configuration);
      context.login();
      return subject;
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private static void answer(Callback[] callbacks, String principal, char[] password)
      throws UnsupportedCallbackException {
    for (Callback callback : callbacks) {
      if (callback instanceof NameCallback name) {
        name.setName(principal);
      } else if (callback instanceof PasswordCallback secret) {
        // the callback keeps its own copy, which the login module clears after use
        secret.setPassword(password);
      } else {
        throw new UnsupportedCallbackException(callback);
      }
    }
  }

  /** Ends a login: the tickets and keys in the subject are destroyed. */
  static void destroy(Subject subject) {
    for (Object credential : subject.getPrivateCredentials()) {
      if (credential instanceof javax.security.auth.Destroyable destroyable
          && !destroyable.isDestroyed()) {
        try {
          destroyable.destroy();
        } catch (javax.security.auth.DestroyFailedException e) {
          // nothing more can be done; the subject is dropped anyway
        }
      }
    }
  }

  /** The Kerberos login module with these options, whatever entry name is asked for. */
  private static final class SingleModule extends Configuration {
    private final Map<String, String> options;

    SingleModule(Map<String, String> options) {
      this.options = Map.copyOf(options);
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
      return new AppConfigurationEntry[] {
        new AppConfigurationEntry(
            MODULE, AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options)
      };
    }
  }
}
