package com.example.registry;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import dev.regnotify.events.ActorRecord;
import dev.regnotify.events.EventContext;
import dev.regnotify.events.EventContextSupplier;
import dev.regnotify.events.RequestRecord;

/** Each event's request and actor, from the server's request scope. */
@RequestScoped
public class HttpEventContext implements EventContextSupplier {

    @Inject
    HttpServletRequest request;

    @Override
    public EventContext get() {
        String host = request.getHeader("Host");
        return EventContext.of(new RequestRecord(request.getHeader("X-Request-Id"),
                request.getRemoteAddr() + ":" + request.getRemotePort(), host, request.getMethod(),
                request.getHeader("User-Agent")), new ActorRecord(request.getRemoteUser()));
    }
}
