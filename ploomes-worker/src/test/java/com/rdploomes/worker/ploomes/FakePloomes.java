package com.rdploomes.worker.ploomes;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A recording HTTP server that answers like Ploomes with canned answers, so tests can pin the exact
 * requests the worker sends (path, decoded and raw query, headers, body). Unscripted calls get an empty
 * collection (GET) or a new Id in {@code value[0]} (POST, PATCH), except the account lists the startup
 * checks read, which answer the simulator's fixture account ({@link #ACCOUNT}): pipeline 40030343 with
 * stage 40303847, user 120001, the phone types and the example mapping's fields.
 */
public final class FakePloomes implements AutoCloseable {

    public record Request(String method, String path, String rawQuery, Map<String, String> query,
                          Map<String, String> headers, String body) {

        public String call() {
            int paren = path.indexOf('(');
            return method + " " + (paren < 0 ? path : path.substring(0, paren));
        }
    }

    public record Answer(int status, String body, Map<String, String> headers, boolean drop) {

        public static Answer json(int status, String body) {
            return new Answer(status, body, Map.of(), false);
        }

        public static Answer of(int status, String body, Map<String, String> headers) {
            return new Answer(status, body, headers, false);
        }

        /** Close the connection without an answer. */
        public static Answer dropped() {
            return new Answer(0, "", Map.of(), true);
        }
    }

    /** The simulator fixture's account lists, by call (filters are not applied: the worker's checks do not need them). */
    public static final Map<String, String> ACCOUNT = Map.of(
            "GET /Deals@Pipelines", """
                    {"value":[{"Id":40030343,"Name":"Funil RD Station","Stages":[
                        {"Id":40303847,"Name":"Novo lead","PipelineId":40030343},
                        {"Id":40303848,"Name":"Qualificado","PipelineId":40030343}]},
                      {"Id":40030344,"Name":"Outro funil","Stages":[{"Id":40303849,"Name":"Entrada","PipelineId":40030344}]}]}""",
            "GET /Users", """
                    {"value":[{"Id":120001,"Name":"Vendedora Simulada"},{"Id":120002,"Name":"Outro Usuário"}]}""",
            "GET /PhoneTypes", """
                    {"value":[{"Id":1,"Name":"Comercial"},{"Id":2,"Name":"Celular"},{"Id":3,"Name":"WhatsApp"},
                      {"Id":4,"Name":"Residencial"}]}""",
            "GET /Fields", """
                    {"value":[
                      %s,
                      %s,
                      %s,
                      %s,
                      %s,
                      {"Id":300006,"Key":"deal_7B1E0C1A-0000-4000-8000-00000000A006","Name":"Tipo de obra","EntityId":2,
                       "TypeId":6,"OptionsTableId":9001,"Type":{"Id":6,"NativeType":"Integer"}},
                      %s,
                      %s,
                      %s,
                      %s,
                      %s,
                      %s]}""".formatted(
                    field("deal", "A001", "Aplicação", "String"), field("deal", "A002", "Conte mais sobre seu projeto", "BigString"),
                    field("deal", "A003", "UTM Source", "String"), field("deal", "A004", "Conversão RD", "String"),
                    field("deal", "A005", "Data da conversão", "DateTime"), field("deal", "A007", "Conversões no RD", "Integer"),
                    field("deal", "A008", "Oportunidade no RD", "Bool"), field("deal", "A009", "Orçamento estimado", "Decimal"),
                    field("contact", "C001", "Segmento", "String"), field("contact", "C002", "Interesses", "BigString"),
                    field("contact", "C003", "Aceita contato", "Bool")),
            "GET /Fields@OptionsTables@Options", """
                    {"value":[{"Id":9101,"TableId":9001,"Name":"Residencial"},{"Id":9102,"TableId":9001,"Name":"Comercial"},
                      {"Id":9103,"TableId":9001,"Name":"Industrial"}]}""");

    private static String field(String entity, String suffix, String name, String nativeType) {
        return "{\"Key\":\"" + entity + "_7B1E0C1A-0000-4000-8000-00000000" + suffix + "\",\"Name\":\"" + name
                + "\",\"EntityId\":" + (entity.equals("contact") ? 1 : 2) + ",\"Type\":{\"NativeType\":\"" + nativeType
                + "\"}}";
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Answer> always = new ConcurrentHashMap<>();
    private final Map<String, Function<Request, Answer>> responders = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(900_000_000L);

    /** A new Id, as an unscripted POST would get. */
    public long nextId() {
        return ids.incrementAndGet();
    }

    public FakePloomes() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next calls matching "METHOD /Set" get these answers, in order. */
    public FakePloomes script(String call, Answer... answers) {
        scripted.computeIfAbsent(call, k -> new ArrayDeque<>()).addAll(List.of(answers));
        return this;
    }

    /** Every call matching "METHOD /Set" gets this answer until reset. */
    public FakePloomes always(String call, Answer answer) {
        always.put(call, answer);
        return this;
    }

    /** Every call matching "METHOD /Set" is answered by this function (after scripted answers), until reset. */
    public FakePloomes respond(String call, Function<Request, Answer> responder) {
        responders.put(call, responder);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String call) {
        return requests.stream().filter(r -> r.call().equals(call)).toList();
    }

    public void reset() {
        requests.clear();
        scripted.clear();
        always.clear();
        responders.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), rawQuery,
                decode(rawQuery), headers, body);
        requests.add(request);

        Answer answer = nextAnswer(request);
        if (answer.drop()) {
            exchange.close(); // no status line sent: the JDK server closes the connection
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        answer.headers().forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Answer nextAnswer(Request request) {
        Deque<Answer> queue = scripted.get(request.call());
        if (queue != null) {
            synchronized (queue) {
                if (!queue.isEmpty()) {
                    return queue.poll();
                }
            }
        }
        Answer fixed = always.get(request.call());
        if (fixed != null) {
            return fixed;
        }
        Function<Request, Answer> responder = responders.get(request.call());
        if (responder != null) {
            return responder.apply(request);
        }
        String account = ACCOUNT.get(request.call());
        if (account != null) {
            return Answer.json(200, account);
        }
        if (request.method().equals("GET")) {
            return Answer.json(200, "{\"@odata.context\":\"x\",\"value\":[]}");
        }
        long id = request.path().contains("(")
                ? Long.parseLong(request.path().replaceAll(".*\\((\\d+)\\).*", "$1"))
                : nextId();
        return Answer.json(200, "{\"@odata.context\":\"x\",\"value\":[{\"Id\":" + id + "}]}");
    }

    private static Map<String, String> decode(String rawQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return query;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
