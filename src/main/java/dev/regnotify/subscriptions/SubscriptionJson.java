package dev.regnotify.subscriptions;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import dev.regnotify.config.ConfigException;
import dev.regnotify.config.EndpointConfig;
import dev.regnotify.config.EndpointReader;
import dev.regnotify.config.Redaction;

/**
 * A subscription's JSON: a request (an endpoint's object with {@code owner} and, at creation, {@code secret}), the
 * document a store keeps (with {@code secrets} and {@code created}), and the view an API shows (no secret, header
 * values and the URL's path and query redacted). The endpoint's keys are read by the configuration's own reader.
 */
final class SubscriptionJson {

    static final String OWNER = "owner";
    static final String SECRET = "secret";
    private static final String SECRETS = "secrets";
    private static final String CREATED = "created";
    private static final String EXPIRES = "expires";

    /** A request read: the owner, the secret if one was given, and the endpoint. */
    record Draft(String owner, String secret, String endpointJson, EndpointConfig endpoint) {
        @Override
        public String toString() {
            return "Draft[owner=" + owner + ", endpoint=" + endpoint + "]";
        }
    }

    private SubscriptionJson() {
    }

    /**
     * @param body the request's JSON
     * @param name the name the path gives (an update), or null (a creation: the body names it)
     * @throws SubscriptionException naming the field at fault
     */
    static Draft request(String body, String name) {
        JsonObject object = object(body);
        for (String kept : List.of(SECRETS, CREATED)) {
            if (object.containsKey(kept)) {
                throw invalid(kept, "is not taken in a request (the library keeps it)");
            }
        }
        // the operator's guard and the library's secret rule every subscription: its own would undo them
        if (object.containsKey("guard")) {
            throw invalid("guard", "is set by the operator for every subscription "
                    + "(notifications.subscriptions.allownetworks)");
        }
        // the server's files and disk are the operator's: a subscription names neither
        if (object.containsKey("tls")) {
            throw invalid("tls", "names files on the registry's server, which only the operator configures");
        }
        if (object.containsKey("log")) {
            throw invalid("log", "is set by the operator for every endpoint (notifications.log)");
        }
        if (object.containsKey("signing")) {
            throw invalid("signing", "is not a subscription's: its webhooks are signed with its \"secret\"");
        }
        JsonObjectBuilder endpoint = Json.createObjectBuilder(object).remove(OWNER).remove(SECRET);
        if (name != null) {
            JsonValue given = object.get("name");
            if (given != null && !(given instanceof JsonString text && text.getString().equals(name))) {
                throw invalid("name", "differs from the name in the path (a subscription cannot be renamed)");
            }
            endpoint.add("name", name);
        }
        String endpointJson = endpoint.build().toString();
        return new Draft(string(object, OWNER, true), string(object, SECRET, false), endpointJson,
                endpoint(endpointJson));
    }

    static String document(Subscription subscription) {
        JsonObjectBuilder document = Json.createObjectBuilder(object(subscription.endpointJson()));
        document.add(OWNER, subscription.owner());
        JsonArrayBuilder secrets = Json.createArrayBuilder();
        for (SubscriptionSecret secret : subscription.secrets()) {
            JsonObjectBuilder item = Json.createObjectBuilder().add(SECRET, secret.value());
            if (secret.expires() != null) {
                item.add(EXPIRES, secret.expires().toString());
            }
            secrets.add(item);
        }
        return document.add(SECRETS, secrets).add(CREATED, subscription.created().toString()).build().toString();
    }

    static Subscription fromDocument(String text) {
        JsonObject document = object(text);
        String endpointJson = Json.createObjectBuilder(document).remove(OWNER).remove(SECRETS).remove(CREATED)
                .build().toString();
        List<SubscriptionSecret> secrets = new ArrayList<>();
        JsonValue listed = document.get(SECRETS);
        if (!(listed instanceof jakarta.json.JsonArray array)) {
            throw invalid(SECRETS, "is required: an array of secrets");
        }
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject secret)) {
                throw invalid(SECRETS, "each item is an object");
            }
            String expires = string(secret, EXPIRES, false);
            secrets.add(new SubscriptionSecret(string(secret, SECRET, true), expires == null ? null
                    : time(EXPIRES, expires)));
        }
        return new Subscription(string(document, OWNER, true), endpointJson, endpoint(endpointJson), secrets,
                time(CREATED, string(document, CREATED, true)));
    }

    /**
     * @param shownSecret the secret to show (only in the answer to a creation or a rotation), or null
     * @return plain maps, lists, strings, numbers and booleans
     */
    static Map<String, Object> view(Subscription subscription, String shownSecret) {
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) plain(object(subscription.endpointJson()));
        EndpointConfig endpoint = subscription.endpoint();
        view.put("url", endpoint.redactedUrl());
        if (view.containsKey("headers")) {
            view.put("headers", new LinkedHashMap<>(endpoint.redactedHeaders()));
        }
        view.put(OWNER, subscription.owner());
        view.put(SECRET, shownSecret != null ? shownSecret : Redaction.REDACTED);
        subscription.secrets().stream().skip(1).map(SubscriptionSecret::expires).max(Instant::compareTo)
                .ifPresent(end -> view.put("previoussecretexpires", end.toString()));
        view.put(CREATED, subscription.created().toString());
        return view;
    }

    private static Object plain(JsonValue value) {
        switch (value.getValueType()) {
            case OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                value.asJsonObject().forEach((key, item) -> map.put(key, plain(item)));
                return map;
            }
            case ARRAY -> {
                return value.asJsonArray().stream().map(SubscriptionJson::plain).toList();
            }
            case STRING -> {
                return ((JsonString) value).getString();
            }
            case NUMBER -> {
                JsonNumber number = (JsonNumber) value;
                return number.isIntegral() ? (Object) number.longValue() : (Object) new BigDecimal(number.toString());
            }
            case TRUE -> {
                return Boolean.TRUE;
            }
            case FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    private static EndpointConfig endpoint(String endpointJson) {
        try {
            return EndpointReader.read(endpointJson);
        } catch (ConfigException e) {
            String message = e.getMessage();
            String reason = message.startsWith(e.path() + ": ") ? message.substring(e.path().length() + 2) : message;
            throw invalid(e.path(), reason);
        }
    }

    private static JsonObject object(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw invalid("", "a subscription is a JSON object");
            }
            return object;
        } catch (JsonException e) {
            throw invalid("", "the body is not JSON: " + e.getMessage());
        }
    }

    private static String string(JsonObject object, String key, boolean required) {
        JsonValue value = object.get(key);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw invalid(key, "is required");
            }
            return null;
        }
        if (!(value instanceof JsonString text)) {
            throw invalid(key, "expected a string, got " + value.getValueType().name().toLowerCase());
        }
        return text.getString();
    }

    private static Instant time(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(field, "is not a time (RFC 3339, UTC)");
        }
    }

    private static SubscriptionException invalid(String field, String reason) {
        return new SubscriptionException(SubscriptionException.Kind.INVALID, field, reason);
    }
}
