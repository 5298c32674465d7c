package com.rdploomes.worker.mapping;

import java.util.List;

/** The mapping file cannot be used; the message names the file, each problem and what would be right. */
public class FieldMappingException extends RuntimeException {

    private final List<String> problems;

    FieldMappingException(String file, List<String> problems) {
        super("field mapping " + file + " (FIELD_MAPPING_FILE) is not usable: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
