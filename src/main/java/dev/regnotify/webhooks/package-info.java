/**
 * Standard Webhooks v1 signatures: the signer endpoints use, and a verifier for receivers written in Java. Plain
 * Java, no dependency.
 *
 * @since 0.1
 */
package dev.regnotify.webhooks;
