package com.rdploomes.receiver.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Masking;
import com.rdploomes.receiver.publish.ConversionHandoff;
import com.rdploomes.receiver.publish.ConversionHandoff.Handoff;
import com.rdploomes.receiver.publish.HandoffFailedException;
import com.rdploomes.receiver.rdstation.ParseOutcome;
import com.rdploomes.receiver.rdstation.RdWebhookParser;
import com.rdploomes.receiver.rdstation.RejectedLead;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /webhook/rdstation}: authenticate, check the body's type and size, parse, hand off, and
 * answer 202 only once every conversion is durable: confirmed by RabbitMQ, or fsynced to the disk spool
 * while RabbitMQ cannot take it. The checks run cheapest first, and none reads the body before the token is
 * known to be right.
 *
 * <p>The body is read by hand rather than by a message converter: that is what lets the size be capped
 * while reading, and the bytes be decoded as UTF-8 whatever charset the sender declared.
 */
@RestController
class WebhookController {

    static final String PATH = "/webhook/rdstation";
    static final String TOKEN_HEADER = "X-Webhook-Token";
    static final String TOKEN_PARAMETER = "token";

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final WebhookToken token;
    private final RdWebhookParser parser;
    private final ConversionHandoff handoff;
    private final WebhookMetrics metrics;
    private final JsonMapper json;
    private final long maxBodyBytes;
    private final Duration retryAfter;

    WebhookController(WebhookToken token, RdWebhookParser parser, ConversionHandoff handoff,
                      WebhookMetrics metrics, WebhookSettings settings, JsonMapper json) {
        this.token = token;
        this.parser = parser;
        this.handoff = handoff;
        this.metrics = metrics;
        this.json = json;
        this.maxBodyBytes = settings.maxBodyBytes().toBytes();
        this.retryAfter = settings.retryAfter();
    }

