/**
 * Internal: not an API; may change without notice. The compact binary record of a registry event
 * ({@link dev.regnotify.records.EventRecords}), kept apart so that the journal (which writes it to disk) and the
 * broker (which carries it between instances) share one format without either depending on the other. It depends on
 * the events and the registry's value types only. Public only because both of those packages use it.
 *
 * @since 0.3
 */
package dev.regnotify.records;
