/**
 * Operator commands that run from the library's jar, beside or instead of the process that owns a journal:
 * {@link dev.regnotify.tools.DeadLetterTool} lists and replays dead letters. Plain Java, no CDI container.
 *
 * @since 0.3
 */
package dev.regnotify.tools;