    /** 202 {@link Accepted}, 200 {@link Ignored}, or a problem (401, 413, 415, 400, 422, 503). */
    @PostMapping(PATH)
    ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
        long started = System.nanoTime();
        Instant receivedAt = Instant.now();
        // the query is parsed here, not with getParameter(), which would read a form-encoded body
        if (!token.accepts(request.getHeader(TOKEN_HEADER), queryParameter(request.getQueryString(), TOKEN_PARAMETER))) {
            return refuse(request, Refusal.UNAUTHORIZED,
                    "The webhook token is missing or wrong. Give it as ?token=... or in the X-Webhook-Token header.");
        }
        if (!isJson(request.getContentType())) {
            return refuse(request, Refusal.UNSUPPORTED_MEDIA_TYPE,
                    "The Content-Type must be application/json (any charset).");
        }
        long declared = request.getContentLengthLong();
        if (declared > maxBodyBytes) {
            return refuse(request, Refusal.TOO_LARGE, tooLarge());
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = readBody(in, declared);
        }
        if (body.length > maxBodyBytes) {
            return refuse(request, Refusal.TOO_LARGE, tooLarge());
        }
        return switch (parser.parse(body, receivedAt)) {
            case ParseOutcome.Refused refused -> refuse(request,
                    refused.problem() == ParseOutcome.Problem.MALFORMED ? Refusal.MALFORMED : Refusal.UNKNOWN_SHAPE,
                    refused.detail());
            case ParseOutcome.Ignored ignored -> ignore(ignored);
            case ParseOutcome.Leads leads -> publish(request, leads, started);
        };
    }

    private ResponseEntity<?> publish(HttpServletRequest request, ParseOutcome.Leads leads, long started) {
        List<Conversion> conversions = leads.conversions();
        metrics.rejectedLeads(leads.rejected().size());
        if (conversions.isEmpty()) {
            String detail = leads.leadCount() == 0
                    ? "The body holds no lead."
                    : "No lead of the body has a usable e-mail: " + leads.rejected().stream()
                            .map(r -> "lead " + r.index() + ": " + r.reason())
                            .collect(Collectors.joining("; ")) + ".";
            ProblemDetail problem = Problems.of(Refusal.NO_USABLE_LEAD, detail);
            problem.setProperty("rejected", leads.rejected());
            metrics.refused(Refusal.NO_USABLE_LEAD);
            log.info("webhook refused status=422 reason=no-usable-lead format={} leads={} rejected={}",
                    leads.format(), leads.leadCount(), reasons(leads.rejected()));
            return Problems.builder(Refusal.NO_USABLE_LEAD).body(problem);
        }
        List<String> ids = conversions.stream().map(Conversion::id).toList();
        String emails = conversions.stream().map(c -> Masking.email(c.lead().email()))
                .collect(Collectors.joining(",", "[", "]"));
        Handoff handoff;
        try {
            handoff = this.handoff.handOff(conversions);
        } catch (HandoffFailedException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            Refusal refusal = e.spoolFull() ? Refusal.SPOOL_FULL : Refusal.BROKER_UNAVAILABLE;
            metrics.handoffFailed(refusal, elapsed);
            // WARN, not INFO: every such request is a conversion RD may or may not send again
            log.warn("webhook refused status=503 reason={} format={} leads={} conversions={} emails={} ms={} cause=\"{}\"",
                    refusal.reason, leads.format(), leads.leadCount(), ids, emails, elapsed.toMillis(), e.getMessage());
            String detail = e.spoolFull()
                    ? "RabbitMQ did not confirm the conversions and the receiver's spool is full, so none is accepted. Send the same body again later."
                    : "RabbitMQ did not confirm the conversions, so none is accepted. Send the same body again later.";
            return Problems.builder(refusal)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())))
                    .body(Problems.of(refusal, detail));
        }
        boolean spooled = handoff == Handoff.SPOOLED;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        metrics.accepted(conversions.size(), spooled, elapsed);
        log.info("webhook accepted status=202 spooled={} format={} leads={} conversions={} emails={} rejected={} ms={}",
                spooled, leads.format(), leads.leadCount(), ids, emails, reasons(leads.rejected()), elapsed.toMillis());
        return answer(ResponseEntity.accepted(), new Accepted("accepted", ids, leads.rejected(), spooled));
    }

    private ResponseEntity<?> ignore(ParseOutcome.Ignored ignored) {
        metrics.ignored();
        log.info("webhook ignored status=200 eventType={}", ignored.eventType());
        return answer(ResponseEntity.ok(), new Ignored("ignored", ignored.reason()));
    }

    /**
     * The answer as bytes of known length. Written by the message converter, a JSON body is streamed and so sent
     * chunked: Spring flushes the headers with the body, and Tomcat writes the closing chunk separately, two socket
     * writes a request instead of one. The type is set, not negotiated: an odd Accept header must not turn a
     * published conversion into a 406.
     */
    private ResponseEntity<byte[]> answer(ResponseEntity.BodyBuilder status, Object body) {
        byte[] bytes = json.writeValueAsBytes(body);
        return status.contentType(MediaType.APPLICATION_JSON).contentLength(bytes.length).body(bytes);
    }

    private ResponseEntity<?> refuse(HttpServletRequest request, Refusal refusal, String detail) {
        metrics.refused(refusal);
        log.info("webhook refused status={} reason={} from={}", refusal.status.value(), refusal.reason, request.getRemoteAddr());
        return Problems.builder(refusal).body(Problems.of(refusal, detail));
    }

    /**
     * With a Content-Length (already checked against the limit, and enforced by Tomcat) the body is read into
     * an array of that size: InputStream.readNBytes(limit) would allocate 16 KB a request for a 1 KB body.
     * Without one (chunked), one byte past the limit tells "too large" from "exactly the limit".
     */
    private byte[] readBody(InputStream in, long declared) throws IOException {
        if (declared >= 0) {
            byte[] body = new byte[Math.toIntExact(declared)];
            int read = in.readNBytes(body, 0, body.length);
            return read == body.length ? body : Arrays.copyOf(body, read);
        }
        return in.readNBytes(Math.toIntExact(Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 8)));
    }

    private String tooLarge() {
        return "The body exceeds the limit of " + maxBodyBytes + " bytes (WEBHOOK_MAX_BODY_BYTES).";
    }

    private static String reasons(List<RejectedLead> rejected) {
        return rejected.stream().map(r -> r.index() + ":" + r.reason()).collect(Collectors.joining(",", "[", "]"));
    }

    /**
     * {@code application/json} or any {@code application/*+json}, with any parameters. A missing
     * Content-Type is read as JSON: RD always sends one, and a hand-made test or a proxy that drops it
     * should not lose a lead; the body is still checked to be JSON.
     */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
            return "application".equalsIgnoreCase(type.getType()) && (subtype.equals("json") || subtype.endsWith("+json"));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The first value of a query parameter, or null; a malformed escape counts as absent. */
    static String queryParameter(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException malformed) {
                // a broken %-escape: not a usable parameter
            }
        }
        return null;
    }

    /**
     * The 202 answer: every conversion id now durable, the leads left out with why, and whether the
     * conversions wait in the receiver's spool (true) or are already in RabbitMQ (false).
     */
    record Accepted(String status, List<String> conversionIds, List<RejectedLead> rejected, boolean spooled) {
    }

    /** The 200 answer for a well-formed event that is not a conversion. */
    record Ignored(String status, String reason) {
    }
}
