package com.rdploomes.worker.mapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

import com.rdploomes.worker.ploomes.OtherProperty;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The rule for every kind of RD value and every field type (the README's table). RD values are loosely
 * typed (numbers as strings, multi-selects as lists, {@code \N} for "no value"), so each kind is converted
 * on purpose or refused, never by accident:
 *
 * <ul>
 * <li>absent, JSON null, {@code \N}, an empty or blank string, an empty list: no value; the field is not
 * sent, so nothing in Ploomes is ever cleared by RD.</li>
 * <li>a list of one item is that item; a longer list is joined with ", " for text fields and refused for
 * the others (a multi-select cannot be one number, date or option).</li>
 * <li>text is trimmed; numbers and booleans become text as "42", "0.5", "Sim"/"Não" for text fields.</li>
 * <li>Integer: whole numbers, as JSON numbers or digit strings ("42", "-3", and "2.0" as RD writes whole
 * floats); Decimal: numbers, "12.5" or "12,5" (one separator; "1.234,5" and "1.000", which may be a thousand,
 * are refused); Bool: JSON booleans and
 * true/false, sim/não, yes/no, 1/0; DateTime: ISO-8601 with an offset, an ISO date or dd/MM/yyyy (midnight
 * in Brasília), written in Brasília's offset; Select: the option the mapping's {@code options} give for the
 * value's text, matched ignoring case.</li>
 * <li>objects, and anything a type cannot hold, are refused.</li>
 * </ul>
 *
 * A refused value is not sent and is logged by field and kind (never the value); the note still shows it.
 */
final class ValueRules {

    static final String NO_VALUE = "\\N";

    private static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    /** "42", "-3", and "2.0" as RD writes whole numbers it stored as floats. */
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+(\\.0)?");
    /** One separator, point or comma, not followed by exactly three digits ("1.000" may be a thousand). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d+([.,](\\d{1,2}|\\d{4,}))?");
    private static final DateTimeFormatter BRAZILIAN_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Map<String, Boolean> BOOLEANS = Map.of(
            "true", true, "false", false, "sim", true, "não", false, "nao", false,
            "yes", true, "no", false, "1", true, "0", false);

    private ValueRules() {
    }

    /** What becomes of one RD value for one mapped field. */
    sealed interface Result {
        /** The value goes to Ploomes. */
        record Written(OtherProperty property) implements Result {
        }

        /** RD has no value: nothing is sent. */
        record Empty() implements Result {
        }

        /** RD has a value this field cannot hold; {@code why} names kinds, never the value. */
        record Refused(String why) implements Result {
        }
    }

    static Result convert(MappedField field, JsonNode value) {
        JsonNode single = unwrap(value);
        if (single == null) {
            return new Result.Empty();
        }
        String key = field.fieldKey();
        if (single.isArray()) { // a list of two or more items
            return switch (field.type()) {
                case STRING -> new Result.Written(OtherProperty.string(key, joined(single)));
                case BIG_STRING -> new Result.Written(OtherProperty.bigString(key, joined(single)));
                default -> refused(field, "a list of " + single.size() + " items");
            };
        }
        if (single.isObject()) {
            return refused(field, "an object");
        }
        return switch (field.type()) {
            case STRING -> new Result.Written(OtherProperty.string(key, text(single)));
            case BIG_STRING -> new Result.Written(OtherProperty.bigString(key, text(single)));
            case INTEGER -> integer(field, single);
            case DECIMAL -> decimal(field, single);
            case BOOL -> bool(field, single);
            case DATE_TIME -> dateTime(field, single);
            case SELECT -> select(field, single);
        };
    }

    /** Null when there is no value; a scalar; or an array of two or more items with a value each. */
    private static JsonNode unwrap(JsonNode value) {
        if (isEmpty(value)) {
            return null;
        }
        if (!value.isArray()) {
            return value;
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(item -> {
            if (!isEmpty(item)) {
                items.add(item);
            }
        });
        if (items.isEmpty()) {
            return null;
        }
        if (items.size() == 1) {
            return unwrap(items.getFirst());
        }
        return JsonNodeFactory.instance.arrayNode().addAll(items);
    }

    static boolean isEmpty(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return true;
        }
        if (value.isString()) {
            String text = value.stringValue().strip();
            return text.isEmpty() || NO_VALUE.equals(text);
        }
        if (value.isArray() || value.isObject()) {
            return value.isEmpty();
        }
        return false;
    }

    /** A scalar as a salesperson reads it. */
    static String text(JsonNode scalar) {
        if (scalar.isBoolean()) {
            return scalar.booleanValue() ? "Sim" : "Não";
        }
        if (scalar.isIntegralNumber()) {
            return scalar.bigIntegerValue().toString();
        }
        if (scalar.isNumber()) {
            return scalar.decimalValue().stripTrailingZeros().toPlainString();
        }
        return scalar.asString("").strip();
    }

    private static String joined(JsonNode items) {
        StringJoiner out = new StringJoiner(", ");
        items.forEach(item -> out.add(item.isContainer() ? item.toString() : text(item)));
        return out.toString();
    }

    private static Result integer(MappedField field, JsonNode value) {
        BigDecimal number = number(value, false);
        if (number == null) {
            return refused(field, kind(value) + " that is not a whole number");
        }
        try {
            return new Result.Written(OtherProperty.integer(field.fieldKey(), number.stripTrailingZeros().longValueExact()));
        } catch (ArithmeticException notWhole) {
            return refused(field, kind(value) + " that is not a whole number");
        }
    }

    private static Result decimal(MappedField field, JsonNode value) {
        BigDecimal number = number(value, true);
        return number == null ? refused(field, kind(value) + " that is not a number")
                : new Result.Written(OtherProperty.decimal(field.fieldKey(), number));
    }

    private static BigDecimal number(JsonNode value, boolean fraction) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (!value.isString()) {
            return null;
        }
        String text = value.stringValue().strip();
        if (WHOLE.matcher(text).matches() || (fraction && DECIMAL.matcher(text).matches())) {
            return new BigDecimal(text.replace(',', '.'));
        }
        return null;
    }

    private static Result bool(MappedField field, JsonNode value) {
        if (value.isBoolean()) {
            return new Result.Written(OtherProperty.bool(field.fieldKey(), value.booleanValue()));
        }
        if (value.isString()) {
            Boolean parsed = BOOLEANS.get(value.stringValue().strip().toLowerCase(Locale.ROOT));
            if (parsed != null) {
                return new Result.Written(OtherProperty.bool(field.fieldKey(), parsed));
            }
        }
        return refused(field, kind(value) + " that is not yes or no");
    }

    private static Result dateTime(MappedField field, JsonNode value) {
        if (!value.isString()) {
            return refused(field, kind(value) + " that is not a date");
        }
        String text = value.stringValue().strip();
        OffsetDateTime when = null;
        try {
            when = OffsetDateTime.parse(text);
        } catch (DateTimeParseException notOffsetDateTime) {
            LocalDate day = null;
            try {
                day = LocalDate.parse(text);
            } catch (DateTimeParseException notIsoDate) {
                try {
                    day = LocalDate.parse(text, BRAZILIAN_DATE);
                } catch (DateTimeParseException notBrazilianDate) {
                    // refused below
                }
            }
            if (day != null) {
                when = day.atStartOfDay(BRASILIA).toOffsetDateTime();
            }
        }
        if (when == null) {
            return refused(field, "text that is not a date");
        }
        String brasilia = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                when.toInstant().truncatedTo(ChronoUnit.SECONDS).atZone(BRASILIA).toOffsetDateTime());
        return new Result.Written(OtherProperty.dateTime(field.fieldKey(), brasilia));
    }

    private static Result select(MappedField field, JsonNode value) {
        Long option = field.option(text(value));
        return option == null ? refused(field, kind(value) + " that the options table does not list")
                : new Result.Written(OtherProperty.integer(field.fieldKey(), option));
    }

    private static Result refused(MappedField field, String what) {
        return new Result.Refused(field.where() + " (" + field.fieldKey() + ", " + field.type().mappingName()
                + "): RD sent " + what);
    }

    private static String kind(JsonNode value) {
        if (value.isBoolean()) {
            return "a boolean";
        }
        if (value.isNumber()) {
            return "a number";
        }
        return "text";
    }
}
