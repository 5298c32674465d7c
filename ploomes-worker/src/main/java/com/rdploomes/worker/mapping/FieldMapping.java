package com.rdploomes.worker.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;
import com.rdploomes.worker.ploomes.OtherProperty;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Which RD values go into which Ploomes custom fields, read from the YAML file named by FIELD_MAPPING_FILE
 * (format in the README and config/field-mapping.example.yml). Everything that can be checked without
 * Ploomes is checked at load, so a typo stops the worker at startup instead of losing values later: unknown
 * keys, unknown sources and types, a key of the other entity (a {@code deal_} key under {@code contact:}),
 * a field mapped twice, a Select without options. Whether the keys exist in the account, with that type, is
 * the startup check's job (it needs Ploomes).
 */
public final class FieldMapping {

    private static final Logger log = LoggerFactory.getLogger(FieldMapping.class);
    private static final FieldMapping NONE = new FieldMapping("(none)", List.of());

    private final String source;
    private final List<MappedField> fields;

    FieldMapping(String source, List<MappedField> fields) {
        this.source = source;
        this.fields = List.copyOf(fields);
    }

    /** No mapping: only the standard contact and deal properties are written. */
    public static FieldMapping none() {
        return NONE;
    }

    /**
     * @throws FieldMappingException naming the file and every problem in it
     */
    public static FieldMapping load(Path file) {
        String name = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new FieldMappingException(name, List.of("no such file (the path is read from the worker's working "
                    + "directory, " + Path.of("").toAbsolutePath() + ")"));
        }
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            throw new FieldMappingException(name, List.of("cannot be read: " + e.getMessage()));
        }
        return parse(name, yaml);
    }

    static FieldMapping parse(String name, String yaml) {
        if (yaml.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("#") || l.equals("---"))) {
            return new FieldMapping(name, List.of()); // an empty file maps nothing, on purpose
        }
        YAMLMapper mapper = YAMLMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION) // a key written twice is a mistake, not an override
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();
        FieldMappingFile file;
        try {
            file = mapper.readValue(yaml, FieldMappingFile.class);
        } catch (JacksonException e) {
            throw new FieldMappingException(name, List.of(where(e) + e.getOriginalMessage()
                    + " (a mapping file has version, contact and deal; each rule has field, type, from and, for a Select, options)"));
        }
        if (file == null) {
            return new FieldMapping(name, List.of()); // an empty file maps nothing, on purpose
        }
        List<String> problems = new ArrayList<>();
        if (file.version() != null && file.version() != 1) {
            problems.add("version " + file.version() + " is not supported (this worker reads version 1)");
        }
        List<MappedField> fields = new ArrayList<>();
        rules(Entity.CONTACT, file.contact(), fields, problems);
        rules(Entity.DEAL, file.deal(), fields, problems);
        if (!problems.isEmpty()) {
            throw new FieldMappingException(name, problems);
        }
        return new FieldMapping(name, fields);
    }

    private static void rules(Entity entity, List<FieldMappingFile.Rule> rules, List<MappedField> fields,
                              List<String> problems) {
        if (rules == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            String where = entity.section() + "[" + i + "]";
            FieldMappingFile.Rule rule = rules.get(i);
            if (rule == null) {
                problems.add(where + " is empty");
                continue;
            }
            int before = problems.size();
            String key = rule.field() == null ? "" : rule.field().strip();
            Entity keyEntity = Entity.ofKey(key);
            if (key.isEmpty()) {
                problems.add(where + " has no field (the Ploomes FieldKey, e.g. " + entity.keyPrefix() + "<GUID>)");
            } else if (keyEntity == null) {
                problems.add(where + ": field '" + key + "' is not a Ploomes custom field key (they start with "
                        + Entity.CONTACT.keyPrefix() + " or " + Entity.DEAL.keyPrefix() + ")");
            } else if (keyEntity != entity) {
                problems.add(where + ": field '" + key + "' is a " + keyEntity.section() + " field, listed under "
                        + entity.section() + ": move it under " + keyEntity.section() + ":");
            } else if (!seen.add(key)) {
                problems.add(where + ": field '" + key + "' is mapped twice under " + entity.section() + ":");
            }
            FieldType type = null;
            if (rule.type() == null || rule.type().isBlank()) {
                problems.add(where + " has no type; one of " + FieldType.mappingNames());
            } else {
                type = FieldType.ofMappingName(rule.type()).orElse(null);
                if (type == null) {
                    problems.add(where + ": type '" + rule.type() + "' is not one of " + FieldType.mappingNames());
                }
            }
            List<RdSource> from = sources(where, rule.from(), problems);
            Map<String, Long> options = options(where, type, rule.options(), problems);
            if (problems.size() == before) {
                fields.add(new MappedField(entity, key, type, from, options, where));
            }
        }
    }

    private static List<RdSource> sources(String where, JsonNode from, List<String> problems) {
        List<String> names = new ArrayList<>();
        if (from == null || from.isNull()) {
            problems.add(where + " has no from (the RD source, or a list of them: the first with a value is used)");
            return List.of();
        }
        if (from.isString()) {
            names.add(from.stringValue());
        } else if (from.isArray() && !from.isEmpty()) {
            for (JsonNode item : from) {
                if (!item.isString()) {
                    problems.add(where + ": every source in from must be text, not " + item);
                    return List.of();
                }
                names.add(item.stringValue());
            }
        } else {
            problems.add(where + ": from must be a source or a non-empty list of sources");
            return List.of();
        }
        List<RdSource> sources = new ArrayList<>();
        for (String name : names) {
            try {
                sources.add(RdSource.parse(name));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        return sources;
    }

    private static Map<String, Long> options(String where, FieldType type, Map<String, JsonNode> options,
                                             List<String> problems) {
        boolean hasOptions = options != null && !options.isEmpty();
        if (type != FieldType.SELECT) {
            if (hasOptions) {
                problems.add(where + ": options are only for type Select");
            }
            return Map.of();
        }
        if (!hasOptions) {
            problems.add(where + ": a Select needs options, the Ploomes option Id of each RD value "
                    + "(GET /Fields@OptionsTables@Options?$filter=TableId eq <the field's OptionsTableId>)");
            return Map.of();
        }
        Map<String, Long> ids = new LinkedHashMap<>();
        options.forEach((rdValue, id) -> {
            if (id == null || !id.isIntegralNumber() || id.longValue() <= 0) {
                problems.add(where + ": option '" + rdValue + "' must be a positive option Id, not " + id);
            } else {
                ids.put(rdValue, id.longValue());
            }
        });
        return ids;
    }

    private static String where(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        return location == null || location.getLineNr() < 1 ? ""
                : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
    }

    /** Where the mapping came from, for messages. */
    public String source() {
        return source;
    }

    public List<MappedField> fields() {
        return fields;
    }

    public List<MappedField> fields(Entity entity) {
        return fields.stream().filter(f -> f.entity() == entity).toList();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The fields that read an RD custom field (cf_* or legacy label), for the note's labels. */
    public List<MappedField> fieldsReading(String customFieldKey) {
        return fields.stream()
                .filter(f -> f.from().stream().anyMatch(s -> customFieldKey.equals(s.customFieldKey())))
                .toList();
    }

    /**
     * The custom field values of this conversion for one entity, in mapping order. A rule whose sources
     * all lack a value sends nothing; a value the field cannot hold is logged and not sent.
     */
    public List<OtherProperty> properties(Entity entity, Conversion conversion) {
        List<OtherProperty> properties = new ArrayList<>();
        for (MappedField field : fields(entity)) {
            value(field, conversion).ifPresent(properties::add);
        }
        return properties;
    }

    private static Optional<OtherProperty> value(MappedField field, Conversion conversion) {
        for (RdSource source : field.from()) {
            ValueRules.Result result = ValueRules.convert(field, source.valueIn(conversion));
            switch (result) {
                case ValueRules.Result.Written written -> {
                    return Optional.of(written.property());
                }
                case ValueRules.Result.Refused refused -> {
                    log.warn("mapped value not sent: {} (from {}); conversion={}", refused.why(), source.name(),
                            conversion.id());
                    return Optional.empty();
                }
                case ValueRules.Result.Empty empty -> {
                    // try the next source
                }
            }
        }
        return Optional.empty();
    }
}
