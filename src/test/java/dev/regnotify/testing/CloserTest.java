package dev.regnotify.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CloserTest {

    private final List<String> closed = new ArrayList<>();
    private final Closer closer = new Closer();

    private AutoCloseable named(String name) {
        return () -> closed.add(name);
    }

    private AutoCloseable failing(String name, Exception failure) {
        return () -> {
            closed.add(name);
            throw failure;
        };
    }

    @Test
    void keepReturnsWhatItWasGiven() throws Exception {
        AutoCloseable pool = named("pool");

        assertSame(pool, closer.keep(pool));
        closer.close();
        assertEquals(List.of("pool"), closed);
    }

    @Test
    void theLastKeptClosesFirst() throws Exception {
        closer.keep(named("pool"));
        closer.keep(named("endpoint a"));
        closer.keep(named("endpoint b"));

        closer.close();

        assertEquals(List.of("endpoint b", "endpoint a", "pool"), closed);
    }

    @Test
    void everyOneIsClosedWhenSomeThrowAndTheFirstFailureCarriesTheOthers() {
        IOException fromB = new IOException("b");
        IllegalStateException fromA = new IllegalStateException("a");
        closer.keep(named("pool"));
        closer.keep(failing("a", fromA));
        closer.keep(failing("b", fromB));
        closer.keep(named("c"));

        IOException thrown = assertThrows(IOException.class, closer::close);

        assertEquals(List.of("c", "b", "a", "pool"), closed, "every one closed, in reverse");
        assertSame(fromB, thrown, "the first failure is rethrown as it is");
        assertArrayEquals(new Throwable[] {fromA}, thrown.getSuppressed(), "the later ones are suppressed in it");
    }

    @Test
    void closingForgetsWhatWasClosedAndKeepsWhatComesAfter() throws Exception {
        closer.keep(named("first journal"));
        closer.close();
        closer.keep(named("reopened journal"));

        closer.afterEach(null);

        assertEquals(List.of("first journal", "reopened journal"), closed, "each closed once");
    }
}
