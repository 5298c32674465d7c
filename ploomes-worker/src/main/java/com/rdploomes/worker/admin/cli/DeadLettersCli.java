package com.rdploomes.worker.admin.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.rdploomes.worker.admin.deadletters.StopSignal;

import picocli.CommandLine;

/**
 * {@code java -jar ploomes-worker.jar dead-letters ...}: the operators' command line, run in place of the service
 * by the worker's main. It starts no Spring context, web server or listener; it reads the broker and the topology
 * prefix from the same environment variables as the service.
 */
public final class DeadLettersCli {

    public static final String COMMAND = "dead-letters";

    private DeadLettersCli() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMAND.equals(args[0]);
    }

    /** Runs the command in {@code args} (starting with "dead-letters") and returns the process exit code. */
    public static int run(String[] args) {
        // before any logger exists: log lines go to stderr, so stdout stays the command's output (export > file)
        System.setProperty("logback.configurationFile", "dead-letters-logback.xml");
        StopSignal stop = new StopSignal();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C or a container stop: finish the message in hand, hand the rest back, then let the JVM exit
        Thread onSignal = new Thread(() -> {
            stop.stop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dead-letters-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        try {
            return run(Arrays.copyOfRange(args, 1, args.length), System.getenv(), System.in, out, err, stop, Clock.systemUTC());
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it returns now that the command finished
            }
        }
    }

    static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err,
                   StopSignal stop, Clock clock) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        CliContext context;
        try {
            context = CliContext.fromEnvironment(env, in, out, outWriter, errWriter, stop, clock);
        } catch (RuntimeException e) {
            errWriter.println("error: the environment is not usable: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CommandLine commandLine = new CommandLine(new DeadLettersCommand(context))
                .setOut(outWriter)
                .setErr(errWriter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new Failures(errWriter));
        int code = commandLine.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }
}
