package com.rdploomes.receiver.publish;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Lead;
import com.rdploomes.model.RdIds;
import com.rdploomes.model.Traffic;
import com.rdploomes.receiver.TempDirs;

import tools.jackson.databind.node.JsonNodeFactory;

/** Small conversions and spool directories for the spool's tests. */
final class TestConversions {

    private TestConversions() {
    }

    static Conversion of(String id) {
        var nodes = JsonNodeFactory.instance;
        String email = id + "@example.com";
        // a newline and non-ASCII text in a value: the one-line-per-conversion layout must survive both
        Lead lead = new Lead(email, "Zoë\nAção " + id, List.of(), null, null, null, null, List.of(),
                Map.of("cf_obs", nodes.stringNode("linha 1\nlinha 2")));
        return new Conversion(Conversion.SCHEMA_VERSION, id, Conversion.SourceFormat.EVENTS_API, "CONVERSION", null,
                Instant.parse("2025-01-02T03:04:05Z"), lead, RdIds.NONE, "form", Traffic.NONE,
                nodes.objectNode().put("email", email));
    }

    static Path tempDir(String name) {
        return TempDirs.create(name);
    }

    static void delete(Path dir) {
        TempDirs.delete(dir);
    }
}
