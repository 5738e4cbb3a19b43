package dev.regnotify.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.regnotify.delivery.DeadLetter;
import dev.regnotify.delivery.attempts.EventSummary;

/** The API's JSON shapes (docs/console.md), as ordered maps for {@link JsonWriter}. */
final class Views {

    private Views() {
    }

    static Map<String, Object> endpoint(EndpointView view) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", view.name());
        json.put("url", view.url());
        json.put("state", view.state().key());
        json.put("pending", view.pending());
        json.put("counters", new LinkedHashMap<>(view.counters()));
        json.put("statuses", new LinkedHashMap<>(view.statuses()));
        json.put("lastSuccess", view.lastSuccess());
        EndpointView.Failure failure = view.lastFailure();
        json.put("lastFailure", failure == null ? null : failure(failure));
        return json;
    }

    private static Map<String, Object> failure(EndpointView.Failure failure) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", failure.time());
        json.put("status", failure.status());
        json.put("error", failure.error());
        return json;
    }

    static Map<String, Object> deadLetter(DeadLetter letter) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", letter.id());
        json.put("endpoint", letter.endpoint());
        json.put("attempts", letter.attempts());
        json.put("firstAttempt", letter.firstAttempt());
        json.put("lastAttempt", letter.lastAttempt());
        json.put("lastError", letter.lastError());
        json.put("events", letter.events().stream().map(EventSummary::of).map(Views::event).toList());
        return json;
    }

    /** An event as a dead letter and a trace show it: what the attempt log keeps of it. */
    static Map<String, Object> event(EventSummary event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", event.id());
        json.put("type", event.type());
        json.put("action", event.action());
        json.put("repository", event.repository());
        json.put("digest", event.digest());
        json.put("timestamp", event.timestamp());
        return json;
    }

    static Map<String, Object> attempt(AttemptView attempt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("endpoint", attempt.endpoint());
        json.put("start", attempt.start());
        json.put("durationMs", attempt.duration());
        json.put("attempt", attempt.attempt());
        json.put("eventIds", attempt.eventIds());
        json.put("bytes", attempt.bytes());
        json.put("outcome", attempt.succeeded() ? "succeeded" : "failed");
        json.put("status", attempt.status());
        json.put("answer", attempt.answer());
        json.put("retryAfter", attempt.retryAfter());
        json.put("next", attempt.next());
        return json;
    }

    static Map<String, Object> trace(EventTrace trace) {
        Map<String, Object> json = event(trace.event());
        json.put("attempts", trace.attempts().stream().map(Views::attempt).toList());
        return json;
    }

    static Map<String, Object> rates(Rates rates) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", rates.from());
        json.put("bucketMs", rates.bucket());
        json.put("endpoints", rates.endpoints().stream().map(Views::series).toList());
        return json;
    }

    private static Map<String, Object> series(Rates.Series series) {
        List<Map<String, Object>> buckets = series.buckets().stream().map(b -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("successes", b.successes());
            json.put("failures", b.failures());
            json.put("p50Ms", b.p50());
            json.put("p99Ms", b.p99());
            return json;
        }).toList();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", series.endpoint());
        json.put("buckets", buckets);
        return json;
    }

    static Map<String, Object> error(String code, String message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("code", code);
        json.put("message", message);
        return json;
    }

    static Map<String, Object> one(String name, Object value) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put(name, value);
        return json;
    }
}
