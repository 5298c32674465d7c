package com.rdploomes.worker.admin.deadletters;

import java.util.List;

/** An export file with lines that cannot be messages: nothing was imported. */
public class InvalidImportException extends IllegalArgumentException {

    InvalidImportException(List<String> problems) {
        super("nothing imported; " + String.join("; ", problems));
    }
}
