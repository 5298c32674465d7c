package com.rdploomes.worker.admin.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.rdploomes.worker.admin.deadletters.ImportResult;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Puts the dead letters of an export file into the dead-letter queue, as they were.",
                "Every line is checked first: a damaged file imports nothing. Importing a file twice parks its messages twice."})
final class ImportCommand implements Callable<Integer> {

    @ParentCommand
    DeadLettersCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "An export file, or - for stdin.")
    String file;

    @Option(names = "--dry-run", description = "Check the file and count its dead letters; import nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        CliContext context = parent.context;
        String queue = context.deadLetters().topology().deadLetterQueue();
        ImportResult result;
        try (BufferedReader reader = "-".equals(file)
                ? new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            result = context.deadLetters().importFrom(reader, dryRun, context.stop());
        } catch (NoSuchFileException e) {
            context.err().println("error: no such file: " + file);
            return ExitCodes.FAILED;
        }
        if (result.dryRun()) {
            context.out().println("dry run: " + result.lines() + " dead letters in " + file + "; nothing imported");
            return ExitCodes.OK;
        }
        context.out().println("imported " + result.imported() + " of " + result.lines() + " dead letters into " + queue);
        if (result.error() != null) {
            context.err().println("error: " + result.error() + "; the first " + result.imported()
                    + " are in the queue, the rest of the file is not");
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }
}
