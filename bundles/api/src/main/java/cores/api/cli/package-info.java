/**
 * Commands that the launcher's command line ({@code bin/cores <command>}) runs inside the platform.
 */
@Export
@Version("1.0.0")
package cores.api.cli;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
