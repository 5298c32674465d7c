package com.rdploomes.model;

/** The AMQP headers the project writes on retried and dead-lettered messages. */
public final class FailureHeaders {

    /** How many times the worker has tried this conversion; counted by the project, never taken from x-death. */
    public static final String ATTEMPT = "x-attempt";
    public static final String REASON = "x-failure-reason";
    public static final String DETAIL = "x-failure-detail";
    public static final String LAST_HTTP_STATUS = "x-last-http-status";
    public static final String FIRST_FAILED_AT = "x-first-failed-at";
    public static final String LAST_FAILED_AT = "x-last-failed-at";

    private FailureHeaders() {
    }
}
