/** Users, groups, permissions, API tokens and sessions. */
@Export
@Version("1.1.0")
package cores.api.accounts;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
