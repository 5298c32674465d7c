package com.rdploomes.worker.account;

/** Ends the worker when its configuration turns out not to match Ploomes after startup (a check that had to wait). */
@FunctionalInterface
public interface ConfigurationStop {

    /** Exit status of a worker stopped for its configuration (sysexits' EX_CONFIG). */
    int EXIT_CODE = 78;

    void stop(String reason);
}
