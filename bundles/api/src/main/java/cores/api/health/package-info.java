/** Health indicators that feed {@code GET /api/health}. */
@Export
@Version("1.0.0")
package cores.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
