package cores.api.system;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A part of the platform that reports its current problems; {@code GET /api/system} lists those of
 * every registered report under {@code problems}.
 */
@ConsumerType
public interface ProblemReport {

  /** Short name of the part, e.g. {@code plugins}. */
  String name();

  /** The problems now, empty when there are none. Answers at once, without blocking. */
  List<Problem> problems();
}
