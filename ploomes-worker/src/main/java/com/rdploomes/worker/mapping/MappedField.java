package com.rdploomes.worker.mapping;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One rule of the mapping file: the first of {@code from} that has a value in the conversion goes to the
 * Ploomes custom field {@code fieldKey} of {@code entity}, written as {@code type}.
 *
 * @param where the rule's place in the file, e.g. {@code deal[2]}, for messages
 * @param options for a Select field, the option Id of each RD value (keys as written); empty otherwise
 */
public record MappedField(Entity entity, String fieldKey, FieldType type, List<RdSource> from, Map<String, Long> options,
                          String where) {

    public MappedField {
        from = List.copyOf(from);
        options = Map.copyOf(options);
    }

    /** The option Id for an RD value, matched ignoring case and surrounding blanks; null when none. */
    Long option(String rdValue) {
        String wanted = normalise(rdValue);
        return options.entrySet().stream()
                .filter(e -> normalise(e.getKey()).equals(wanted))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    private static String normalise(String text) {
        return text.strip().toLowerCase(Locale.ROOT);
    }

    public String describeSources() {
        return from.stream().map(RdSource::name).collect(Collectors.joining(", "));
    }
}
