package com.rdploomes.worker.admin.cli;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The command line's JSON: the API's field names (snake_case, from the records), instants as ISO-8601. */
final class Json {

    private static final JsonMapper COMPACT = JsonMapper.builder().build();
    private static final JsonMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Json() {
    }

    static String line(Object value) {
        return COMPACT.writeValueAsString(value);
    }

    static String pretty(Object value) {
        return PRETTY.writeValueAsString(value);
    }
}
