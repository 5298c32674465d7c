package com.rdploomes.worker.ploomes;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.retry.support.RetryTemplate;

import com.rdploomes.model.Masking;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Ploomes REST calls the worker makes, written against the public contract (docs/ploomes-api.md):
 * header {@code User-Key}, OData query options, the {@code value} envelope, 200 with {@code value[0]} on
 * POST and PATCH. Every call waits for the process-wide {@link PloomesRateLimiter}; failures that are safe
 * to repeat are retried briefly here, and everything else surfaces as a {@link PloomesException}.
 */
public class PloomesClient {

    private static final Logger log = LoggerFactory.getLogger(PloomesClient.class);
    static final int MAX_ERROR_EXCERPT = 2_000;

    private final PloomesProperties properties;
    private final HttpClient http;
    private final JsonMapper json;
    private final PloomesRateLimiter limiter;
    private final RetryTemplate retry;
    private final MeterRegistry meters;
    /**
     * Set once Ploomes answered the contact lookup's {@code Deals} expansion with 400: that navigation property
     * is not in Ploomes' documentation, so a Ploomes without it is expected, and asking again would only waste a
     * call per conversion.
     */
    private final AtomicBoolean dealsExpansionRefused = new AtomicBoolean();

    public PloomesClient(PloomesProperties properties, HttpClient http, JsonMapper json, PloomesRateLimiter limiter,
                         RetryTemplate retry, MeterRegistry meters) {
        this.properties = properties;
        this.http = http;
        this.json = json;
        this.limiter = limiter;
        this.retry = retry;
        this.meters = meters;
    }

    /** Largest page Ploomes serves (ploomes-api.md §2): a bigger {@code $top} is silently cut. */
    static final int PAGE_SIZE = 300;
    /** Account lists (users, fields, pipelines) are small; this only stops a server that never ends its pages. */
    static final int MAX_PAGES = 20;

    /**
     * The oldest contact with this exact (already normalised) e-mail, with its phones and, when asked, its
     * custom fields: Ploomes serves both only through $expand. In the same call it asks for the contact's
     * oldest open deal in {@code pipelineId} ({@code Deals}) and its {@code CompanyId}, which saves a separate
     * deal lookup; if Ploomes refuses that expansion with 400, this lookup and every later one are made
     * without it ({@link FoundContact#dealsExpanded()} false).
     */
    public Optional<FoundContact> findContactByEmail(String email, boolean withOtherProperties, long pipelineId) {
        String expand = withOtherProperties ? "Phones,OtherProperties" : "Phones";
        if (!dealsExpansionRefused.get()) {
            try {
                return first(send("GET", "/Contacts", contactLookup(email, "Id,Name,Email,OwnerId,CompanyId",
                        expand + "," + openDeals(pipelineId)), null)).map(contact -> new FoundContact(contact, true));
            } catch (PloomesException e) {
                if (e.status() != 400) {
                    throw e;
                }
                // the plain lookup tells whether the expansion was the problem: if it fails too, nothing is remembered
                Optional<FoundContact> plain = plainContactLookup(email, expand);
                if (dealsExpansionRefused.compareAndSet(false, true)) {
                    log.warn("Ploomes refused the contact lookup's $expand=Deals with 400: falling back, until the "
                            + "worker restarts, to the lookup without it plus a separate open-deal lookup (GET /Deals) "
                            + "per returning lead");
                }
                return plain;
            }
        }
        return plainContactLookup(email, expand);
    }

    private Optional<FoundContact> plainContactLookup(String email, String expand) {
        return first(send("GET", "/Contacts", contactLookup(email, "Id,Name,Email,OwnerId", expand), null))
                .map(contact -> new FoundContact(contact, false));
    }

