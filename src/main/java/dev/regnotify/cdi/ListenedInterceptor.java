package dev.regnotify.cdi;

import java.lang.System.Logger.Level;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import dev.regnotify.events.Listened;

/**
 * Fires the registry events of a {@code @Listened} storage call once it returned. Its exception reaches the caller
 * unchanged and fires nothing. Stateless; what a method fires is resolved once per method ({@link Operation}).
 */
@Listened
@Interceptor
@Priority(Interceptor.Priority.LIBRARY_AFTER)
class ListenedInterceptor {

    private static final System.Logger LOG = System.getLogger("dev.regnotify.events");

    private final RegistryEventEmitter emitter;

    @Inject
    ListenedInterceptor(RegistryEventEmitter emitter) {
        this.emitter = emitter;
    }

    @AroundInvoke
    Object fireAfterSuccess(InvocationContext invocation) throws Exception {
        Object target = invocation.getTarget();
        Operation operation = Operation.of(target.getClass(), invocation.getMethod());
        Object[] args = invocation.getParameters();
        Object prepared = operation.prepare(target, args);
        Object result = invocation.proceed();
        try {
            return operation.fired(emitter, target, args, result, prepared);
        } catch (RuntimeException | Error e) {
            // for example a pulled blob deleted before its descriptor could be read, or an observer's error, or no
            // memory left for the event: the storage operation itself succeeded, and its result is returned
            LOG.log(Level.ERROR, "RN-203 the event of " + invocation.getMethod().getName() + " could not be made; "
                    + "the storage operation's result stands", e);
            return result;
        }
    }
}
