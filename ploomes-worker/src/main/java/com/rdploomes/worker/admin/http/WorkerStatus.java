package com.rdploomes.worker.admin.http;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.amqp.core.MessageListenerContainer;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

import com.rdploomes.worker.admin.deadletters.DeadLetters;
import com.rdploomes.worker.admin.deadletters.QueueStatus;
import com.rdploomes.worker.ploomes.PloomesProperties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The worker at a glance for the page and {@code GET /admin/status}: its queues, whether its listener runs, and how
 * Ploomes has been answering (from the client's own request metrics, so no call is spent on looking).
 */
@Component
@Conditional(AdminTokenConfigured.class)
class WorkerStatus {

    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final ObjectProvider<PloomesProperties> ploomes;
    private final ObjectProvider<RabbitListenerEndpointRegistry> listeners;

    WorkerStatus(DeadLetters deadLetters, MeterRegistry meters, ObjectProvider<PloomesProperties> ploomes,
                 ObjectProvider<RabbitListenerEndpointRegistry> listeners) {
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.ploomes = ploomes;
        this.listeners = listeners;
    }

    Status snapshot() {
        QueueStatus queues;
        String brokerError = null;
        try {
            queues = deadLetters.status();
        } catch (RuntimeException e) {
            queues = new QueueStatus(java.util.List.of());
            brokerError = e.getMessage();
        }
        return new Status(queues, brokerError, listenerRunning(), ploomesStatus());
    }

    private boolean listenerRunning() {
        RabbitListenerEndpointRegistry registry = listeners.getIfAvailable();
        MessageListenerContainer container = registry == null ? null : registry.getListenerContainer("conversions");
        return container != null && container.isRunning();
    }

    private Ploomes ploomesStatus() {
        Map<String, Long> byStatus = new TreeMap<>();
        for (Timer timer : meters.find("rdploomes.ploomes.requests").timers()) {
            String status = timer.getId().getTag("status");
            byStatus.merge(status == null ? "?" : status, timer.count(), Long::sum);
        }
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        long failed = byStatus.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("2"))
                .mapToLong(Map.Entry::getValue).sum();
        PloomesProperties properties = ploomes.getIfAvailable();
        return new Ploomes(properties == null ? "-" : properties.apiUrl().getHost(),
                properties == null ? 0 : properties.rateLimitPerMinute(), total, failed, byStatus);
    }

    /**
     * @param brokerError why the queues could not be read, or null
     * @param listenerRunning whether the worker consumes its input queue
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Status(QueueStatus queues, String brokerError, boolean listenerRunning, Ploomes ploomes) {
    }

    /**
     * @param calls calls since the worker started
     * @param failed those not answered 2xx (no answer counts as "none")
     * @param callsByStatus by HTTP status
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Ploomes(String host, int rateLimitPerMinute, long calls, long failed, Map<String, Long> callsByStatus) {
    }
}
