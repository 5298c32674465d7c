package com.rdploomes.worker.account;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The startup checks on /actuator/health as {@code ploomesAccount}: UP with where deals land once they
 * passed; OUT_OF_SERVICE with the reason and the next try while Ploomes cannot be reached (conversions wait
 * in the queue meanwhile); DOWN with the problems when the configuration does not match.
 */
public class PloomesAccountHealthIndicator implements HealthIndicator {

    private final AccountStatus status;

    public PloomesAccountHealthIndicator(AccountStatus status) {
        this.status = status;
    }

    @Override
    public Health health() {
        return switch (status.state()) {
            case AccountStatus.State.Ready ready -> Health.up()
                    .withDetail("pipeline", String.valueOf(ready.account().pipeline()))
                    .withDetail("stage", String.valueOf(ready.account().stage()))
                    .withDetail("owner", String.valueOf(ready.account().owner()))
                    .withDetail("mappedFields", ready.account().fieldNames().size())
                    .withDetail("checkedAt", ready.account().checkedAt().toString())
                    .build();
            case AccountStatus.State.Unreachable unreachable -> Health.outOfService()
                    .withDetail("reason", "Ploomes cannot be reached for the startup checks: " + unreachable.reason())
                    .withDetail("attempts", unreachable.attempts())
                    .withDetail("nextAttemptAt", unreachable.nextAttemptAt().toString())
                    .withDetail("conversions", "waiting in the queue until the checks pass")
                    .build();
            case AccountStatus.State.Misconfigured misconfigured -> Health.down()
                    .withDetail("problems", misconfigured.problems())
                    .build();
            case AccountStatus.State.Unchecked unchecked -> Health.outOfService()
                    .withDetail("reason", "the startup checks have not run yet")
                    .build();
        };
    }
}
