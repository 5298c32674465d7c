package com.rdploomes.worker.admin.http;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.rdploomes.worker.admin.deadletters.DeadLetterSummary;
import com.rdploomes.worker.admin.deadletters.DeadLetters;
import com.rdploomes.worker.admin.deadletters.Selection;
import com.rdploomes.worker.admin.deadletters.Survey;

/**
 * {@code /admin}: one server-rendered page over the same operations as the API, which its few lines of script call.
 * No front-end build: the HTML is written here, the script is inline.
 */
@Controller
@Conditional(AdminTokenConfigured.class)
class AdminPage {

    static final int MAX_ROWS = 500;

    private final DeadLetters deadLetters;
    private final WorkerStatus status;
    private final ReplayJobs replays;
    private final Clock clock = Clock.systemUTC();

    AdminPage(DeadLetters deadLetters, WorkerStatus status, ReplayJobs replays) {
        this.deadLetters = deadLetters;
        this.status = status;
        this.replays = replays;
    }

    @GetMapping({"/admin", "/admin/"})
    ResponseEntity<String> page(@RequestParam(required = false) String reason, @RequestParam(required = false) String since,
                                @RequestParam(required = false) String until, @RequestParam(required = false) String email) {
        PageView.Filter filter = new PageView.Filter(reason, since, until, email);
        String problem = null;
        Selection selection = Selection.everything();
        try {
            selection = new Selection(List.of(), reason, Selection.parseTime(since, clock), Selection.parseTime(until, clock), email, false);
        } catch (Selection.InvalidSelectionException e) {
            problem = e.getMessage();
        }
        Selection chosen = selection;
        List<DeadLetterSummary> rows = new ArrayList<>();
        long[] matched = {0};
        Survey all = null;
        try {
            // one read of the queue: the counts cover all of it, the table what the filter matches
            all = deadLetters.survey(Selection.everything(), letter -> {
                if (chosen.matches(letter)) {
                    matched[0]++;
                    if (rows.size() < MAX_ROWS) {
                        rows.add(DeadLetterSummary.of(letter));
                    }
                }
            });
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        String html = new PageView(status.snapshot(), all, rows, matched[0], filter, chosen.hasCriteria(),
                replays.current().orElse(null), problem).render();
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8)).body(html);
    }
}
