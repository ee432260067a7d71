/**
 * The models staff administer, described generically (fields, list columns, filters, search) and
 * written through the domain's own rules, so that one set of admin pages serves every model.
 */
@Export
@Version("1.2.0")
package cores.api.admin;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
