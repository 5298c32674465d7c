package com.rdploomes.worker.mapping;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a mapped value is written to Ploomes: the mapping file's {@code type}, which names the value
 * property ({@code StringValue}, ...). A {@link #SELECT} field is an option list: its value is the Id of
 * the option that the mapping's {@code options} table gives for the RD value, written as IntegerValue.
 */
public enum FieldType {

    STRING("String", "StringValue"),
    BIG_STRING("BigString", "BigStringValue"),
    INTEGER("Integer", "IntegerValue"),
    DECIMAL("Decimal", "DecimalValue"),
    BOOL("Bool", "BoolValue"),
    DATE_TIME("DateTime", "DateTimeValue"),
    SELECT("Select", "IntegerValue");

    private final String mappingName;
    private final String valueProperty;

    FieldType(String mappingName, String valueProperty) {
        this.mappingName = mappingName;
        this.valueProperty = valueProperty;
    }

    /** The name the mapping file uses (and Ploomes' NativeType, except for Select). */
    public String mappingName() {
        return mappingName;
    }

    public String valueProperty() {
        return valueProperty;
    }

    public static List<String> mappingNames() {
        return Arrays.stream(values()).map(FieldType::mappingName).toList();
    }

    /** Case-insensitive, so {@code bigstring} and {@code BigString} are the same type. */
    static Optional<FieldType> ofMappingName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.mappingName.toLowerCase(Locale.ROOT).equals(wanted)).findFirst();
    }

    /**
     * The type a Ploomes field has, from {@code Fields?$expand=Type}: an OptionsTableId makes it an option
     * list whatever its NativeType; otherwise the NativeType (Bool is also seen spelled Boolean).
     */
    public static Optional<FieldType> ofPloomesField(String nativeType, boolean hasOptionsTable) {
        if (hasOptionsTable) {
            return Optional.of(SELECT);
        }
        if (nativeType == null) {
            return Optional.empty();
        }
        if (nativeType.equalsIgnoreCase("Boolean")) {
            return Optional.of(BOOL);
        }
        return Arrays.stream(values()).filter(t -> t != SELECT && t.mappingName.equalsIgnoreCase(nativeType)).findFirst();
    }
}
