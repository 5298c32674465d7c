package com.rdploomes.worker.admin.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.rdploomes.worker.admin.deadletters.ExportSink;
import com.rdploomes.worker.admin.deadletters.Outcome;
import com.rdploomes.worker.admin.deadletters.Selection;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Writes the selected dead letters to a JSON-lines file and leaves them in the queue.",
                "Each line holds the properties, headers and body: a backup, or a way to move them to another broker with import."})
final class ExportCommand implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand parent;

    @Mixin
    SelectionOptions selection;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "-",
            description = "A new file, or - for stdout (the default).")
    String output;

    @Override
    public Integer call() throws IOException {
        CliContext context = parent.context;
        Selection chosen = selection.toSelection(context.clock()).requireExplicit();
        boolean toStdout = "-".equals(output);
        FileSink file = toStdout ? null : FileSink.create(Path.of(output), false);
        ExportSink sink = toStdout
                ? line -> context.rawOut().write((line + "\n").getBytes(StandardCharsets.UTF_8))
                : file;
        try {
            Outcome outcome = context.deadLetters().export(chosen, sink, context.stop(), letter -> {
            });
            context.rawOut().flush();
            // stdout may be the export itself: the report goes to stderr
            String queue = context.deadLetters().topology().deadLetterQueue();
            context.err().println("exported " + outcome.moved() + " of " + outcome.inQueueAtStart() + " in " + queue
                    + (toStdout ? "" : " to " + output) + "; they are still in the queue"
                    + (outcome.byReason().isEmpty() ? "" : " — " + Table.byReason(outcome.byReason())));
            if (!outcome.complete()) {
                context.err().println("error: " + (outcome.stopped() ? "stopped on request" : outcome.error()) + "; the file is incomplete");
                return ExitCodes.FAILED;
            }
            return ExitCodes.OK;
        } finally {
            if (file != null) {
                file.close();
            }
        }
    }
}
