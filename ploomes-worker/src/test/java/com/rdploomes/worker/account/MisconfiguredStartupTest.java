package com.rdploomes.worker.account;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

import com.rdploomes.model.TestBroker;
import com.rdploomes.worker.PloomesWorkerApplication;
import com.rdploomes.worker.ploomes.FakePloomes;

/** A configuration that does not match the account, or a broken mapping file, stops the worker's start. */
class MisconfiguredStartupTest {

    @Test
    void aStageOfAnotherPipelineStopsTheStartNamingItAndTheValidStages() throws IOException {
        try (FakePloomes ploomes = new FakePloomes()) {
            Map<String, Object> properties = properties(ploomes);
            properties.put("ploomes.stage-id", "40303849");
            assertThatThrownBy(() -> start(properties)).hasStackTraceContaining(
                    "PLOOMES_STAGE_ID=40303849 is not a stage of pipeline 40030343 (Funil RD Station) (it is a stage of "
                            + "pipeline 40030344 (Outro funil)); stages of 40030343: 40303847 (Novo lead), 40303848 (Qualificado)");
        }
    }

    @Test
    void aMappingWithADealKeyOnTheContactStopsTheStart() throws IOException {
        try (FakePloomes ploomes = new FakePloomes()) {
            Map<String, Object> properties = properties(ploomes);
            properties.put("rd-ploomes.field-mapping-file", "src/test/resources/mappings/deal-key-on-contact.yml");
            assertThatThrownBy(() -> start(properties)).hasStackTraceContaining(
                    "contact[0]: field 'deal_7B1E0C1A-0000-4000-8000-00000000A001' is a deal field, listed under contact: "
                            + "move it under deal:");
        }
    }

    private static Map<String, Object> properties(FakePloomes ploomes) {
        Map<String, Object> properties = new HashMap<>(TestBroker.get().springProperties());
        properties.put("rd-ploomes.topology.prefix", TestBroker.uniquePrefix("misconfigured"));
        properties.put("ploomes.api-url", ploomes.url());
        properties.put("ploomes.api-key", "k");
        properties.put("ploomes.pipeline-id", "40030343");
        properties.put("ploomes.stage-id", "40303847");
        properties.put("ploomes.retry-attempts", "1");
        properties.put("server.port", "0");
        return properties;
    }

    private static void start(Map<String, Object> properties) {
        // as command-line arguments: they win over application.yml, as the environment does in production
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        new SpringApplicationBuilder(PloomesWorkerApplication.class).web(WebApplicationType.NONE).run(args).close();
    }

}
