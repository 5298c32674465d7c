package com.rdploomes.worker.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.boot.health.contributor.Status;

import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.FakePloomes.Answer;
import com.rdploomes.worker.ploomes.PloomesConfiguration;
import com.rdploomes.worker.ploomes.PloomesProperties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The three outcomes of the startup checks, without Spring: passed, misconfigured, unreachable then retried. */
class AccountCheckStartupTest {

    private final FakePloomes ploomes = start();
    private final List<String> stops = new CopyOnWriteArrayList<>();
    private final AccountStatus status = new AccountStatus();
    private final PloomesAccountHealthIndicator health = new PloomesAccountHealthIndicator(status);
    private AccountCheckStartup startup;

    @AfterEach
    void stop() {
        if (startup != null) {
            startup.stop();
        }
        ploomes.close();
    }

    @Test
    void passedChecksMakeTheAccountAvailableAndHealthUp() {
        startup = startup(40303847L);
        startup.start();

        assertThat(status.get().stage().id()).isEqualTo(40303847L);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsEntry("pipeline", "40030343 (Funil RD Station)");
    }

    @Test
    void aWrongConfigurationStopsTheStartWithEveryProblem() {
        startup = startup(40303849L);

        assertThatThrownBy(startup::start).isInstanceOf(AccountMisconfiguredException.class)
                .hasMessageContaining("PLOOMES_STAGE_ID=40303849 is not a stage of pipeline 40030343");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThatThrownBy(status::get).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedKeyIsAConfigurationProblem() {
        ploomes.always("GET /Deals@Pipelines", Answer.json(401, "{\"error\":{\"message\":\"Unauthorized\"}}"));
        startup = startup(40303847L);

        assertThatThrownBy(startup::start).hasMessageContaining("Ploomes refused PLOOMES_API_KEY");
    }

    @Test
    void anUnreachablePloomesIsRetriedInTheBackgroundUntilTheChecksPass() {
        ploomes.always("GET /Deals@Pipelines", Answer.json(503, "maintenance"));
        startup = startup(40303847L);

        startup.start(); // does not throw: the worker starts

        var pending = health.health();
        assertThat(pending.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        assertThat(pending.getDetails().get("reason").toString()).contains("GET /Deals@Pipelines answered 503");
        await().atMost(Duration.ofSeconds(5)).until(() -> ploomes.requests("GET /Deals@Pipelines").size() >= 3);
        assertThat(stops).isEmpty();

        ploomes.reset(); // Ploomes is back
        await().atMost(Duration.ofSeconds(5)).until(() -> health.health().getStatus().equals(Status.UP));
        assertThat(status.get().pipeline().id()).isEqualTo(40030343L);
    }

    @Test
    void aWrongConfigurationFoundByALaterTryStopsTheWorker() {
        ploomes.always("GET /Deals@Pipelines", Answer.json(503, "maintenance"));
        startup = startup(40303849L);
        startup.start();

        ploomes.reset();
        await().atMost(Duration.ofSeconds(5)).until(() -> !stops.isEmpty());
        assertThat(stops.getFirst()).contains("PLOOMES_STAGE_ID=40303849");
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }

    private AccountCheckStartup startup(long stage) {
        PloomesProperties properties = new PloomesProperties(URI.create(ploomes.url()), "k", 40030343L, stage, 120001L,
                null, null, 6000, Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ofMillis(10),
                Duration.ofSeconds(60));
        PloomesAccountCheck check = new PloomesAccountCheck(PloomesConfiguration.create(properties, new SimpleMeterRegistry()),
                properties, new AccountCheckProperties(true, Duration.ofMillis(100), "Celular", "Comercial"),
                FieldMapping.none(), Clock.systemUTC());
        return new AccountCheckStartup(check, status, RabbitListenerEndpointRegistry::new, Duration.ofMillis(100),
                stops::add, Clock.systemUTC());
    }

    private static FakePloomes start() {
        try {
            return new FakePloomes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
