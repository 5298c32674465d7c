package com.rdploomes.worker.admin.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.rdploomes.worker.admin.deadletters.ExportSink;

/**
 * An export file. Never overwrites one: an old backup silently replaced is a backup lost. With {@code durable},
 * each line is on disk before write returns, because a discard removes the message right after.
 */
final class FileSink implements ExportSink, Closeable {

    private final FileChannel file;
    private final boolean durable;

    private FileSink(FileChannel file, boolean durable) {
        this.file = file;
        this.durable = durable;
    }

    static FileSink create(Path path, boolean durable) throws IOException {
        try {
            return new FileSink(FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), durable);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(path + " already exists: choose another file name (exports never overwrite)", e);
        }
    }

    @Override
    public void write(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            file.write(bytes);
        }
        if (durable) {
            file.force(false);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            file.force(false);
        } finally {
            file.close();
        }
    }
}
