/**
 * Notification channels (SMTP, webhooks, ...) through which every message leaves Cores, and the
 * outbox through which the domain emits its events (1.1.0); confidential messages (password reset
 * links) only through private channels (1.2.0); the admins' desk: failed messages listed and
 * retried, counts per channel (1.3.0).
 */
@Export
@Version("1.4.0")
package cores.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
