package com.rdploomes.receiver.webhook;

import java.net.URI;

import org.springframework.http.HttpStatus;

/** Why a webhook request was not accepted: its status, its problem type and its metric tag. */
enum Refusal {
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "unauthorized", "Missing or wrong webhook token"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "The body must be JSON"),
    TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "too-large", "The body is too large"),
    MALFORMED(HttpStatus.BAD_REQUEST, "malformed", "The body is not valid JSON"),
    UNKNOWN_SHAPE(HttpStatus.BAD_REQUEST, "unknown-shape", "The body is not an RD Station conversion"),
    NO_USABLE_LEAD(HttpStatus.UNPROCESSABLE_CONTENT, "no-usable-lead", "No lead with a usable e-mail"),
    BROKER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "The conversions could not be queued"),
    SPOOL_FULL(HttpStatus.SERVICE_UNAVAILABLE, "spool-full", "The conversions could not be queued nor spooled");

    final HttpStatus status;
    /** The {@code reason} tag of {@code rdploomes.webhook.refused} and the last part of the problem type. */
    final String reason;
    final String title;

    Refusal(HttpStatus status, String reason, String title) {
        this.status = status;
        this.reason = reason;
        this.title = title;
    }

    URI type() {
        return URI.create("urn:rdploomes:webhook:" + reason);
    }
}
