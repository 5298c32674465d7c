package com.rdploomes.worker.admin.deadletters;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Asks a running operation to stop after the message in hand: Ctrl-C on the command line, "stop" on the page.
 * What was not moved yet stays in the dead-letter queue.
 */
public final class StopSignal {

    private final AtomicBoolean stopped = new AtomicBoolean();

    public void stop() {
        stopped.set(true);
    }

    public boolean stopped() {
        return stopped.get();
    }

    /** Thrown inside an operation to unwind it at the next safe point. */
    static final class Stopped extends Exception {
        Stopped() {
            super("stopped on request", null, false, false);
        }
    }
}
