package com.rdploomes.worker.crm;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.rdploomes.model.Conversion;

/**
 * New deals' title, from a template (PLOOMES_DEAL_TITLE) with placeholders in braces: {@code {name}} (the
 * lead's name, else its e-mail), {@code {email}}, {@code {company}}, {@code {conversion_identifier}} (the
 * form, else "conversão") and {@code {date}} (dd/MM/yyyy in Brasília). An unknown placeholder stops the
 * worker at startup with the list of known ones.
 */
final class DealTitle {

    static final String DEFAULT = "RD | {name} | {conversion_identifier}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final Map<String, Function<Conversion, String>> VALUES = Map.of(
            "name", c -> ContactResolver.displayName(c.lead()),
            "email", c -> c.lead().email(),
            "company", c -> orEmpty(c.lead().company()),
            "conversion_identifier", c -> c.conversionIdentifier() == null || c.conversionIdentifier().isBlank()
                    ? "conversão" : c.conversionIdentifier().strip(),
            "date", c -> DAY.format(when(c).atZone(BRASILIA)));

    private final String template;

    private DealTitle(String template) {
        this.template = template;
    }

    /**
     * @throws IllegalArgumentException naming the unknown placeholders and the known ones
     */
    static DealTitle parse(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            if (!VALUES.containsKey(matcher.group(1))) {
                unknown.add("{" + matcher.group(1) + "}");
            }
        }
        String rest = PLACEHOLDER.matcher(template).replaceAll("");
        if (!unknown.isEmpty() || rest.contains("{") || rest.contains("}")) {
            throw new IllegalArgumentException("PLOOMES_DEAL_TITLE='" + template + "' has "
                    + (unknown.isEmpty() ? "an unmatched brace" : "unknown placeholders " + unknown)
                    + "; placeholders: " + VALUES.keySet().stream().sorted().map(k -> "{" + k + "}").toList());
        }
        return new DealTitle(template);
    }

    String render(Conversion conversion) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder title = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(title, Matcher.quoteReplacement(VALUES.get(matcher.group(1)).apply(conversion)));
        }
        matcher.appendTail(title);
        // an empty placeholder ("{company}" of a lead without one) must not leave "RD |  | x"
        String cleaned = title.toString().replaceAll("\\s*\\|\\s*(\\|\\s*)+", " | ")
                .replaceAll("^[\\s|]+|[\\s|]+$", "");
        return cleaned.isEmpty() ? ContactResolver.displayName(conversion.lead()) : cleaned;
    }

    private static Instant when(Conversion conversion) {
        if (conversion.occurredAt() != null) {
            return conversion.occurredAt();
        }
        return conversion.receivedAt() != null ? conversion.receivedAt() : Instant.now();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.strip();
    }
}
