package com.rdploomes.worker.crm;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.rdploomes.worker.account.AccountCheckProperties;
import com.rdploomes.worker.account.PloomesAccount;
import com.rdploomes.worker.account.PloomesAccountCheck;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.PloomesClient;
import com.rdploomes.worker.ploomes.PloomesConfiguration;
import com.rdploomes.worker.ploomes.PloomesProperties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Handlers wired as the application wires them, against a {@link FakePloomes}, after the real account checks. */
final class Handlers {

    static final long PIPELINE = 40030343L;
    static final long STAGE = 40303847L;
    static final long OWNER = 120001L;
    /** A worker started before the samples were received (19:40:13Z): its ledger vouches for them. */
    static final Clock STARTED_BEFORE = Clock.fixed(Instant.parse("2024-05-20T19:00:00Z"), ZoneOffset.UTC);
    /** A worker started after the samples were received: a previous process may have written them. */
    static final Clock STARTED_AFTER = Clock.fixed(Instant.parse("2024-05-21T09:00:00Z"), ZoneOffset.UTC);
    static final CrmProperties DEFAULTS = new CrmProperties(null, null);

    private Handlers() {
    }

    static FieldMapping exampleMapping() {
        return FieldMapping.load(Path.of("..", "config", "field-mapping.example.yml"));
    }

    static PloomesProperties properties(String url, Long owner, Long person) {
        return new PloomesProperties(URI.create(url), "secret-key", PIPELINE, STAGE, owner, person, null, 6000,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(10), Duration.ofSeconds(60));
    }

    static ConversionHandler handler(FakePloomes ploomes, FieldMapping mapping) {
        return handler(ploomes, properties(ploomes.url(), OWNER, null), mapping, DEFAULTS, STARTED_BEFORE);
    }

    /** Runs the startup checks against the fake, forgets their calls, and builds the handler. */
    static ConversionHandler handler(FakePloomes ploomes, PloomesProperties properties, FieldMapping mapping,
                                     CrmProperties crm, Clock clock) {
        PloomesClient client = PloomesConfiguration.create(properties, new SimpleMeterRegistry());
        PloomesAccount account = new PloomesAccountCheck(client, properties,
                new AccountCheckProperties(true, Duration.ofSeconds(30), "Celular", "Comercial"), mapping, clock).run();
        ploomes.reset();
        return CrmConfiguration.handler(client, properties, crm, mapping, () -> account, clock);
    }
}
