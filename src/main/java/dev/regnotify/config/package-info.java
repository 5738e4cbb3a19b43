/**
 * The library's configuration: distribution's {@code notifications} keys in JSON, Go durations, and where the file
 * is found. Plain Java records; every error names the key path at fault.
 *
 * @since 0.1
 */
package dev.regnotify.config;
