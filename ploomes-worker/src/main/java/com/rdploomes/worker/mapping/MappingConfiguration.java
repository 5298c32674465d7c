package com.rdploomes.worker.mapping;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MappingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MappingConfiguration.class);

    /** Read once at startup: a broken file stops the worker here, naming every problem in it. */
    @Bean
    FieldMapping fieldMapping(@Value("${rd-ploomes.field-mapping-file:}") String file) {
        if (file == null || file.isBlank()) {
            log.info("no FIELD_MAPPING_FILE: no RD value goes into Ploomes custom fields (the note still lists them)");
            return FieldMapping.none();
        }
        FieldMapping mapping = FieldMapping.load(Path.of(file.strip()));
        log.info("field mapping {}: {} contact and {} deal fields", mapping.source(),
                mapping.fields(Entity.CONTACT).size(), mapping.fields(Entity.DEAL).size());
        return mapping;
    }
}
