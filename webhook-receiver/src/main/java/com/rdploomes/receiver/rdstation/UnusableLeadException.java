package com.rdploomes.receiver.rdstation;

/** A lead that cannot become a conversion; the message says why and is shown to the sender. */
final class UnusableLeadException extends RuntimeException {

    UnusableLeadException(String reason) {
        // no stack trace: this is an expected answer about the input, not a fault of the code
        super(reason, null, false, false);
    }
}
