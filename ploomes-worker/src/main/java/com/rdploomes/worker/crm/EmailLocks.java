package com.rdploomes.worker.crm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per lead e-mail, so that conversions of the same lead run one after the other inside this
 * process (WORKER_CONCURRENCY &gt; 1), while other leads go on in parallel. Without it two conversions of a
 * new lead would both look the contact up, find nothing and both create it. Entries live only while
 * someone holds or waits for them, so the map does not grow with every lead ever seen. Workers in other
 * processes are not covered: run one worker per Ploomes account (the rate limit is per account anyway).
 */
final class EmailLocks {

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users; // changed only inside ConcurrentHashMap.compute for this key, hence atomically
    }

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

    <T> T withLock(String email, Supplier<T> work) {
        Entry entry = locks.compute(email, (key, existing) -> {
            Entry held = existing == null ? new Entry() : existing;
            held.users++;
            return held;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            locks.computeIfPresent(email, (key, held) -> --held.users == 0 ? null : held);
        }
    }

    /** How many e-mails have a lock now (for tests: nothing is left behind). */
    int size() {
        return locks.size();
    }
}
