package com.rdploomes.receiver.rdstation;

/**
 * A lead of the body that did not become a conversion.
 *
 * @param index its position in the body (0-based; always 0 for 2.0 and Events-API bodies)
 * @param reason why, in words that never repeat the lead's data
 */
public record RejectedLead(int index, String reason) {
}
