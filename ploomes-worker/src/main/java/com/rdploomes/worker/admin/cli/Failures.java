package com.rdploomes.worker.admin.cli;

import java.io.PrintWriter;

import com.rdploomes.worker.admin.deadletters.Selection;

import picocli.CommandLine;

/** An error is one line on stderr, not a stack trace: operators read it, and it must say what to do. */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    private final PrintWriter err;

    Failures(PrintWriter err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof Selection.InvalidSelectionException) {
            err.println("error: " + e.getMessage());
            err.println("see: dead-letters " + commandLine.getCommandName() + " --help");
            return ExitCodes.USAGE;
        }
        err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return ExitCodes.FAILED;
    }
}
