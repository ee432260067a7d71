package cores.launcher.feature;

import cores.launcher.LaunchException;

/** A feature file that is missing, unreadable or names a bundle that is not installed. */
public final class FeatureException extends LaunchException {
  private static final long serialVersionUID = 1L;

  public FeatureException(String message) {
    super(BAD_CONFIGURATION, message);
  }

  public FeatureException(String message, Throwable cause) {
    super(BAD_CONFIGURATION, message, cause);
  }
}
