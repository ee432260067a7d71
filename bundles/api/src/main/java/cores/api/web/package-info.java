/**
 * Helpers for bundles that publish REST resources on the HTTP whiteboard; how pages name a stored
 * choice ({@code Choices}, a host's status {@code on_loan} as "on loan") since 1.18.0; what a
 * posted checkbox may send ({@code Checkbox}) and the one wording of a null refused in a change
 * ({@code FieldErrors.NOT_NULL}) since 1.19.0; the one wording of a read-only field sent with
 * another value than the row has, and of its schema ({@code FieldErrors.READ_ONLY}) since 1.20.0.
 */
@Export
@Version("1.20.0")
package cores.api.web;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
