package com.rdploomes.worker.crm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.rdploomes.model.Conversion;

/**
 * What this process already wrote in Ploomes for recent conversions, so that a conversion delivered twice
 * (RD posting it again, the same conversion reaching both a legacy and a 2.0 webhook, a broker redelivery
 * after a lost ack) gets no second note.
 *
 * <p>Why a local record and not a lookup of the note before every post: the lookup
 * ({@code GET /InteractionRecords?$filter=ContactId eq C and contains(Content,'ID da conversão: X')}, which
 * Ploomes' OData and the simulator both support) costs one call, and the call budget is 4 for a new lead and
 * 3 for a returning one, note included. A new contact cannot have an earlier note, so it never needs the
 * lookup; for a returning contact the ledger answers without a call in the common case, and the lookup is
 * made only when the ledger cannot vouch: the conversion reached the receiver before this process started
 * (a previous process may have written it before a crash or restart), or an earlier note post of it may
 * have reached Ploomes without its answer reaching us.
 *
 * <p>Bounded (oldest forgotten first); the retry tiers bring a conversion back within hours, well inside it.
 */
final class ConversionLedger {

    static final int CAPACITY = 20_000;
    /** Receiver and worker clocks may differ; within this margin of our start the ledger does not vouch. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final Map<String, Known> entries = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > CAPACITY;
        }
    };
    private final Instant vouchesFrom;

    ConversionLedger(Clock clock) {
        this.vouchesFrom = clock.instant().plus(CLOCK_MARGIN);
    }

    private sealed interface Known {
        record Done(ConversionHandler.Outcome outcome) implements Known {
        }

        record NoteUncertain() implements Known {
        }
    }

    /** What this process wrote for the conversion, when it finished it before. */
    synchronized Optional<ConversionHandler.Outcome> done(String key) {
        return entries.get(key) instanceof Known.Done done ? Optional.of(done.outcome()) : Optional.empty();
    }

    synchronized void recordDone(String key, ConversionHandler.Outcome outcome) {
        entries.put(key, new Known.Done(outcome));
    }

    /** A note post whose answer was lost: it may be in Ploomes, so the next attempt looks before posting. */
    synchronized void recordNoteUncertain(String key) {
        entries.put(key, new Known.NoteUncertain());
    }

    /** Whether an earlier note of this conversion may exist in Ploomes without this ledger knowing its outcome. */
    synchronized boolean mayHaveAnEarlierNote(String key, Conversion conversion) {
        if (entries.get(key) instanceof Known.NoteUncertain) {
            return true;
        }
        return conversion.receivedAt() == null || conversion.receivedAt().isBefore(vouchesFrom);
    }
}
