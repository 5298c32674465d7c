package com.rdploomes.receiver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The RD Station sample bodies (a copy of shared/samples/rdstation in test resources, so the build does
 * not depend on where shared/ sits).
 */
public final class Samples {

    public static final List<String> ALL = List.of(
            "legacy-one-lead.json", "legacy-two-leads.json", "v2-converted.json",
            "v2-marked-opportunity.json", "events-api-conversion.json", "seed-conversion.json");

    private Samples() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/samples/rdstation/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
