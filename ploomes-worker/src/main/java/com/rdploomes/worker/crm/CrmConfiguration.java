package com.rdploomes.worker.crm;

import java.time.Clock;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.rdploomes.worker.account.AccountStatus;
import com.rdploomes.worker.account.PloomesAccount;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.ploomes.PloomesClient;
import com.rdploomes.worker.ploomes.PloomesProperties;

@Configuration(proxyBeanMethods = false)
class CrmConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CrmConfiguration.class);

    @Bean
    ConversionHandler conversionHandler(PloomesClient ploomes, PloomesProperties properties, CrmProperties crm,
                                        FieldMapping mapping, AccountStatus account) {
        return handler(ploomes, properties, crm, mapping, account, Clock.systemUTC());
    }

    /** The handler as the application wires it; tests build it the same way with an account of their own. */
    static ConversionHandler handler(PloomesClient ploomes, PloomesProperties properties, CrmProperties crm,
                                     FieldMapping mapping, Supplier<PloomesAccount> account, Clock clock) {
        CrmSettings settings = settings(properties);
        OpportunityRule rule = OpportunityRule.parse(crm.opportunityRule());
        log.info("deal titles '{}', OPPORTUNITY_RULE={}", crm.dealTitle(), rule.configName());
        return new ConversionHandler(
                new ContactResolver(ploomes, new PhoneFormatter(), mapping, settings, account),
                new DealOpener(ploomes, settings, mapping, DealTitle.parse(crm.dealTitle()), rule),
                new NoteWriter(ploomes, mapping, account, clock),
                rule, new EmailLocks(), new ConversionLedger(clock));
    }

    static CrmSettings settings(PloomesProperties properties) {
        if (properties.ownerId() == null && properties.personId() != null) {
            log.warn("PLOOMES_PERSON_ID={} is read as the deal owner (a Ploomes user); rename it PLOOMES_OWNER_ID",
                    properties.personId());
        } else if (properties.ownerId() == null) {
            log.warn("no PLOOMES_OWNER_ID: contacts and deals are created without an owner");
        }
        // the URL tells an operator whether the real Ploomes or the sandbox's simulator is in use
        log.info("conversions land in Ploomes at {} pipeline={} stage={} owner={} origin={}", properties.apiUrl(),
                properties.pipelineId(), properties.stageId(), properties.dealOwnerId(), properties.originId());
        return new CrmSettings(properties.pipelineId(), properties.stageId(), properties.dealOwnerId(),
                properties.originId());
    }
}
