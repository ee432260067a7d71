/**
 * Users, groups, permissions, API tokens and sessions; users' own profiles, password resets and
 * calendar feeds (1.2.0); a session that says whether it impersonates (1.3.0).
 */
@Export
@Version("1.4.0")
package cores.api.accounts;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
