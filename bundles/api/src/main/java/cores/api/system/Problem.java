package cores.api.system;

import java.util.Objects;

/**
 * Something a part of the platform refused or could not do, which an administrator should fix.
 *
 * @param subject what it is about, e.g. a plugin file or a resource class, with its bundle
 * @param reason why, in words an administrator understands (no secrets)
 */
public record Problem(String subject, String reason) {
  public Problem {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(reason, "reason");
  }
}
