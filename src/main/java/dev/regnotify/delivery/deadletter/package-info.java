/**
 * An endpoint's dead letters: the {@link dev.regnotify.delivery.deadletter.DeadLetterStore} that holds them, bounded,
 * in memory and in {@link dev.regnotify.delivery.deadletter.DeadLetterFiles} (the journal's directory) when there are
 * any; the {@link dev.regnotify.delivery.deadletter.DeadLetterDesk} that keeps new ones (logged, counted, told) and
 * queues their replays behind the events queued when they were asked for. The letter itself, {@link
 * dev.regnotify.delivery.DeadLetter}, and the operators' view over every endpoint, {@link
 * dev.regnotify.delivery.DeadLetters}, stay in {@code dev.regnotify.delivery}, where applications import them.
 *
 * @since 0.3
 */
package dev.regnotify.delivery.deadletter;
