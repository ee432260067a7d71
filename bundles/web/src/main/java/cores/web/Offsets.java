package cores.web;

import cores.api.web.FieldErrors;

/** The {@code offset} parameter of the paged pages: the place of a page's first row, from 0. */
public final class Offsets {
  private Offsets() {}

  /** The offset (0 when not given); 400 when it is no whole number. */
  public static int of(String value) {
    if (value == null || value.isBlank()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      throw FieldErrors.single("offset", "must be a whole number");
    }
  }
}
