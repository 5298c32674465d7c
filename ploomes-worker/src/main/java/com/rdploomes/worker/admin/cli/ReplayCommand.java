package com.rdploomes.worker.admin.cli;

import java.util.concurrent.Callable;

import com.rdploomes.worker.admin.deadletters.Outcome;
import com.rdploomes.worker.admin.deadletters.Selection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Puts the selected dead letters back on the worker's input queue, at most --rate a minute.",
                "Each keeps its conversion id and body, starts again at attempt 1, and records x-replayed-at and x-replay-count.",
                "Each leaves the dead-letter queue only after the broker confirmed its copy; Ctrl-C stops after the message in hand."})
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand parent;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--rate", paramLabel = "N", description = "Replays a minute (default: DEAD_LETTER_REPLAY_RATE, else 10).")
    Integer rate;

    @Option(names = "--dry-run", description = "Print what would be replayed; move nothing.")
    boolean dryRun;

    @Override
    public Integer call() {
        CliContext context = parent.context;
        Selection chosen = selection.toSelection(context.clock()).requireExplicit();
        int perMinute = rate == null ? context.defaultRate() : rate;
        if (perMinute <= 0) {
            throw new Selection.InvalidSelectionException("--rate must be at least 1 a minute, not " + perMinute);
        }
        var topology = context.deadLetters().topology();
        context.err().println((dryRun ? "dry run: " : "") + "replaying " + chosen.describe() + " from " + topology.deadLetterQueue()
                + " to " + topology.inputQueue() + ", at most " + perMinute + " a minute" + (dryRun ? "" : "; Ctrl-C stops after the message in hand"));
        Outcome outcome = context.deadLetters().replay(chosen, perMinute, dryRun, context.stop(), letter ->
                context.out().println((dryRun ? "would replay " : "replayed ") + letter.conversionId() + "  " + letter.reason()
                        + "  " + letter.maskedEmail()));
        return Outcomes.report(context, outcome, chosen, "replayed", "replay");
    }
}
