package com.rdploomes.model;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Where the conversion came from, as RD reports it (conversion origin or UTM values). */
public record Traffic(String source, String medium, String campaign, String channel) {

    public static final Traffic NONE = new Traffic(null, null, null, null);

    /** Derived, so not part of the message (older messages that carry it still read). */
    @JsonIgnore
    public boolean isEmpty() {
        return source == null && medium == null && campaign == null && channel == null;
    }
}
