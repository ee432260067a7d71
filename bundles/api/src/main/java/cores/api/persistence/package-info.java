/** Transactions over the shared PostgreSQL database, one service per persistence unit. */
@Export
@Version("1.1.0")
package cores.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
