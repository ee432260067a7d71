package cores.web.reports;

/**
 * A column of a report's table as a page shows it.
 *
 * @param key the column of the report's rows
 * @param label its heading
 * @param kind how its values are shown
 * @param hostKey the column holding the id of the host the value links to; null for no link
 */
public record Column(String key, String label, Kind kind, String hostKey) {
  /** How values are shown. */
  public enum Kind {
    TEXT,
    /** A stored choice (a host's status), named as every page names it: "on loan". */
    CHOICE,
    /** Addresses and numbers to copy: monospace. */
    CODE,
    NUMBER,
    /** An instant, in the site's zone. */
    TIME,
    /** A fraction, as a percentage. */
    SHARE,
    /** Seconds, as days and hours. */
    DURATION
  }

  static Column text(String key, String label) {
    return new Column(key, label, Kind.TEXT, null);
  }

  static Column of(String key, String label, Kind kind) {
    return new Column(key, label, kind, null);
  }

  /** A host's name linking to its page. */
  static Column host(String key, String label, String hostKey) {
    return new Column(key, label, Kind.TEXT, hostKey);
  }

  /** Whether the column is right-aligned. */
  public boolean numeric() {
    return kind == Kind.NUMBER || kind == Kind.SHARE || kind == Kind.DURATION;
  }
}
