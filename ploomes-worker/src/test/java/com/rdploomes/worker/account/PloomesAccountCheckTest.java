package com.rdploomes.worker.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.mapping.FieldMappings;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.FakePloomes.Answer;
import com.rdploomes.worker.ploomes.PloomesConfiguration;
import com.rdploomes.worker.ploomes.PloomesException;
import com.rdploomes.worker.ploomes.PloomesProperties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class PloomesAccountCheckTest {

    private static final FieldMapping EXAMPLE = FieldMapping.load(Path.of("..", "config", "field-mapping.example.yml"));
    private final FakePloomes ploomes = start();

    @AfterEach
    void stop() {
        ploomes.close();
    }

    @Test
    void theSimulatorsAccountMatchesTheDefaultsAndTheExampleMapping() {
        PloomesAccount account = check(40030343L, 40303847L, 120001L, EXAMPLE, "Celular", "Comercial").run();

        assertThat(account.pipeline()).isEqualTo(new PloomesAccount.Named(40030343L, "Funil RD Station"));
        assertThat(account.stage()).isEqualTo(new PloomesAccount.Named(40303847L, "Novo lead"));
        assertThat(account.owner()).isEqualTo(new PloomesAccount.Named(120001L, "Vendedora Simulada"));
        assertThat(account.mobilePhoneTypeId()).isEqualTo(2);
        assertThat(account.landlinePhoneTypeId()).isEqualTo(1);
        assertThat(account.fieldName("deal_7B1E0C1A-0000-4000-8000-00000000A001")).isEqualTo("Aplicação");
        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call).containsExactly(
                "GET /Deals@Pipelines", "GET /Users", "GET /PhoneTypes", "GET /Fields", "GET /Fields@OptionsTables@Options");
        assertThat(ploomes.requests("GET /Deals@Pipelines").getFirst().query())
                .containsEntry("$expand", "Stages").containsEntry("$top", "300");
        assertThat(ploomes.requests("GET /Fields").getFirst().query())
                .containsEntry("$filter", "(EntityId eq 1 or EntityId eq 2) and Dynamic eq true")
                .containsEntry("$expand", "Type");
        assertThat(ploomes.requests("GET /Fields@OptionsTables@Options").getFirst().query())
                .containsEntry("$filter", "TableId eq 9001");
    }

    @Test
    void withoutMappingOrOwnerNeitherFieldsNorUsersAreRead() {
        check(40030343L, 40303847L, null, FieldMapping.none(), "Celular", "").run();
        assertThat(ploomes.requests()).extracting(FakePloomes.Request::call)
                .containsExactly("GET /Deals@Pipelines", "GET /PhoneTypes");
    }

    @Test
    void everyWrongValueIsNamedWithTheValidOnes() {
        FieldMapping wrong = FieldMappings.parse("""
                contact:
                  - {field: contact_7B1E0C1A-0000-4000-8000-00000000C999, type: String, from: name}
                deal:
                  - {field: deal_7B1E0C1A-0000-4000-8000-00000000A002, type: String, from: cf_x}
                  - {field: deal_7B1E0C1A-0000-4000-8000-00000000A006, type: Select, from: cf_x, options: {Rural: 9199}}
                """);
        assertThatThrownBy(() -> check(40030343L, 40303849L, 999L, wrong, "Móvel", "Comercial").run())
                .isInstanceOfSatisfying(AccountMisconfiguredException.class, e -> assertThat(e.problems()).containsExactly(
                        "PLOOMES_STAGE_ID=40303849 is not a stage of pipeline 40030343 (Funil RD Station) (it is a stage of "
                                + "pipeline 40030344 (Outro funil)); stages of 40030343: 40303847 (Novo lead), 40303848 (Qualificado)",
                        "PLOOMES_OWNER_ID=999 is not a user of this Ploomes account (the owner is a user, not a contact); "
                                + "users: 120001 (Vendedora Simulada), 120002 (Outro Usuário)",
                        "PLOOMES_PHONE_TYPE_MOBILE='Móvel' is not a phone type of this Ploomes account; phone types: "
                                + "'Comercial', 'Celular', 'WhatsApp', 'Residencial' (an empty value sends phones without a type)",
                        "field mapping test.yml contact[0]: FieldKey 'contact_7B1E0C1A-0000-4000-8000-00000000C999' is not a "
                                + "custom contact field of this Ploomes account; custom contact fields: "
                                + "contact_7B1E0C1A-0000-4000-8000-00000000C001 (Segmento, String), "
                                + "contact_7B1E0C1A-0000-4000-8000-00000000C002 (Interesses, BigString), "
                                + "contact_7B1E0C1A-0000-4000-8000-00000000C003 (Aceita contato, Bool)",
                        "field mapping test.yml deal[0]: FieldKey 'deal_7B1E0C1A-0000-4000-8000-00000000A002' (Conte mais sobre "
                                + "seu projeto) is BigString in Ploomes but the mapping says String; set type: BigString",
                        "field mapping test.yml deal[1]: option 'Rural' → 9199 is not an option of "
                                + "deal_7B1E0C1A-0000-4000-8000-00000000A006 (Tipo de obra); its options: 9101 (Residencial), "
                                + "9102 (Comercial), 9103 (Industrial)"));
    }

    @Test
    void anUnknownPipelineListsThePipelines() {
        assertThatThrownBy(() -> check(123L, 40303847L, null, FieldMapping.none(), "Celular", "Comercial").run())
                .hasMessageContaining("PLOOMES_PIPELINE_ID=123 is not a pipeline of this Ploomes account; pipelines: "
                        + "40030343 (Funil RD Station), 40030344 (Outro funil)");
    }

    @Test
    void theLegacyPersonIdIsNamedWhenItIsTheOwner() {
        PloomesProperties legacy = properties(40030343L, 40303847L, null);
        PloomesProperties withPerson = new PloomesProperties(legacy.apiUrl(), "k", 40030343L, 40303847L, null, 400000001L,
                null, 6000, Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ofMillis(10), Duration.ofSeconds(60));
        assertThatThrownBy(() -> new PloomesAccountCheck(PloomesConfiguration.create(withPerson, new SimpleMeterRegistry()),
                withPerson, new AccountCheckProperties(true, Duration.ofSeconds(1), "", ""), FieldMapping.none(),
                Clock.systemUTC()).run())
                .hasMessageContaining("PLOOMES_PERSON_ID=400000001 is not a user");
    }

    @Test
    void anUnreachablePloomesIsNotAConfigurationProblem() {
        ploomes.always("GET /Deals@Pipelines", Answer.json(503, "maintenance"));
        assertThatThrownBy(() -> check(40030343L, 40303847L, null, FieldMapping.none(), "Celular", "Comercial").run())
                .isInstanceOfSatisfying(PloomesException.class, e -> assertThat(e.isTransient()).isTrue());
    }

    private PloomesAccountCheck check(long pipeline, long stage, Long owner, FieldMapping mapping, String mobile,
                                      String landline) {
        PloomesProperties properties = properties(pipeline, stage, owner);
        return new PloomesAccountCheck(PloomesConfiguration.create(properties, new SimpleMeterRegistry()), properties,
                new AccountCheckProperties(true, Duration.ofSeconds(1), mobile, landline), mapping, Clock.systemUTC());
    }

    private PloomesProperties properties(long pipeline, long stage, Long owner) {
        return new PloomesProperties(URI.create(ploomes.url()), "k", pipeline, stage, owner, null, null, 6000,
                Duration.ofSeconds(2), Duration.ofSeconds(2), 1, Duration.ofMillis(10), Duration.ofSeconds(60));
    }

    private static FakePloomes start() {
        try {
            return new FakePloomes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
