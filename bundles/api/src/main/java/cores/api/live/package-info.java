/**
 * The live scan views as the site's pages use them: the dashboard of open conflicts and offline
 * hosts, hosts and unknown devices by lab, and the actions on conflicts and warnings with the
 * domain's rules.
 */
@Export
@Version("2.0.0")
package cores.api.live;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
