package cores.api.health;

/**
 * The state of one part.
 *
 * @param healthy whether it works
 * @param detail a short explanation when it does not (no secrets)
 */
public record Health(boolean healthy, String detail) {
  public static Health up() {
    return new Health(true, null);
  }

  public static Health down(String detail) {
    return new Health(false, detail);
  }
}
