package com.rdploomes.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.StreamSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Ploomes simulator as the tests drive it: its store, its stats and its fault controls. */
public final class Simulator {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI base;
    private final String key;

    public Simulator(URI base, String key) {
        this.base = base;
        this.key = key;
    }

    /** Adds a fault, e.g. {@code {"method":"POST","path":"/Deals","delayMs":4000,"times":1}}. */
    public JsonNode fault(String spec) {
        return send(HttpRequest.newBuilder(base.resolve("/_simulator/faults"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spec)), 200);
    }

    /** Changes settings, e.g. {@code {"contactDeals":false}}; a reset keeps them. */
    public JsonNode settings(String json) {
        return send(HttpRequest.newBuilder(base.resolve("/_simulator/settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    public void clearFaults() {
        send(HttpRequest.newBuilder(base.resolve("/_simulator/faults")).DELETE(), 200);
    }

    /** Empties the store, the stats and the faults. */
    public void reset() {
        send(HttpRequest.newBuilder(base.resolve("/_simulator/reset")).POST(HttpRequest.BodyPublishers.noBody()), 200);
    }

    public JsonNode stats() {
        return send(HttpRequest.newBuilder(base.resolve("/_simulator/stats")).GET(), 200);
    }

    /** How often a call such as {@code "POST /Deals"} reached the simulator (faulted ones included). */
    public int calls(String call) {
        JsonNode count = stats().path("calls").get(call);
        return count == null ? 0 : count.asInt();
    }

    public int totalCalls() {
        int total = 0;
        for (JsonNode count : stats().path("calls")) {
            total += count.asInt();
        }
        return total;
    }

    public int faultsServed() {
        return stats().path("faultsServed").asInt();
    }

    /** Every entity of a set, e.g. {@code "/Contacts"}. Faults apply to these reads too: clear them first. */
    public List<JsonNode> list(String set) {
        JsonNode answer = send(HttpRequest.newBuilder(base.resolve(set)).header("User-Key", key).GET(), 200);
        return StreamSupport.stream(answer.get("value").spliterator(), false).toList();
    }

    public List<JsonNode> contactsWithEmail(String email) {
        return list("/Contacts").stream().filter(c -> email.equals(c.path("Email").asString())).toList();
    }

    public List<JsonNode> dealsOf(long contactId) {
        return list("/Deals").stream().filter(d -> d.path("ContactId").asLong() == contactId).toList();
    }

    private static JsonNode send(HttpRequest.Builder request, int expected) {
        try {
            HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != expected) {
                throw new IllegalStateException(answer.uri() + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
