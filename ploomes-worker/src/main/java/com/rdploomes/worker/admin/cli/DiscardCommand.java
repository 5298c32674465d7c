package com.rdploomes.worker.admin.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.rdploomes.worker.admin.deadletters.Outcome;
import com.rdploomes.worker.admin.deadletters.Selection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "discard", mixinStandardHelpOptions = true,
        description = {"Removes the selected dead letters for good. Without --yes it only lists them.",
                "With --export FILE each is written (and synced) to FILE before it is removed."})
final class DiscardCommand implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand parent;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--yes", description = "Really discard them.")
    boolean yes;

    @Option(names = "--dry-run", description = "Print what would be discarded; remove nothing.")
    boolean dryRun;

    @Option(names = "--export", paramLabel = "FILE", description = "Keep a copy: write each to FILE (JSON lines, a new file) first.")
    Path export;

    @Override
    public Integer call() throws IOException {
        CliContext context = parent.context;
        Selection chosen = selection.toSelection(context.clock()).requireExplicit();
        boolean look = dryRun || !yes;
        if (look) {
            Outcome outcome = context.deadLetters().discard(chosen, true, null, context.stop(),
                    letter -> context.out().println("would discard " + letter.conversionId() + "  " + letter.reason() + "  " + letter.maskedEmail()));
            int code = Outcomes.report(context, outcome, chosen, "discarded", "discard");
            if (!dryRun) {
                context.err().println("nothing discarded: add --yes to discard " + (outcome.moved() == 1 ? "it" : "these " + outcome.moved()));
                return ExitCodes.USAGE;
            }
            return code;
        }
        FileSink sink = export == null ? null : FileSink.create(export, true);
        try {
            Outcome outcome = context.deadLetters().discard(chosen, false, sink, context.stop(),
                    letter -> context.out().println("discarded " + letter.conversionId() + "  " + letter.reason() + "  " + letter.maskedEmail()));
            if (export != null) {
                context.err().println("copies in " + export);
            }
            return Outcomes.report(context, outcome, chosen, "discarded", "discard");
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
    }
}
