package com.rdploomes.worker.admin.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.rdploomes.worker.admin.deadletters.DeadLetter;
import com.rdploomes.worker.admin.deadletters.DeadLetterDetail;
import com.rdploomes.worker.admin.deadletters.DeadLetterSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "The whole dead letter: why it failed, its properties, every header and the body. Leaves it in the queue.")
final class ShowCommand implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "The conversion id.")
    String id;

    @Option(names = "--json", description = "As one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        CliContext context = parent.context;
        List<DeadLetter> found = context.deadLetters().find(id);
        if (found.isEmpty()) {
            context.err().println("no dead letter with conversion id " + id + " in " + context.deadLetters().topology().deadLetterQueue());
            return ExitCodes.FAILED;
        }
        if (found.size() > 1) {
            context.err().println(found.size() + " messages carry this id (a move interrupted between confirm and ack leaves a copy); all are shown");
        }
        for (DeadLetter letter : found) {
            DeadLetterDetail detail = DeadLetterDetail.of(letter);
            if (json) {
                context.out().println(Json.pretty(detail));
            } else {
                print(context.out(), detail);
            }
        }
        return ExitCodes.OK;
    }

    private static void print(PrintWriter out, DeadLetterDetail detail) {
        DeadLetterSummary s = detail.summary();
        out.println("conversion   " + s.conversionId());
        out.println("reason       " + s.reason() + (s.lastHttpStatus() == null || s.lastHttpStatus() == 0 ? "" : " (HTTP " + s.lastHttpStatus() + ")")
                + ", " + s.attempts() + " attempt" + (s.attempts() == 1 ? "" : "s"));
        out.println("failed       first " + Table.time(s.firstFailedAt()) + ", last " + Table.time(s.failedAt()));
        out.println("replayed     " + s.replayCount() + (s.lastReplayedAt() == null ? "" : " time(s), last " + Table.time(s.lastReplayedAt())));
        out.println("properties");
        detail.properties().forEach((k, v) -> out.println("  " + k + ": " + v));
        out.println("headers");
        for (Map.Entry<String, Object> header : detail.headers().entrySet()) {
            out.println("  " + header.getKey() + ": " + header.getValue());
        }
        out.println("body");
        if (detail.body() != null) {
            out.println(Json.pretty(detail.body()));
        } else if (detail.bodyText() != null) {
            out.println(detail.bodyText());
        } else {
            out.println("(not text; base64) " + detail.bodyBase64());
        }
        out.println();
    }
}
