package com.rdploomes.worker.admin.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "dead-letters", mixinStandardHelpOptions = true, version = "rd-ploomes dead-letters",
        subcommands = {ListCommand.class, ShowCommand.class, ReplayCommand.class, DiscardCommand.class,
                ExportCommand.class, ImportCommand.class},
        description = {
                "Inspect, replay, discard, export and import the conversions parked in the dead-letter queue.",
                "Nothing leaves the queue before its destination confirmed it; an interrupted command leaves what it did not move where it was."},
        footer = {"",
                "Environment (the worker's): RABBITMQ_HOST, RABBITMQ_PORT, RABBITMQ_USERNAME, RABBITMQ_PASSWORD, RABBITMQ_VHOST,",
                "TOPOLOGY_PREFIX, PUBLISH_CONFIRM_TIMEOUT, DEAD_LETTER_REPLAY_RATE (replays a minute, default 10).",
                "Exit codes: 0 done; 1 failed, not found or stopped early (see stderr); 2 usage, or discard without --yes."})
final class DeadLettersCommand implements Callable<Integer> {

    final CliContext context;

    @Spec
    CommandSpec spec;

    DeadLettersCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
    }
}
