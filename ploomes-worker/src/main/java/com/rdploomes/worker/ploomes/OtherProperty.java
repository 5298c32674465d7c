package com.rdploomes.worker.ploomes;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One custom field value as Ploomes takes it: the field's key and exactly one value property, named
 * after the field's native type ({@code StringValue}, {@code BigStringValue}, {@code IntegerValue},
 * {@code DecimalValue}, {@code DateTimeValue}, {@code BoolValue}; an option-list field takes the option's
 * Id as {@code IntegerValue}). Built only through the factories, so no entry ever carries two values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OtherProperty(String fieldKey, String stringValue, String bigStringValue, Long integerValue,
                            BigDecimal decimalValue, String dateTimeValue, Boolean boolValue) {

    public static OtherProperty string(String fieldKey, String value) {
        return new OtherProperty(fieldKey, value, null, null, null, null, null);
    }

    public static OtherProperty bigString(String fieldKey, String value) {
        return new OtherProperty(fieldKey, null, value, null, null, null, null);
    }

    public static OtherProperty integer(String fieldKey, long value) {
        return new OtherProperty(fieldKey, null, null, value, null, null, null);
    }

    public static OtherProperty decimal(String fieldKey, BigDecimal value) {
        return new OtherProperty(fieldKey, null, null, null, value, null, null);
    }

    /** @param isoOffsetDateTime e.g. {@code 2024-05-20T16:40:12-03:00} */
    public static OtherProperty dateTime(String fieldKey, String isoOffsetDateTime) {
        return new OtherProperty(fieldKey, null, null, null, null, isoOffsetDateTime, null);
    }

    public static OtherProperty bool(String fieldKey, boolean value) {
        return new OtherProperty(fieldKey, null, null, null, null, null, value);
    }
}
