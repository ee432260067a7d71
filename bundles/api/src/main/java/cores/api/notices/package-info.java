/** Notices to lab users, as the dashboard shows them. */
@Export
@Version("1.0.0")
package cores.api.notices;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
