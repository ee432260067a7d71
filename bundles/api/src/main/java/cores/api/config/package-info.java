/**
 * Reading settings that come from the environment: a component refuses a bad one with a {@code
 * ConfigurationException} naming the property, and the platform tells the operator which
 * environment variable it was read from. The site's time zone as a service ({@link
 * cores.api.config.SiteZone}, 1.1.0). In 1.2.0: the SQL pattern of its times ({@code
 * SiteZone.SQL_WHEN}) and how a refusal is said after the start ({@link
 * cores.api.config.RefusalLines}).
 */
@Version("1.2.0")
@Export
package cores.api.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
