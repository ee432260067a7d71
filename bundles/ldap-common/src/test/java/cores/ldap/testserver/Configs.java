package cores.ldap.testserver;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Component configuration annotations as SCR hands them to a constructor: the given values,
 * otherwise the annotation's defaults.
 */
public final class Configs {
  private Configs() {}

  public static <A> A of(Class<A> type, Map<String, ?> values) {
    Object proxy =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> value(type, values, method));
    return type.cast(proxy);
  }

  private static Object value(Class<?> type, Map<String, ?> values, Method method) {
    String name = method.getName();
    if (values.containsKey(name)) {
      Object value = values.get(name);
      // SCR converts a scalar to the attribute's type, as the environment's text arrives
      return method.getReturnType() == String.class && value != null ? value.toString() : value;
    }
    if (name.equals("annotationType")) {
      return type;
    }
    if (name.equals("toString") || name.equals("hashCode") || name.equals("equals")) {
      throw new UnsupportedOperationException(name);
    }
    Object fallback = method.getDefaultValue();
    if (fallback == null) {
      throw new IllegalStateException("no value for " + name);
    }
    return fallback;
  }
}
