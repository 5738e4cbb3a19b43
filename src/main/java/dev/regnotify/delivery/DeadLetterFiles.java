package dev.regnotify.delivery;

/**
 * Where an endpoint's dead letters survive a restart, under its 0.2 name.
 *
 * @since 0.2
 * @deprecated moved to {@link dev.regnotify.delivery.deadletter.DeadLetterFiles}; this name is removed in 0.4
 */
@Deprecated(since = "0.3", forRemoval = true)
public interface DeadLetterFiles extends dev.regnotify.delivery.deadletter.DeadLetterFiles {
}
