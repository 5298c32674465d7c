package com.rdploomes.receiver.rdstation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.receiver.Samples;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The conversions this receiver makes of every RD sample, kept in samples/conversions/ as the worker's
 * contract tests read them (the worker cannot depend on the receiver's jar). This test fails when the
 * receiver's mapping and those files part ways; run it with -Drdploomes.writeConversions=true to rewrite
 * them, then review the diff.
 */
class SampleConversionsTest {

    /** Every sample is parsed as if received at this instant, so the files do not change with the clock. */
    static final Instant RECEIVED = Instant.parse("2024-05-20T19:40:13.500Z");

    private static final Path DIRECTORY = Path.of("..", "samples", "conversions");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RdWebhookParser parser = new RdWebhookParser();
    private final ConversionCodec codec = new ConversionCodec();

    @ParameterizedTest
    @FieldSource("com.rdploomes.receiver.Samples#ALL")
    void theWorkersCopyOfEveryConversionIsWhatTheReceiverMakes(String sample) throws IOException {
        ParseOutcome.Leads leads = (ParseOutcome.Leads) parser.parse(Samples.bytes(sample), RECEIVED);
        ArrayNode made = JSON.createArrayNode();
        for (Conversion conversion : leads.conversions()) {
            made.add(JSON.readTree(codec.encode(conversion)));
        }
        Path file = DIRECTORY.resolve(sample);
        if (Boolean.getBoolean("rdploomes.writeConversions")) {
            Files.createDirectories(DIRECTORY);
            Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(made) + "\n");
        }
        assertThat(file).as("run this test with -Drdploomes.writeConversions=true to write it").exists();
        JsonNode kept = JSON.readTree(Files.readString(file));
        assertThat(kept).as(file + " is not what the receiver makes of " + sample).isEqualTo(made);
        assertThat(made).hasSize(leads.leadCount());
    }
}
