package com.rdploomes.receiver.publish;

/** A spool file that cannot be read back as the batch that was written (damaged on disk, or not ours). */
public class CorruptSpoolFileException extends Exception {

    public CorruptSpoolFileException(String message) {
        super(message);
    }

    public CorruptSpoolFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
