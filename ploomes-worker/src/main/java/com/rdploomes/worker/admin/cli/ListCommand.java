package com.rdploomes.worker.admin.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.rdploomes.worker.admin.deadletters.DeadLetterSummary;
import com.rdploomes.worker.admin.deadletters.Selection;
import com.rdploomes.worker.admin.deadletters.Survey;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists the dead letters, one a line, then the counts by reason; leaves them in the queue.",
                "Columns: conversion id, when it failed, reason, attempts, last HTTP status, masked e-mail, a short detail."})
final class ListCommand implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand parent;

    @Mixin
    SelectionOptions selection;

    @Option(names = "--json", description = "One JSON object a line (the counts go to stderr).")
    boolean json;

    @Override
    public Integer call() {
        CliContext context = parent.context;
        Selection filter = selection.toSelection(context.clock());
        List<DeadLetterSummary> rows = new ArrayList<>();
        Survey survey = context.deadLetters().survey(filter, letter -> {
            DeadLetterSummary summary = DeadLetterSummary.of(letter);
            if (json) {
                context.out().println(Json.line(summary));
            } else {
                rows.add(summary);
            }
        });
        String counts = survey.matched() == 0
                ? "no dead letters" + (filter.hasCriteria() ? " match (" + filter.describe() + ")" : "")
                : survey.matched() + " dead letter" + (survey.matched() == 1 ? "" : "s") + ": " + Table.byReason(survey.byReason());
        String total = " — " + survey.inQueue() + " in " + context.deadLetters().topology().deadLetterQueue();
        if (json) {
            context.err().println(counts + total);
        } else {
            if (!rows.isEmpty()) {
                Table.print(context.out(), rows);
                context.out().println();
            }
            context.out().println(counts + total);
        }
        return ExitCodes.OK;
    }
}
