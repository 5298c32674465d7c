package com.rdploomes.worker.crm;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rdploomes.worker.ploomes.PloomesClient;
import com.rdploomes.worker.ploomes.PloomesProperties;

@Configuration(proxyBeanMethods = false)
class CrmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CrmConfiguration.class);

    @Bean
    ConversionHandler conversionHandler(PloomesClient ploomes, PloomesProperties properties) {
        CrmSettings settings = settings(properties);
        return new ConversionHandler(new ContactResolver(ploomes, new PhoneFormatter(), settings),
                new DealOpener(ploomes, settings), new NoteWriter(ploomes, Clock.systemUTC()));
    }

    static CrmSettings settings(PloomesProperties properties) {
        if (properties.ownerId() == null && properties.personId() != null) {
            log.warn("PLOOMES_PERSON_ID={} is read as the deal owner (a Ploomes user); rename it PLOOMES_OWNER_ID",
                    properties.personId());
        } else if (properties.ownerId() == null) {
            log.warn("no PLOOMES_OWNER_ID: contacts and deals are created without an owner");
        }
        log.info("conversions land in pipeline={} stage={} owner={} origin={}", properties.pipelineId(),
                properties.stageId(), properties.dealOwnerId(), properties.originId());
        return new CrmSettings(properties.pipelineId(), properties.stageId(), properties.dealOwnerId(),
                properties.originId());
    }
}
