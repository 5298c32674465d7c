package com.rdploomes.worker.admin.deadletters;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rdploomes.model.Topology;

/**
 * The operators' dead-letter operations, one implementation behind the command line, the admin API and the
 * admin page: list, show, replay, discard, export, import. Each works on a connection of its own and follows
 * the rules of {@link Sweep}: nothing leaves the dead-letter queue before its destination confirmed it, and
 * an operation interrupted anywhere leaves what it did not move where it was.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    /** Well under the broker's default consumer timeout (30 min), after which it would close the channel. */
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofMinutes(10);
    /**
     * Replays a minute unless told otherwise: at 3 to 5 Ploomes calls each, 10 use at most half of the default budget
     * of 100 calls a minute, and live conversions keep the rest.
     */
    public static final int DEFAULT_REPLAY_RATE = 10;

    private final BrokerConnections broker;
    private final Topology topology;
    private final Clock clock;
    private final Duration confirmTimeout;
    private final DeadLetterEvents events;
    private final Sweep sweep;
    /**
     * Two walks of the queue at once hide from each other what each holds, so the short ones of this process (lists,
     * the page, the gauge, exports, discards) take turns. A replay does not take part: it can run for hours, and holds
     * at most one round's unselected messages at a time. Another process (the command line) is not covered.
     */
    private final ReentrantLock readers = new ReentrantLock(true);

    public DeadLetters(BrokerConnections broker, Topology topology, Clock clock, Duration confirmTimeout,
                       Duration maxHold, DeadLetterEvents events) {
        this.broker = broker;
        this.topology = topology;
        this.clock = clock;
        this.confirmTimeout = confirmTimeout;
        this.events = events;
        this.sweep = new Sweep(topology.deadLetterQueue(), clock, maxHold);
    }

    public Topology topology() {
        return topology;
    }

    /** Reads the matching dead letters, in queue order, and leaves every one of them in place. */
    public Survey survey(Selection filter, Consumer<DeadLetter> each) {
        readers.lock();
        try {
            return surveyHoldingTheLock(filter, each);
        } finally {
            readers.unlock();
        }
    }

    /** A survey only if no other read or discard of this process is running: the gauge skips a turn rather than wait. */
    public Optional<Survey> surveyIfIdle(Selection filter, Consumer<DeadLetter> each) {
        if (!readers.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.of(surveyHoldingTheLock(filter, each));
        } finally {
            readers.unlock();
        }
    }

    private Survey surveyHoldingTheLock(Selection filter, Consumer<DeadLetter> each) {
        Sweep.Result result = withConnection("list", connection ->
                sweep.run(connection, filter::matches, Sweep.LOOK, new StopSignal(), each));
        return new Survey(result.inQueueAtStart(), result.read(), result.matched(), result.byReason());
    }

    /** Every dead letter with this conversion id (normally one; an interrupted move can leave two). */
    public List<DeadLetter> find(String conversionId) {
        List<DeadLetter> found = new ArrayList<>();
        survey(Selection.ofIds(conversionId), found::add);
        return found;
    }

    /**
     * Puts the selected dead letters back on the input queue, at most {@code perMinute} a minute, each acked
     * here only after the broker confirmed its copy.
     */
    public Outcome replay(Selection selection, int perMinute, boolean dryRun, StopSignal stop, Consumer<DeadLetter> each) {
        selection.requireExplicit();
        RateCap cap = new RateCap(perMinute);
        Instant started = clock.instant();
        Sweep.Disposal disposal = dryRun ? Sweep.LOOK : new Republish(cap, stop);
        Sweep.Result result = withConnection("replay", connection ->
                sweep.run(connection, presentAt(selection, started), disposal, stop, letter -> {
                    if (!dryRun) {
                        events.replayed(letter);
                        log.info("dead letter replayed conversion={} reason={} replays={}", letter.conversionId(),
                                letter.reason(), letter.replayCount() + 1);
                    }
                    each.accept(letter);
                }));
        return outcome("replay", dryRun, result);
    }

    /**
     * Removes the selected dead letters for good; with an {@code exportFirst} sink each is written there, and
     * removed only after the write returned.
     */
    public Outcome discard(Selection selection, boolean dryRun, ExportSink exportFirst, StopSignal stop, Consumer<DeadLetter> each) {
        selection.requireExplicit();
        Instant started = clock.instant();
        Sweep.Disposal disposal = dryRun ? Sweep.LOOK : new Sweep.Disposal() {
            @Override
            public void take(Channel channel, DeadLetter letter) throws IOException {
                if (exportFirst != null) {
                    exportFirst.write(ExportFormat.line(letter));
                }
            }

            @Override
            public boolean removes() {
                return true;
            }
        };
        readers.lock();
        try {
            Sweep.Result result = withConnection("discard", connection ->
                    sweep.run(connection, presentAt(selection, started), disposal, stop, letter -> {
                        if (!dryRun) {
                            events.discarded(letter);
                            log.info("dead letter discarded conversion={} reason={}", letter.conversionId(), letter.reason());
                        }
                        each.accept(letter);
                    }));
            return outcome("discard", dryRun, result);
        } finally {
            readers.unlock();
        }
    }

    /** Writes the selected dead letters to the sink and leaves them in the queue. */
    public Outcome export(Selection selection, ExportSink sink, StopSignal stop, Consumer<DeadLetter> each) {
        Sweep.Disposal disposal = new Sweep.Disposal() {
            @Override
            public void take(Channel channel, DeadLetter letter) throws IOException {
                sink.write(ExportFormat.line(letter));
            }

            @Override
            public boolean removes() {
                return false;
            }
        };
        readers.lock();
        try {
            Sweep.Result result = withConnection("export", connection ->
                    sweep.run(connection, selection::matches, disposal, stop, each));
            // exported ones stay in the queue: what moved is what was written
            return outcome("export", true, result).withDryRun(false);
        } finally {
            readers.unlock();
        }
    }

    /**
     * Puts the dead letters of an export file into the dead-letter queue. Every line is checked before the first is
     * published, so a damaged file imports nothing; each is then published with a confirm.
     */
    public ImportResult importFrom(BufferedReader lines, boolean dryRun, StopSignal stop) throws IOException {
        List<DeadLetter> letters = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                letters.add(ExportFormat.parse(line));
            } catch (IllegalArgumentException e) {
                if (problems.size() < 10) {
                    problems.add("line " + number + ": " + e.getMessage());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidImportException(problems);
        }
        if (dryRun) {
            return new ImportResult(letters.size(), 0, true, null);
        }
        ImportResult result = withConnection("import", connection -> {
            Channel channel = connection.createChannel();
            ConfirmedChannel confirmed = new ConfirmedChannel(confirmTimeout);
            confirmed.prepare(channel);
            int done = 0;
            String error = null;
            try {
                for (DeadLetter letter : letters) {
                    if (stop.stopped()) {
                        error = "stopped on request";
                        break;
                    }
                    confirmed.publish(channel, topology.deadLetterQueue(), letter.properties(), letter.bodyUnsafe());
                    done++;
                }
            } catch (IOException | TimeoutException e) {
                error = "dead letter " + (done + 1) + " of the file was not confirmed: " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } finally {
                closeQuietly(channel);
            }
            return new ImportResult(letters.size(), done, false, error);
        });
        events.imported(result.imported());
        log.info("dead letters imported count={} of={}", result.imported(), result.lines());
        return result;
    }

    /** Depth of every queue of the topology, and the consumers on each. */
    public QueueStatus status() {
        return withConnection("status", connection -> {
            List<QueueStatus.QueueDepth> depths = new ArrayList<>();
            depths.add(depth(connection, topology.inputQueue(), "input"));
            for (String retry : topology.retryQueues()) {
                depths.add(depth(connection, retry, "retry"));
            }
            depths.add(depth(connection, topology.deadLetterQueue(), "dead letters"));
            return new QueueStatus(depths);
        });
    }

    /** The broker's version, as it announces itself. */
    public String brokerVersion() {
        return withConnection("version", connection -> {
            Object version = connection.getServerProperties().get("version");
            return version == null ? "unknown" : version.toString();
        });
    }

    private QueueStatus.QueueDepth depth(Connection connection, String queue, String role) throws IOException {
        Channel channel = connection.createChannel();
        try {
            var ok = channel.queueDeclarePassive(queue);
            return new QueueStatus.QueueDepth(queue, role, ok.getMessageCount(), ok.getConsumerCount());
        } catch (IOException missing) {
            return new QueueStatus.QueueDepth(queue, role, -1, 0);
        } finally {
            closeQuietly(channel);
        }
    }

    private Predicate<DeadLetter> presentAt(Selection selection, Instant started) {
        // one that failed after the operation started arrived meanwhile: it is not what the operator looked at
        return letter -> selection.matches(letter) && (letter.failedAt() == null || !letter.failedAt().isAfter(started));
    }

    private static Outcome outcome(String operation, boolean dryRun, Sweep.Result result) {
        return new Outcome(operation, dryRun, result.inQueueAtStart(), result.matched(),
                dryRun ? result.matched() : result.taken(), result.takenIds(), result.byReason(), result.stopped(),
                result.error());
    }

    private <T> T withConnection(String purpose, BrokerWork<T> work) {
        Connection connection;
        try {
            connection = broker.open(purpose);
        } catch (IOException | TimeoutException e) {
            throw new BrokerUnavailableException("cannot connect to RabbitMQ: " + e.getMessage()
                    + " (set RABBITMQ_HOST, RABBITMQ_PORT, RABBITMQ_USERNAME, RABBITMQ_PASSWORD, RABBITMQ_VHOST)", e);
        }
        try (connection) {
            return work.run(connection);
        } catch (IOException e) {
            throw new BrokerUnavailableException("RabbitMQ failed during " + purpose + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            if (channel.isOpen()) {
                channel.close();
            }
        } catch (IOException | TimeoutException ignored) {
            // the connection's close cleans up what this could not
        }
    }

    @FunctionalInterface
    private interface BrokerWork<T> {
        T run(Connection connection) throws IOException;
    }

    /** Replay: a rate-capped, confirmed copy on the input queue. */
    private final class Republish implements Sweep.Disposal {

        private final RateCap cap;
        private final StopSignal stop;
        private final ConfirmedChannel confirmed = new ConfirmedChannel(confirmTimeout);

        Republish(RateCap cap, StopSignal stop) {
            this.cap = cap;
            this.stop = stop;
        }

        @Override
        public void prepare(Channel channel) throws IOException {
            confirmed.prepare(channel);
        }

        @Override
        public void take(Channel channel, DeadLetter letter)
                throws IOException, TimeoutException, InterruptedException, StopSignal.Stopped {
            cap.acquire(stop);
            confirmed.publish(channel, topology.inputQueue(), ReplayedMessage.properties(letter, clock.instant()), letter.bodyUnsafe());
        }

        @Override
        public boolean removes() {
            return true;
        }
    }
}
