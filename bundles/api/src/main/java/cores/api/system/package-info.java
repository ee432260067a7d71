/** What parts of the platform report to administrators in {@code GET /api/system}. */
@Export
@Version("1.0.0")
package cores.api.system;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
