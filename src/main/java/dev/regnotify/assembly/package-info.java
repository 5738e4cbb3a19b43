/**
 * The assembly of the delivery wing from a configuration, in plain Java: which queue each endpoint reads (memory, a
 * journal cursor, a broker's), which halves of it run on this instance by its broker role, the watchdog and the
 * journal they share, and the order in which all of it starts and closes. The CDI edge gathers its inputs (the
 * configuration, the threads, the listener of deliveries) and hands them to
 * {@link dev.regnotify.assembly.DeliveryAssembly}; an application without CDI can do the same. Internal: its API may
 * change in any release.
 *
 * @since 0.3
 */
package dev.regnotify.assembly;
