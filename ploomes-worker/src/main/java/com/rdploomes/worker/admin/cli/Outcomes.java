package com.rdploomes.worker.admin.cli;

import java.util.List;

import com.rdploomes.worker.admin.deadletters.Outcome;
import com.rdploomes.worker.admin.deadletters.Selection;

/** The last lines of replay, discard and export, and their exit code. */
final class Outcomes {

    private Outcomes() {
    }

    static int report(CliContext context, Outcome outcome, Selection selection, String done, String verb) {
        String queue = context.deadLetters().topology().deadLetterQueue();
        String counts = outcome.dryRun()
                ? "dry run: would " + verb + " " + outcome.moved() + " of " + outcome.inQueueAtStart() + " in " + queue + "; nothing changed"
                : done + " " + outcome.moved() + " of " + outcome.matched() + " selected (" + outcome.inQueueAtStart() + " were in " + queue + ")";
        context.out().println(counts + (outcome.byReason().isEmpty() ? "" : " — " + Table.byReason(outcome.byReason())));
        int code = ExitCodes.OK;
        if (outcome.stopped()) {
            context.err().println("stopped on request: what was not " + done + " is still in " + queue);
            code = ExitCodes.FAILED;
        }
        if (outcome.error() != null) {
            context.err().println("error: " + outcome.error() + "; what was not " + done + " is still in " + queue);
            code = ExitCodes.FAILED;
        }
        List<String> missing = selection.ids().stream().filter(id -> !outcome.movedIds().contains(id)).toList();
        if (outcome.complete() && !missing.isEmpty()) {
            context.err().println("not in " + queue + ": " + String.join(", ", missing));
            code = ExitCodes.FAILED;
        }
        return code;
    }
}
