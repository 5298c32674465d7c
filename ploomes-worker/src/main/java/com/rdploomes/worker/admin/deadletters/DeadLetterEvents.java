package com.rdploomes.worker.admin.deadletters;

/** What the operations tell the worker's metrics; the command line, a process of its own, tells nobody. */
public interface DeadLetterEvents {

    DeadLetterEvents NONE = new DeadLetterEvents() {
    };

    default void replayed(DeadLetter letter) {
    }

    default void discarded(DeadLetter letter) {
    }

    default void imported(int count) {
    }
}
