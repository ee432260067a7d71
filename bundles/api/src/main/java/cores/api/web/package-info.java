/** Helpers for bundles that publish REST resources on the HTTP whiteboard. */
@Export
@Version("1.17.0")
package cores.api.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
