package cores.accounts;

import cores.api.accounts.Accounts;
import cores.api.accounts.User;
import cores.api.cli.Command;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code bin/cores createsuperuser}: options {@code username}, {@code email} (Strings) and {@code
 * password} (char[], wiped after use).
 */
@Component(service = Function.class, property = Command.NAME + "=createsuperuser")
public final class CreateSuperuserCommand implements Function<Map<String, Object>, String> {
  private final Accounts accounts;

  @Activate
  public CreateSuperuserCommand(@Reference Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public String apply(Map<String, Object> options) {
    char[] password = options.get("password") instanceof char[] p ? p : null;
    try {
      User user =
          accounts.createSuperuser(string(options, "username"), string(options, "email"), password);
      return "Superuser " + user.username() + " created.";
    } finally {
      if (password != null) {
        Arrays.fill(password, '\0');
      }
    }
  }

  private static String string(Map<String, Object> options, String name) {
    Object value = options.get(name);
    if (value != null && !(value instanceof String)) {
      throw new IllegalArgumentException(name + ": must be text");
    }
    return (String) value;
  }
}
