package dev.regnotify.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.regnotify.testing.LogCapture;

/** The W3C Trace Context's syntax: what is kept, what is ignored, and that ignoring it is said, but not too often. */
class TraceContextTest {

    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String PARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";

    @Test
    void aValidTraceparentIsKeptWithItsTracestate() {
        TraceContext trace = TraceContext.parse(PARENT, "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE");
        assertEquals(PARENT, trace.traceparent());
        assertEquals("rojo=00f067aa0ba902b7,congo=t61rcWkgMzE", trace.tracestate());
        assertEquals(TRACE_ID, trace.traceId());
        assertEquals("00f067aa0ba902b7", trace.parentId());
        assertTrue(trace.sampled());
    }

    @Test
    void noHeaderIsNoTrace() {
        assertEquals(TraceContext.NONE, TraceContext.parse(null, "rojo=1"));
        assertEquals(TraceContext.NONE, TraceContext.parse(" ", null));
        assertFalse(TraceContext.NONE.isPresent());
        assertEquals("", TraceContext.NONE.traceId());
    }

    @Test
    void invalidTraceparentsAreIgnored() {
        String[] invalid = {
            PARENT.toUpperCase(java.util.Locale.ROOT),                  // uppercase hex
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",  // trace id all zeros
            "00-" + TRACE_ID + "-0000000000000000-01",                  // parent id all zeros
            "ff-" + TRACE_ID + "-00f067aa0ba902b7-01",                  // version ff
            "00-" + TRACE_ID + "-00f067aa0ba902b7-01-extra",            // version 00 with more
            "00-" + TRACE_ID + "-00f067aa0ba902b7",                     // no flags
            "00_" + TRACE_ID + "_00f067aa0ba902b7_01",                  // not dashes
            "00-" + TRACE_ID + "-00f067aa0ba902b7-0g",                  // flags not hex
            "01-" + TRACE_ID + "-00f067aa0ba902b7-01x",                 // a later version, no dash after
        };
        for (String value : invalid) {
            assertEquals(TraceContext.NONE, TraceContext.parse(value, "rojo=1"), value);
        }
    }

    @Test
    void aLaterVersionIsReadByItsFirstFieldsAndKeptAsVersion00() {
        TraceContext trace = TraceContext.parse("cc-" + TRACE_ID + "-00f067aa0ba902b7-01-what-the-future-holds",
                null);
        assertEquals(PARENT, trace.traceparent());
    }

    @Test
    void anInvalidTracestateIsDroppedAndTheTraceparentKept() {
        String[] invalid = {"Rojo=1", "rojo", "rojo=1,rojo=2", "rojo=a,b", "rojo=caf\u00e9", "rojo=tab\tin",
            "k0=v,k1=v,k2=v,k3=v,k4=v,k5=v,k6=v,k7=v,k8=v,k9=v,k10=v,k11=v,k12=v,k13=v,k14=v,k15=v,k16=v,k17=v,"
                + "k18=v,k19=v,k20=v,k21=v,k22=v,k23=v,k24=v,k25=v,k26=v,k27=v,k28=v,k29=v,k30=v,k31=v,k32=v"};
        for (String value : invalid) {
            TraceContext trace = TraceContext.parse(PARENT, value);
            assertEquals(PARENT, trace.traceparent(), value);
            assertEquals("", trace.tracestate(), value);
        }
        assertEquals("tenant@vendor=x , other=y", TraceContext.parse(PARENT, "tenant@vendor=x , other=y")
                .tracestate());
    }

    @Test
    void theConstructorRefusesWhatIsNotOneAndSaysWhy() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TraceContext("00-" + TRACE_ID + "-0000000000000000-01", ""));
        assertTrue(e.getMessage().contains("parent id"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TraceContext("", "rojo=1"));
        assertThrows(IllegalArgumentException.class, () -> new TraceContext(PARENT, "Rojo=1"));
        assertThrows(IllegalArgumentException.class,
                () -> new TraceContext("01-" + TRACE_ID + "-00f067aa0ba902b7-01", ""));
        assertEquals(PARENT, TraceContext.of(TRACE_ID, "00f067aa0ba902b7", true, "").traceparent());
    }

    @Test
    void ignoringIsLoggedAtOnceThenAtMostOnceAMinuteWithHowMany() {
        AtomicLong now = new AtomicLong(42);
        InvalidTraceLog log = new InvalidTraceLog(now::get);
        try (LogCapture logs = LogCapture.start()) {
            assertTrue(log.ignored("traceparent", "junk\n\"x\"", "it has 9 characters, not 55"));
            now.addAndGet(TimeUnit.SECONDS.toNanos(59));
            assertFalse(log.ignored("traceparent", "junk", "it has 4 characters, not 55"));
            assertFalse(log.ignored("tracestate", "X=1", "no"));
            now.addAndGet(TimeUnit.SECONDS.toNanos(2));
            assertTrue(log.ignored("tracestate", "X=1", "\"X=1\" is not key=value"));
            assertEquals(2, logs.containing("RN-206").size(), logs.lines().toString());
            String first = logs.containing("RN-206").get(0);
            assertTrue(first.contains("\"junk??x?\"") && first.contains("the event carries no trace context"), first);
            String second = logs.containing("RN-206").get(1);
            assertTrue(second.contains("2 more were ignored since the last line"), second);
        }
    }

    @Test
    void theEventContextTakesTheHeadersLeniently() {
        EventContext context = EventContext.of(RequestRecord.EMPTY, null);
        assertEquals(TraceContext.NONE, context.trace());
        assertEquals(PARENT, context.withTrace(PARENT, null).trace().traceparent());
        assertEquals(TraceContext.NONE, context.withTrace("00-junk", null).trace());
        assertEquals(context, context.withTrace(null, null));
    }
}
