package com.rdploomes.worker.admin.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.rdploomes.worker.admin.deadletters.Selection;

import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** How every command picks dead letters: ids, filters (all must match), or --all. */
final class SelectionOptions {

    @Parameters(paramLabel = "ID", arity = "0..*", description = "Conversion ids (the message ids).")
    List<String> ids = new ArrayList<>();

    @Option(names = "--reason", paramLabel = "CODE",
            description = "Only this failure reason: ploomes-4xx, ploomes-unavailable, ploomes-rate-limited, invalid-message, worker-error, delivery-limit, ...")
    String reason;

    @Option(names = "--since", paramLabel = "TIME",
            description = "Failed at or after TIME: 2024-05-20T19:40:12Z, 2024-05-20 (UTC midnight) or an age: 30m, 2h, 3d, 1w.")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Failed before TIME (same forms as --since).")
    String until;

    @Option(names = "--email", paramLabel = "EMAIL", description = "Only this lead's e-mail (compared trimmed and lower-cased; printed masked).")
    String email;

    @Option(names = "--all", description = "Every dead letter (alone: not with ids or filters).")
    boolean all;

    Selection toSelection(Clock clock) {
        return new Selection(ids, reason, Selection.parseTime(since, clock), Selection.parseTime(until, clock), email, all);
    }
}
