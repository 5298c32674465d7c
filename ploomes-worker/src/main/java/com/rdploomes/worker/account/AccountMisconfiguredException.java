package com.rdploomes.worker.account;

import java.util.List;

/** The configuration does not match the Ploomes account; each problem names the bad value and the valid ones. */
public class AccountMisconfiguredException extends RuntimeException {

    private final List<String> problems;

    public AccountMisconfiguredException(List<String> problems) {
        super("the worker's configuration does not match the Ploomes account: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
