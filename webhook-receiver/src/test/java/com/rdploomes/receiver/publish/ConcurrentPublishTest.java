package com.rdploomes.receiver.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.ChannelListener;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.rdploomes.model.TestBroker;
import com.rdploomes.model.Topology;

/**
 * A burst of webhooks publishes on as many channels at once as there are request threads. The bursts must
 * reuse the cached channels (opening one costs a round trip, closing one waits for its confirms) and the
 * confirms must not grow a thread per confirm.
 *
 * <p>A channel goes back to the cache asynchronously, once its confirms are in, so how many channels one
 * burst opens depends on timing; what must hold whatever the timing is that none is ever closed: after both
 * bursts every channel opened is idle in the cache. With Spring AMQP's default cache of 25 channels the
 * surplus would be closed on its way back and opened again by the next burst.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = "rd-ploomes.spool.max-bytes=0")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConcurrentPublishTest {

    private static final String PREFIX = TestBroker.uniquePrefix("receiver-burst");
    private static final int THREADS = 64;
    private static final int PER_THREAD = 5;

    @DynamicPropertySource
    static void broker(DynamicPropertyRegistry registry) {
        TestBroker.get().springProperties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("rd-ploomes.topology.prefix", () -> PREFIX);
        registry.add("rd-ploomes.webhook.token", () -> "burst-token");
    }

    @Autowired
    ConversionPublisher publisher;
    @Autowired
    CachingConnectionFactory connections;
    @Autowired
    RabbitAdmin admin;
    @Autowired
    Topology topology;

    private final AtomicInteger channelsOpened = new AtomicInteger();
    /** The channel the topology was declared on, cached before the count starts. */
    private int idleBefore;

    @BeforeAll
    void countChannels() {
        admin.initialize();
        connections.addChannelListener((ChannelListener) (channel, transactional) -> channelsOpened.incrementAndGet());
        idleBefore = idleChannels();
    }

    @AfterAll
    void deleteTopology() {
        topology.allQueues().forEach(admin::deleteQueue);
        admin.deleteExchange(topology.exchange());
    }

    @Test
    void burstsCloseNoChannelAndConfirmsStartNoPlatformThread() throws Exception {
        burst("first");
        burst("second");

        // a thread may publish again before its last channel is back in the cache: up to two channels a thread
        assertThat(channelsOpened.get()).as("channels opened by both bursts").isPositive().isLessThanOrEqualTo(2 * THREADS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(idleChannels())
                .as("channels idle in the cache: every one opened, none closed").isEqualTo(idleBefore + channelsOpened.get()));
        assertThat(admin.getQueueInfo(topology.inputQueue()).getMessageCount()).isEqualTo(2 * THREADS * PER_THREAD);
        // Spring AMQP's default executor would be a cached pool of platform threads named after the factory bean
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("rabbitConnectionFactory"));
    }

    private int idleChannels() {
        return Integer.parseInt(connections.getCacheProperties().getProperty("idleChannelsNotTx", "0"));
    }

    private void burst(String name) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> published = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String thread = name + "-" + t;
                published.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < PER_THREAD; i++) {
                        publisher.publish(List.of(TestConversions.of(thread + "-" + i)));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> each : published) {
                each.get(60, TimeUnit.SECONDS); // rethrows a PublishFailedException
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
