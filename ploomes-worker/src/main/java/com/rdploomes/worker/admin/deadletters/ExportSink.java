package com.rdploomes.worker.admin.deadletters;

import java.io.IOException;

/** Where exported dead letters go, one line each. For a discard, a line must be durable when write returns. */
@FunctionalInterface
public interface ExportSink {

    void write(String line) throws IOException;
}
