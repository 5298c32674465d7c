package com.rdploomes.worker.admin.deadletters;

import java.util.List;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The project's queues at a glance. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record QueueStatus(List<QueueDepth> queues) {

    /**
     * @param ready messages waiting; -1 when the queue does not exist
     * @param consumers consumers attached (the worker on the input queue)
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record QueueDepth(String name, String role, long ready, int consumers) {

        public boolean exists() {
            return ready >= 0;
        }
    }
}
