package dev.regnotify.events;

import org.jboss.weld.junit5.WeldInitiator;
import org.jboss.weld.junit5.WeldSetup;

import dev.regnotify.testing.Containers;

class InMemoryListenedEventsTest extends ListenedEventsContract {

    @WeldSetup
    WeldInitiator weld = Containers.memoryStorage();
}
