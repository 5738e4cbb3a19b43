/**
 * The registry storage SPI: the operations a registry performs on manifests, blobs, uploads, tags and
 * repositories, and the validated values they exchange.
 *
 * <p>Application code implements these interfaces (or uses a reference storage of {@code dev.regnotify.storage})
 * and marks the bean {@code @Listened}: every successful operation then becomes a CDI event. This package depends
 * on nothing else of the library. All failures are unchecked {@link dev.regnotify.registry.RegistryException}s
 * whose messages name the input at fault.
 *
 * @since 0.1
 */
package dev.regnotify.registry;
