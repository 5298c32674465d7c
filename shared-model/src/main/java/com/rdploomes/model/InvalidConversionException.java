package com.rdploomes.model;

/** A message body that is not a readable schema-1 {@link Conversion}; retrying it can never help. */
public class InvalidConversionException extends RuntimeException {

    public InvalidConversionException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidConversionException(String message) {
        super(message);
    }
}
