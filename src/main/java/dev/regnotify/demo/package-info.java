/**
 * The demo and command-line tool ({@link dev.regnotify.demo.Main}); not part of the library's API. Its beans are
 * excluded from discovery by the library's {@code META-INF/beans.xml} and added to the demo's own container.
 *
 * @since 0.1
 */
package dev.regnotify.demo;
