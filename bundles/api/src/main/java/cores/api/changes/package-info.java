/**
 * The change log: every write to a tracked table recorded in the writing transaction (who, which
 * object, the action, the fields before and after), readable per object, per user and as a list.
 */
@Export
@Version("1.1.0")
package cores.api.changes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
