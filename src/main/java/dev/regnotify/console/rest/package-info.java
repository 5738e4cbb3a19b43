/**
 * The console in a Jakarta EE server: {@link dev.regnotify.console.rest.ConsoleResource}, a Jakarta REST resource
 * that an application extends to give it a path, behind the container's security (roles {@code regnotify-viewer} and
 * {@code regnotify-operator}). The only package of the library that uses Jakarta REST, which the server provides.
 *
 * @since 0.4
 */
package dev.regnotify.console.rest;
