/**
 * The scheduled jobs as admins see them: their schedule, their recent runs, and a run asked for now
 * (the same run as {@code POST /api/cron/…}).
 */
@Export
@Version("1.0.0")
package cores.api.jobs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
