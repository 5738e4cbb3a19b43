/**
 * The attempt log: every attempt of an endpoint, what the receiver answered and what followed, in a bounded ring in
 * memory and, beside a journal, in segment files that survive restarts. Plain Java; told by the endpoint's workers,
 * read by the console.
 *
 * @since 0.3
 */
package dev.regnotify.delivery.attempts;
