package cores.domain.inventory;

/** Checks a JSON value against a field; null means valid. */
final class Values {
  private Values() {}

  static String problem(Field field, Object value) {
    return switch (field.kind()) {
      case TEXT -> {
        if (!(value instanceof String text)) {
          yield "must be a string";
        }
        if (field.required() && text.isBlank()) {
          yield "may not be blank";
        }
        yield text.length() > field.max() ? "at most " + field.max() + " characters" : null;
      }
      case INT -> {
        if (!(value instanceof Integer || value instanceof Long)) {
          yield "must be a whole number";
        }
        yield ((Number) value).longValue() < field.max()
                || ((Number) value).longValue() > Integer.MAX_VALUE
            ? "must be a whole number of at least " + field.max()
            : null;
      }
      case BOOL -> value instanceof Boolean ? null : "must be true or false";
      case REF ->
          (value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0
              ? null
              : "must be the id (a positive whole number) of a " + field.name();
      case MAC -> value instanceof String text ? Addresses.mac(text) : "must be a string";
      case INET -> value instanceof String text ? Addresses.ip(text) : "must be a string";
      case CIDR -> value instanceof String text ? Addresses.cidr(text) : "must be a string";
      case CHOICE -> field.choices().contains(value) ? null : "must be one of " + field.choices();
      case TIME -> "cannot be set";
    };
  }

  /** The value as bound to the statement. */
  static Object stored(Field field, Object value) {
    return value instanceof Integer number ? number.longValue() : value;
  }
}
