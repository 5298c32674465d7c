package com.rdploomes.model;

/** Where the conversion came from, as RD reports it (conversion origin or UTM values). */
public record Traffic(String source, String medium, String campaign, String channel) {

    public static final Traffic NONE = new Traffic(null, null, null, null);

    public boolean isEmpty() {
        return source == null && medium == null && campaign == null && channel == null;
    }
}