    private static Map<String, String> contactLookup(String email, String select, String expand) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", ODataFilter.contactByEmail(email));
        query.put("$select", select);
        query.put("$expand", expand);
        query.put("$orderby", "Id asc");
        query.put("$top", "1");
        return query;
    }

    /** A contact's oldest open deal in the pipeline, as a nested $expand (ploomes-api.md §2). */
    static String openDeals(long pipelineId) {
        return "Deals($select=Id;$filter=" + ODataFilter.openDealIn(pipelineId) + ";$orderby=Id asc;$top=1)";
    }

    /** A note of this contact whose content holds {@code marker}, e.g. the line naming a conversion id. */
    public List<JsonNode> findNotes(long contactId, String marker) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", ODataFilter.noteOf(contactId, marker));
        query.put("$select", "Id,Content");
        query.put("$top", "5");
        return values(send("GET", "/InteractionRecords", query, null));
    }

    /**
     * Every entity of a (small) collection, paged with $top/$skip: used for the account's lists
     * (pipelines, users, fields, phone types) that the startup checks read.
     *
     * @param query $filter, $select, $expand...; $top and $skip are set here
     */
    public List<JsonNode> list(String set, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; page < MAX_PAGES; page++) {
            Map<String, String> paged = new LinkedHashMap<>(query);
            paged.put("$top", Integer.toString(PAGE_SIZE));
            if (page > 0) {
                paged.put("$skip", Integer.toString(page * PAGE_SIZE));
            }
            List<JsonNode> rows = values(send("GET", set, paged, null));
            all.addAll(rows);
            if (rows.size() < PAGE_SIZE) {
                return all;
            }
        }
        throw new PloomesException("GET " + set, 200, null, null, false,
                "GET " + set + " kept answering full pages after " + MAX_PAGES * PAGE_SIZE + " entities", null);
    }

    public long createContact(NewContact contact) {
        return idOf(send("POST", "/Contacts", Map.of("$select", "Id"), contact), "POST /Contacts");
    }

    public void updateContact(long contactId, Map<String, Object> changes) {
        send("PATCH", "/Contacts(" + contactId + ")", Map.of("$select", "Id"), changes);
    }

    public Optional<JsonNode> findOpenDeal(long contactId, long pipelineId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$filter", ODataFilter.openDealOf(contactId, pipelineId));
        query.put("$select", "Id,Title,StageId");
        query.put("$top", "1");
        return first(send("GET", "/Deals", query, null));
    }

    public long createDeal(NewDeal deal) {
        return idOf(send("POST", "/Deals", Map.of("$select", "Id"), deal), "POST /Deals");
    }

    public long createNote(NewNote note) {
        return idOf(send("POST", "/InteractionRecords", Map.of("$select", "Id"), note), "POST /InteractionRecords");
    }

    private JsonNode send(String method, String path, Map<String, String> query, Object body) {
        String call = method + " " + resource(path);
        return retry.execute(context -> {
            limiter.acquire();
            return exchange(method, path, query, body, call);
        });
    }

    private JsonNode exchange(String method, String path, Map<String, String> query, Object body, String call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path, query))
                .timeout(properties.readTimeout())
                .header("User-Key", properties.apiKey())
                .header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json; charset=utf-8");
            request.method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        boolean creates = !"GET".equals(method);
        long started = System.nanoTime();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException | java.net.ConnectException e) {
            record(call, "none", started);
            throw new PloomesException(call, PloomesException.NO_ANSWER, null, null, false,
                    call + " could not connect: " + e, e);
        } catch (IOException e) {
            record(call, "none", started);
            // the request may have reached Ploomes before the answer was lost
            throw new PloomesException(call, PloomesException.NO_ANSWER, null, null, creates,
                    call + " got no answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PloomesException(call, PloomesException.NO_ANSWER, null, null, creates,
                    call + " interrupted", e);
        }
        int status = response.statusCode();
        record(call, Integer.toString(status), started);
        log.info("ploomes call={} status={} ms={}", call, status, elapsedMillis(started));
        if (status >= 200 && status < 300) {
            return parse(response.body(), call);
        }
        Duration retryAfter = null;
        if (status == 429) {
            retryAfter = retryAfter(response).orElse(properties.rateLimitedWait());
            limiter.pause(retryAfter);
        }
        String excerpt = excerpt(response.body());
        // a 5xx other than a gateway's may come after the entity was written
        boolean mayHaveBeenApplied = creates && status >= 500 && status != 502 && status != 503 && status != 504;
        log.warn("ploomes call={} status={} retryAfter={} body={}", call, status, retryAfter, Masking.text(excerpt));
        throw new PloomesException(call, status, excerpt, retryAfter, mayHaveBeenApplied,
                call + " answered " + status + ": " + excerpt, null);
    }

    private URI uri(String path, Map<String, String> query) {
        String queryString = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create(properties.apiUrl() + path + (queryString.isEmpty() ? "" : "?" + queryString));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode parse(byte[] body, String call) {
        if (body.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw new PloomesException(call, 200, excerpt(body), null, false,
                    call + " answered 2xx with a body that is not JSON", e);
        }
    }

    private static List<JsonNode> values(JsonNode envelope) {
        JsonNode value = envelope.path("value");
        List<JsonNode> rows = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(rows::add);
        }
        return rows;
    }

    private static Optional<JsonNode> first(JsonNode envelope) {
        JsonNode value = envelope.path("value");
        return value.isArray() && !value.isEmpty() ? Optional.of(value.get(0)) : Optional.empty();
    }

    private static long idOf(JsonNode answer, String call) {
        JsonNode entity = first(answer).orElse(answer);
        JsonNode id = entity.path("Id");
        if (!id.isNumber() && !(id.isString() && id.asString().matches("\\d+"))) {
            throw new PloomesException(call, 200, null, null, false,
                    call + " answered without an entity Id", null);
        }
        return id.asLong();
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty(); // an HTTP date; the default wait is the safer guess
            }
        });
    }

    static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, MAX_ERROR_EXCERPT * 4), StandardCharsets.UTF_8);
        return text.length() > MAX_ERROR_EXCERPT ? text.substring(0, MAX_ERROR_EXCERPT) + "…(" + body.length + " bytes)" : text;
    }

    /** "/Contacts(12)" → "/Contacts": metrics by entity set, never by id. */
    static String resource(String path) {
        int paren = path.indexOf('(');
        return paren < 0 ? path : path.substring(0, paren);
    }

    private void record(String call, String status, long started) {
        Timer.builder("rdploomes.ploomes.requests")
                .description("Ploomes calls by method, entity set and HTTP status")
                .tag("call", call)
                .tag("status", status)
                .register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private static long elapsedMillis(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
