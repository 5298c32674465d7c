package com.rdploomes.worker.mapping;

/** Mappings written inline in tests. */
public final class FieldMappings {

    private FieldMappings() {
    }

    public static FieldMapping parse(String yaml) {
        return FieldMapping.parse("test.yml", yaml);
    }
}
