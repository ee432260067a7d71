/**
 * The reports (asset summary, usage, long reservations) as the site's pages use them: their tables,
 * and one table as a CSV file.
 */
@Export
@Version("1.0.0")
package cores.api.reports;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
