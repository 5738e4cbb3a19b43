/**
 * Reference storages: {@link dev.regnotify.storage.InMemoryStorage} and
 * {@link dev.regnotify.storage.FilesystemStorage}, plain classes that implement every interface of the storage SPI.
 * Subclass one and mark the subclass {@code @ApplicationScoped @Listened} to make registry operations fire events.
 *
 * @since 0.1
 */
package dev.regnotify.storage;
