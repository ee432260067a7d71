/**
 * The change log: every write to a tracked table recorded in the writing transaction (who, which
 * object, the action, the fields before and after), readable per object, per user and as a list;
 * the models a reader may see ({@code ChangeLog.viewable}) since 1.2.0; an object's history with
 * the changes of the objects belonging to it ({@code ChangeLog.history} with {@code
 * ChangeLog.Part}s: a host's NICs) since 1.4.0.
 */
@Export
@Version("1.4.0")
package cores.api.changes;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
