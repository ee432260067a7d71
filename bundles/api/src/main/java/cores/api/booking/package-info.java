/**
 * Booking as the site's pages use it: the bookable search, a host's sheet, a user's bookings and
 * reservations, and booking, reserving, changing and cancelling with the domain's rules.
 */
@Export
@Version("1.4.0")
package cores.api.booking;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
