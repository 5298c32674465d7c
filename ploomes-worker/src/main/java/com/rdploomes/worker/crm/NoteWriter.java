package com.rdploomes.worker.crm;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Lead;
import com.rdploomes.model.Phone;
import com.rdploomes.model.Traffic;
import com.rdploomes.worker.account.PloomesAccount;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.mapping.MappedField;
import com.rdploomes.worker.mapping.RdOpportunity;
import com.rdploomes.worker.ploomes.NewNote;
import com.rdploomes.worker.ploomes.PloomesClient;

import tools.jackson.databind.JsonNode;

/**
 * Writes the conversion on the contact's and deal's timeline, in words a salesperson reads before calling:
 * whether RD marked the lead as an opportunity, which form, when, from where, who, and what the lead
 * answered (under the Ploomes field's name when the answer is mapped). Its last line names the conversion
 * id: an operator traces it back, and the worker finds the note by it ({@link #marker}).
 */
class NoteWriter {

    static final String OPPORTUNITY_LINE = "Lead marcado como oportunidade no RD Station.";

    private static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final PloomesClient ploomes;
    private final FieldMapping mapping;
    private final Supplier<PloomesAccount> account;
    private final Clock clock;

    NoteWriter(PloomesClient ploomes, FieldMapping mapping, Supplier<PloomesAccount> account, Clock clock) {
        this.ploomes = ploomes;
        this.mapping = mapping;
        this.account = account;
        this.clock = clock;
    }

    /**
     * The line that identifies this conversion's note. The marking of an opportunity is an event of its own
     * even when RD gives it the id of the lead's conversion, so its note has a line of its own.
     */
    static String marker(Conversion conversion) {
        return (RdOpportunity.isMarkingEvent(conversion) ? "ID da oportunidade: " : "ID da conversão: ") + conversion.id();
    }

    /** The contact's note for this conversion, when Ploomes has one (one call). */
    Optional<Long> find(Conversion conversion, long contactId) {
        String marker = marker(conversion);
        List<JsonNode> notes = ploomes.findNotes(contactId, marker);
        // contains() also matches an id that merely starts with this one: only a whole line counts
        return notes.stream()
                .filter(note -> note.path("Content").asString("").lines().anyMatch(line -> line.strip().equals(marker)))
                .map(note -> note.path("Id").asLong())
                .findFirst();
    }

    long write(Conversion conversion, long contactId, Long dealId) {
        Instant when = conversion.occurredAt() != null ? conversion.occurredAt() : conversion.receivedAt();
        if (when == null) {
            when = clock.instant();
        }
        OffsetDateTime date = when.atZone(BRASILIA).toOffsetDateTime();
        return ploomes.createNote(new NewNote(contactId, dealId, content(conversion, date), date));
    }

    String content(Conversion conversion, OffsetDateTime date) {
        Lead lead = conversion.lead();
        StringJoiner note = new StringJoiner("\n");
        if (RdOpportunity.isOpportunity(conversion)) {
            note.add(OPPORTUNITY_LINE);
        }
        note.add("Conversão no RD Station: " + orDash(conversion.conversionIdentifier()));
        note.add("Quando: " + WHEN.format(date) + " (horário de Brasília)");
        Traffic traffic = conversion.traffic();
        if (!traffic.isEmpty()) {
            note.add("Origem: " + joined(traffic.source(), traffic.medium(), traffic.campaign(), traffic.channel()));
        }
        note.add("Nome: " + orDash(lead.name()));
        note.add("E-mail: " + LeadEmail.normalise(lead.email()));
        for (Phone phone : lead.phones()) {
            if (phone.number() != null && !phone.number().isBlank() && !phone.number().strip().equals("\\N")) {
                note.add((phone.kind() == Phone.Kind.MOBILE ? "Celular: " : "Telefone: ") + phone.number().strip());
            }
        }
        addIfPresent(note, "Empresa", lead.company());
        addIfPresent(note, "Cargo", lead.jobTitle());
        if (lead.city() != null || lead.state() != null) {
            note.add("Cidade: " + joined(lead.city(), lead.state()));
        }
        if (!lead.tags().isEmpty()) {
            note.add("Tags: " + String.join(", ", lead.tags()));
        }
        Map<String, String> answers = new TreeMap<>();
        lead.customFields().forEach((key, value) -> {
            String text = text(value);
            if (!text.isEmpty()) {
                answers.put(label(key), text);
            }
        });
        if (!answers.isEmpty()) {
            note.add("Respostas:");
            answers.forEach((label, text) -> note.add("- " + label + ": " + text));
        }
        note.add(marker(conversion));
        return note.toString();
    }

    /** The Ploomes field's name for a mapped answer (what the salesperson sees on the deal); else RD's key. */
    private String label(String customFieldKey) {
        List<MappedField> mapped = mapping.fieldsReading(customFieldKey);
        return mapped.isEmpty() ? customFieldKey : account.get().fieldName(mapped.getFirst().fieldKey());
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        if (value.isArray()) {
            StringJoiner items = new StringJoiner(", ");
            value.forEach(item -> {
                String text = text(item);
                if (!text.isEmpty()) {
                    items.add(text);
                }
            });
            return items.toString();
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "sim" : "não";
        }
        String text = value.isValueNode() ? value.asString().strip() : value.toString();
        return text.equals("\\N") ? "" : text;
    }

    private static void addIfPresent(StringJoiner note, String label, String value) {
        if (value != null && !value.isBlank()) {
            note.add(label + ": " + value);
        }
    }

    private static String joined(String... parts) {
        StringJoiner out = new StringJoiner(" / ");
        for (String part : parts) {
            if (part != null && !part.isBlank()) {
                out.add(part);
            }
        }
        return out.length() == 0 ? "-" : out.toString();
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
