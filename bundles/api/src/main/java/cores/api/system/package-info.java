/**
 * What parts of the platform report to administrators in {@code GET /api/system}; the same as a
 * service for the admin pages (1.1.0).
 */
@Export
@Version("1.1.0")
package cores.api.system;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
