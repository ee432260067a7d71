package cores.domain.live;

/**
 * The three scan conflicts, each about one subject (the column it shares with {@code live_entry})
 * and deduplicated by its situation: the same subject in the same situation is the same conflict
 * (only its lastseen moves); another situation supersedes it.
 */
enum ConflictKind {
  /** A MAC no NIC has, seen at an IP. */
  UNKNOWN("unknown", "mac", "c.ip = e.ip"),
  /** A known NIC seen at another IP than recorded. */
  NIC("nic", "nic_id", "c.ip = e.ip"),
  /** A host seen outside its rack's lab (or rackless without a rack 0): the lab holding the IP. */
  LOCATION("location", "host_id", "c.lab_id IS NOT DISTINCT FROM e.lab_id");

  final String kind;
  final String subject;
  final String sameSituation;

  ConflictKind(String kind, String subject, String sameSituation) {
    this.kind = kind;
    this.subject = subject;
    this.sameSituation = sameSituation;
  }

  static ConflictKind of(String kind) {
    for (ConflictKind k : values()) {
      if (k.kind.equals(kind)) {
        return k;
      }
    }
    return null;
  }
}
