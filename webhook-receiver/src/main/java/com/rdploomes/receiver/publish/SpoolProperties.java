package com.rdploomes.receiver.publish;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param dir where conversions wait while RabbitMQ cannot take them (env {@code SPOOL_DIR}); must survive a
 *        restart (a volume in docker compose), and belong to this receiver alone
 * @param maxBytes the most the spool holds on disk (env {@code SPOOL_MAX_BYTES}); past it the receiver answers
 *        503 with Retry-After. 0 turns the spool off. One lead takes a few KB
 * @param drainInterval how often the spool is tried against RabbitMQ while it is not empty (env {@code SPOOL_DRAIN_INTERVAL})
 */
@ConfigurationProperties("rd-ploomes.spool")
record SpoolProperties(
        @DefaultValue("spool") Path dir,
        @DefaultValue("256MB") DataSize maxBytes,
        @DefaultValue("1s") Duration drainInterval) {
}
