package com.rdploomes.worker.admin.cli;

/** What scripts can rely on. */
final class ExitCodes {

    static final int OK = 0;
    /** The broker failed, an id was not found, or an operation stopped before the end: see stderr. */
    static final int FAILED = 1;
    /** Wrong or missing arguments, or a discard without --yes: nothing was changed. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
