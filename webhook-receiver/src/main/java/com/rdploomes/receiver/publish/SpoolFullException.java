package com.rdploomes.receiver.publish;

/** The spool cannot take a batch: it is at SPOOL_MAX_BYTES, or disabled. */
public class SpoolFullException extends Exception {

    public SpoolFullException(String message) {
        super(message);
    }
}
