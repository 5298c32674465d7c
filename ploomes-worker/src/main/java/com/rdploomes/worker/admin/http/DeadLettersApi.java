package com.rdploomes.worker.admin.http;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import com.rdploomes.worker.admin.AdminSettings;
import com.rdploomes.worker.admin.deadletters.BrokerUnavailableException;
import com.rdploomes.worker.admin.deadletters.DeadLetter;
import com.rdploomes.worker.admin.deadletters.DeadLetterDetail;
import com.rdploomes.worker.admin.deadletters.DeadLetterSummary;
import com.rdploomes.worker.admin.deadletters.DeadLetters;
import com.rdploomes.worker.admin.deadletters.ImportResult;
import com.rdploomes.worker.admin.deadletters.InvalidImportException;
import com.rdploomes.worker.admin.deadletters.MissingQueueException;
import com.rdploomes.worker.admin.deadletters.Outcome;
import com.rdploomes.worker.admin.deadletters.Selection;
import com.rdploomes.worker.admin.deadletters.StopSignal;
import com.rdploomes.worker.admin.deadletters.Survey;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The command line's operations over HTTP, under the worker's management port, behind {@link AdminTokenFilter}. */
@RestController
@RequestMapping("/admin")
@Conditional(AdminTokenConfigured.class)
class DeadLettersApi {

    static final String NDJSON = "application/x-ndjson";
    private static final int MAX_LISTED = 5_000;

    private final DeadLetters deadLetters;
    private final ReplayJobs replays;
    private final AdminSettings settings;
    private final WorkerStatus status;
    private final Clock clock = Clock.systemUTC();

    DeadLettersApi(DeadLetters deadLetters, ReplayJobs replays, AdminSettings settings, WorkerStatus status) {
        this.deadLetters = deadLetters;
        this.replays = replays;
        this.settings = settings;
        this.status = status;
    }

    @GetMapping("/dead-letters")
    Listing list(@RequestParam(required = false) List<String> id, @RequestParam(required = false) String reason,
                 @RequestParam(required = false) String since, @RequestParam(required = false) String until,
                 @RequestParam(required = false) String email, @RequestParam(defaultValue = "500") int limit) {
        Selection filter = new Selection(id, reason, Selection.parseTime(since, clock), Selection.parseTime(until, clock), email, false);
        int shown = Math.clamp(limit, 0, MAX_LISTED);
        List<DeadLetterSummary> rows = new ArrayList<>();
        Survey result = deadLetters.survey(filter, letter -> {
            if (rows.size() < shown) {
                rows.add(DeadLetterSummary.of(letter));
            }
        });
        return new Listing(result, rows, result.matched() > rows.size());
    }

    @GetMapping("/dead-letters/{id}")
    ResponseEntity<?> show(@PathVariable String id) {
        List<DeadLetter> found = deadLetters.find(id);
        if (found.isEmpty()) {
            return problem(HttpStatus.NOT_FOUND, "no dead letter with conversion id " + id);
        }
        return ResponseEntity.ok(new Shown(found.size(), DeadLetterDetail.of(found.getFirst())));
    }

    @PostMapping(path = "/dead-letters/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> replay(@RequestBody SelectionRequest request) {
        Selection selection = request.selection(clock).requireExplicit();
        int rate = request.ratePerMinute() == null ? settings.replayRatePerMinute() : request.ratePerMinute();
        if (rate <= 0) {
            throw new Selection.InvalidSelectionException("rate_per_minute must be at least 1, not " + rate);
        }
        if (request.isDryRun()) {
            return ResponseEntity.ok(deadLetters.replay(selection, rate, true, new StopSignal(), letter -> { }));
        }
        ReplayJobs.Job job = replays.start(selection, rate);
        return ResponseEntity.accepted().location(URI.create("/admin/dead-letters/replays/current")).body(job);
    }

    @GetMapping("/dead-letters/replays/current")
    ResponseEntity<?> currentReplay() {
        return replays.current().<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "no replay has run since the worker started"));
    }

    @PostMapping("/dead-letters/replays/current/stop")
    ResponseEntity<?> stopReplay() {
        return replays.stop().<ResponseEntity<?>>map(job -> ResponseEntity.accepted().body(job))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "no replay has run since the worker started"));
    }

    @PostMapping(path = "/dead-letters/discard", consumes = MediaType.APPLICATION_JSON_VALUE)
    Outcome discard(@RequestBody SelectionRequest request) {
        Selection selection = request.selection(clock).requireExplicit();
        return deadLetters.discard(selection, request.isDryRun(), null, new StopSignal(), letter -> { });
    }

    @GetMapping(path = "/dead-letters/export", produces = NDJSON)
    ResponseEntity<StreamingResponseBody> export(@RequestParam(required = false) List<String> id,
                                                 @RequestParam(required = false) String reason,
                                                 @RequestParam(required = false) String since,
                                                 @RequestParam(required = false) String until,
                                                 @RequestParam(required = false) String email,
                                                 @RequestParam(defaultValue = "false") boolean all) {
        Selection selection = new Selection(id, reason, Selection.parseTime(since, clock), Selection.parseTime(until, clock),
                email, all).requireExplicit();
        StreamingResponseBody body = out -> {
            Outcome outcome = deadLetters.export(selection, line -> out.write((line + "\n").getBytes(StandardCharsets.UTF_8)),
                    new StopSignal(), letter -> { });
            if (!outcome.complete()) {
                // the status line is gone by now: an incomplete file must not pass for a whole one
                throw new IOException("export incomplete: " + outcome.error());
            }
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"dead-letters.jsonl\"")
                .contentType(MediaType.parseMediaType(NDJSON))
                .body(body);
    }

    @PostMapping(path = "/dead-letters/import", consumes = {NDJSON, "application/jsonl"})
    ImportResult importFile(HttpServletRequest request, @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun)
            throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8))) {
            return deadLetters.importFrom(reader, dryRun, new StopSignal());
        }
    }

    @GetMapping("/status")
    WorkerStatus.Status status() {
        return status.snapshot();
    }

    @ExceptionHandler({Selection.InvalidSelectionException.class, InvalidImportException.class})
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ReplayJobs.BusyException.class)
    ResponseEntity<ProblemDetail> busy(ReplayJobs.BusyException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({BrokerUnavailableException.class, MissingQueueException.class})
    ResponseEntity<ProblemDetail> brokerProblem(IllegalStateException e) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    /**
     * @param truncated more matched than the limit allowed to list
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Listing(Survey survey, List<DeadLetterSummary> deadLetters, boolean truncated) {
    }

    /** @param copies messages with this id (more than one after a move interrupted between confirm and ack) */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Shown(int copies, DeadLetterDetail deadLetter) {
    }
}
