/**
 * Transactions over the shared PostgreSQL database, one service per persistence unit, and signals
 * of changes committed by any instance.
 */
@Export
@Version("1.3.0")
package cores.api.persistence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
