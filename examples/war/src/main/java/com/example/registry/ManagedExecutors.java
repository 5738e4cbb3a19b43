package com.example.registry;

import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;

import dev.regnotify.cdi.ExecutorProvider;

/**
 * The server's default managed executor and thread factory, handed to the library. They are looked up by their
 * standard names when the library asks: Payara Micro 6 fails to inject a
 * {@code ManagedThreadFactory} field annotated {@code @Resource} into a CDI bean (it takes the field for an
 * environment entry of type String).
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
public class ManagedExecutors implements ExecutorProvider {

    @Override
    public Executor asyncEvents() {
        return lookup("java:comp/DefaultManagedExecutorService");
    }

    @Override
    public ThreadFactory deliveryThreads() {
        return lookup("java:comp/DefaultManagedThreadFactory");
    }

    private static <T> T lookup(String name) {
        try {
            return InitialContext.doLookup(name);
        } catch (NamingException e) {
            throw new IllegalStateException("no " + name + " in this server", e);
        }
    }
}
