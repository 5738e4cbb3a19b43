/**
 * The CDI edge: the {@code @Listened} interceptor, the event emitter, configuration and context resolution, and the
 * replaceable {@link dev.regnotify.cdi.ExecutorProvider}. Only {@code ExecutorProvider} is public API; everything
 * else here is internal and wires plain objects together.
 *
 * @since 0.1
 */
package dev.regnotify.cdi;
