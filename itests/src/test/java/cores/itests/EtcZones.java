package cores.itests;

import java.time.ZoneOffset;

/**
 * CORES_TIME_ZONE takes an IANA name, not a fixed offset: the tests that pick a whole-hour offset
 * (so that noon is now) give it as its Etc/GMT zone, whose sign is POSIX's, the inverse of ISO's.
 */
final class EtcZones {
  private EtcZones() {}

  /** Etc/GMT-2 for +02:00; UTC for Z. */
  static String of(ZoneOffset offset) {
    int seconds = offset.getTotalSeconds();
    if (seconds % 3600 != 0) {
      throw new IllegalArgumentException("no Etc zone for " + offset);
    }
    int hours = seconds / 3600;
    if (hours == 0) {
      return "UTC";
    }
    return "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
  }
}
