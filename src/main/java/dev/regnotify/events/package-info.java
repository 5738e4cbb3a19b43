/**
 * Registry events and how to ask for them: {@link dev.regnotify.events.Listened} on a storage bean makes each
 * successful operation fire a {@link dev.regnotify.events.RegistryEvent}; application code observes them with
 * {@code @Observes} or {@code @ObservesAsync}, narrowed by type, family or repository
 * ({@link dev.regnotify.events.InRepository}). {@link dev.regnotify.events.EventContext} supplies the request and
 * actor that events carry.
 *
 * @since 0.1
 */
package dev.regnotify.events;
