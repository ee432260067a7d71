/** Notification channels (SMTP, webhooks, ...) through which every message leaves Cores. */
@Export
@Version("1.0.0")
package cores.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
