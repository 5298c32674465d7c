package com.rdploomes.worker.admin.deadletters;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;

/**
 * Walks the dead-letter queue once without losing anything, which a queue (not random-access) makes delicate:
 *
 * <ul>
 *   <li>Every message is taken with manual acknowledgement. One that the selection does not want is held
 *       unacknowledged, so the walk does not meet it again, and handed back with a requeueing nack at the end
 *       (or by the broker when the connection drops: a crash returns it too).</li>
 *   <li>One that is wanted is acked only after its disposal succeeded (the replayed copy confirmed by the
 *       broker, the export line on disk). A crash between the two can leave that one message in both places;
 *       nothing else is ever duplicated or lost.</li>
 *   <li>The walk reads at most the number of messages that were ready when it started, so dead letters that
 *       arrive meanwhile, or messages handed back, never keep it going.</li>
 *   <li>A slow (rate-capped) walk hands back what it holds every {@code maxHold} and starts a new round, because
 *       the broker closes a channel that holds a delivery longer than its consumer timeout (30 minutes by
 *       default). A new round reads only as many messages as can still be from the original set.</li>
 * </ul>
 */
final class Sweep {

    /** What happens to each selected dead letter. */
    interface Disposal {

        /** Once per channel, before the first message: confirms, return listeners. */
        default void prepare(Channel channel) throws IOException {
        }

        /** Does the work for one selected message; when {@link #removes()}, returning normally lets it be acked. */
        void take(Channel channel, DeadLetter letter) throws IOException, TimeoutException, InterruptedException, StopSignal.Stopped;

        /** Whether a taken message leaves the queue (replay, discard) or stays (list, export, dry runs). */
        boolean removes();
    }

    /** Leaves every message where it is. */
    static final Disposal LOOK = new Disposal() {
        @Override
        public void take(Channel channel, DeadLetter letter) {
        }

        @Override
        public boolean removes() {
            return false;
        }
    };

    record Result(long inQueueAtStart, long read, long matched, long taken, List<String> takenIds,
                  Map<String, Long> byReason, boolean stopped, String error) {
    }

    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(2);

    private final String queue;
    private final Clock clock;
    private final Duration maxHold;

    Sweep(String queue, Clock clock, Duration maxHold) {
        this.queue = queue;
        this.clock = clock;
        this.maxHold = maxHold;
    }

    Result run(Connection connection, Predicate<DeadLetter> selected, Disposal disposal, StopSignal stop,
               Consumer<DeadLetter> onTaken) throws IOException {
        long target = readyCount(connection);
        Progress progress = new Progress();
        boolean again = true;
        while (again && progress.taken < target) {
            again = round(connection, target - progress.taken, selected, disposal, stop, onTaken, progress);
        }
        return new Result(target, progress.read, progress.matched, progress.taken, progress.takenIds,
                sortedByCount(progress.byReason), progress.stopped, progress.error);
    }

    /** @return whether another round is needed: this one handed its messages back early because of the hold limit */
    private boolean round(Connection connection, long budget, Predicate<DeadLetter> selected, Disposal disposal,
                          StopSignal stop, Consumer<DeadLetter> onTaken, Progress progress) throws IOException {
        Channel channel = connection.createChannel();
        Instant roundStart = clock.instant();
        long highestHeld = 0;
        long held = 0;
        long readHere = 0;
        long takenHere = 0;
        boolean more = false;
        try {
            disposal.prepare(channel);
            while (readHere < budget) {
                if (stop.stopped()) {
                    progress.stopped = true;
                    break;
                }
                GetResponse response = channel.basicGet(queue, false);
                if (response == null) {
                    break;
                }
                readHere++;
                progress.read++;
                long tag = response.getEnvelope().getDeliveryTag();
                DeadLetter letter = DeadLetter.of(response.getProps(), response.getBody());
                held++;
                if (!selected.test(letter)) {
                    highestHeld = tag;
                    continue;
                }
                progress.matched++;
                progress.byReason.merge(letter.reason(), 1L, Long::sum);
                // held until proven taken: if take() throws, the nack below returns this one too
                long heldBefore = highestHeld;
                highestHeld = tag;
                disposal.take(channel, letter);
                if (disposal.removes()) {
                    channel.basicAck(tag, false);
                    highestHeld = heldBefore;
                    held--;
                    progress.taken++;
                    takenHere++;
                }
                progress.takenIds.add(letter.conversionId());
                onTaken.accept(letter);
                if (takenHere > 0 && readHere < budget && !Duration.between(roundStart, clock.instant()).minus(maxHold).isNegative()) {
                    more = true;
                    break;
                }
            }
        } catch (StopSignal.Stopped e) {
            progress.stopped = true;
        } catch (IOException | TimeoutException | RuntimeException e) {
            progress.error = describe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.stopped = true;
        } finally {
            giveBack(channel, highestHeld, held);
        }
        return more && progress.error == null && !progress.stopped;
    }

    private void giveBack(Channel channel, long highestHeld, long held) {
        try {
            if (channel.isOpen()) {
                if (highestHeld > 0) {
                    // a nack, not a reject or a channel close: RabbitMQ 4.3+ does not count it as a failed delivery
                    channel.basicNack(highestHeld, true, true);
                    awaitReady(channel, held);
                }
                channel.close();
            }
        } catch (IOException | TimeoutException | RuntimeException e) {
            // the connection's close returns whatever this could not
        }
    }

    /**
     * A quorum queue applies returned messages through its log, a moment after the nack: wait (briefly) until they
     * count as ready again, so that an operation started right after this one sees the whole queue.
     */
    private void awaitReady(Channel channel, long held) throws IOException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (channel.queueDeclarePassive(queue).getMessageCount() < held && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
        }
    }

    long readyCount(Connection connection) throws IOException {
        Channel channel = connection.createChannel();
        try {
            return channel.queueDeclarePassive(queue).getMessageCount();
        } catch (IOException e) {
            throw new MissingQueueException(queue, e);
        } finally {
            if (channel.isOpen()) {
                try {
                    channel.close();
                } catch (TimeoutException | IOException ignored) {
                    // closing a healthy channel cannot fail in a way that matters here
                }
            }
        }
    }

    private static Map<String, Long> sortedByCount(Map<String, Long> counts) {
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof TimeoutException) {
            return "the broker did not confirm in time" + (message == null ? "" : ": " + message);
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static final class Progress {
        long read;
        long matched;
        long taken;
        final List<String> takenIds = new ArrayList<>();
        final Map<String, Long> byReason = new TreeMap<>();
        boolean stopped;
        String error;
    }
}
