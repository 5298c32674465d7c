package com.rdploomes.worker.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversions the receiver makes of every RD sample (samples/conversions/, kept equal to the receiver's
 * output by its SampleConversionsTest).
 */
final class SampleConversions {

    private static final Path DIRECTORY = Path.of("..", "samples", "conversions");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ConversionCodec CODEC = new ConversionCodec();

    private SampleConversions() {
    }

    /** The index-th conversion of a sample ("legacy-two-leads.json", 1 is Bruno). */
    static Conversion of(String sample, int index) {
        return all(sample).get(index);
    }

    static List<Conversion> all(String sample) {
        try {
            JsonNode array = JSON.readTree(Files.readString(DIRECTORY.resolve(sample)));
            List<Conversion> conversions = new ArrayList<>();
            for (JsonNode conversion : array) {
                conversions.add(CODEC.decode(JSON.writeValueAsBytes(conversion)));
            }
            return conversions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
