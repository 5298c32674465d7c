package com.rdploomes.worker.admin.http;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.rdploomes.worker.WorkerTestSettings;
import com.rdploomes.model.TestBroker;
import com.rdploomes.worker.admin.deadletters.DeadLetterQueue;
import com.rdploomes.worker.ploomes.FakePloomes;

/** Points a worker under test at a fixture's queues (the same declarations, so RabbitMQ accepts both) and a fake Ploomes. */
final class QueuesForTheWorker {

    private QueuesForTheWorker() {
    }

    static void register(DynamicPropertyRegistry registry, DeadLetterQueue queues, FakePloomes ploomes) {
        TestBroker.get().springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("rd-ploomes.topology.prefix", () -> queues.topology().prefix());
        registry.add("rd-ploomes.topology.retry-delays", () -> "30s");
        WorkerTestSettings.ploomes(registry, ploomes::url);
        // the gauge's periodic read would hold messages for a moment and make queue depths flicker under assertions
        registry.add("rd-ploomes.admin.survey-interval", () -> "0s");
    }
}
