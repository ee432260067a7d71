package cores.api.notices;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The notices each user sees on the dashboard. */
@ProviderType
public interface NoticeBoard {

  /**
   * The notices the user sees now: visible, not expired, and for everyone or for one of the user's
   * groups; highest priority first, then newest.
   */
  List<Notice> current(long userId, int limit);
}
