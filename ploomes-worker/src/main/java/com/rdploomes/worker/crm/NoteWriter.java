package com.rdploomes.worker.crm;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Lead;
import com.rdploomes.model.Phone;
import com.rdploomes.model.Traffic;
import com.rdploomes.worker.ploomes.NewNote;
import com.rdploomes.worker.ploomes.PloomesClient;

import tools.jackson.databind.JsonNode;

/**
 * Writes the conversion on the contact's and deal's timeline, in words a salesperson reads before calling:
 * which form, when, from where, and what the lead answered. It names the conversion id so an operator can
 * trace it back.
 */
class NoteWriter {

    private static final ZoneId BRASILIA = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    private final PloomesClient ploomes;
    private final Clock clock;

    NoteWriter(PloomesClient ploomes, Clock clock) {
        this.ploomes = ploomes;
        this.clock = clock;
    }

    long write(Conversion conversion, long contactId, long dealId) {
        Instant when = conversion.occurredAt() != null ? conversion.occurredAt() : conversion.receivedAt();
        if (when == null) {
            when = clock.instant();
        }
        OffsetDateTime date = when.atZone(BRASILIA).toOffsetDateTime();
        return ploomes.createNote(new NewNote(contactId, dealId, content(conversion, date), date));
    }

    static String content(Conversion conversion, OffsetDateTime date) {
        Lead lead = conversion.lead();
        StringJoiner note = new StringJoiner("\n");
        note.add("Conversão no RD Station: " + orDash(conversion.conversionIdentifier()));
        note.add("Quando: " + WHEN.format(date) + " (horário de Brasília)");
        Traffic traffic = conversion.traffic();
        if (!traffic.isEmpty()) {
            note.add("Origem: " + joined(traffic.source(), traffic.medium(), traffic.campaign(), traffic.channel()));
        }
        note.add("Nome: " + orDash(lead.name()));
        note.add("E-mail: " + lead.email());
        for (Phone phone : lead.phones()) {
            if (phone.number() != null && !phone.number().isBlank() && !phone.number().equals("\\N")) {
                note.add((phone.kind() == Phone.Kind.MOBILE ? "Celular: " : "Telefone: ") + phone.number());
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
        Map<String, JsonNode> answers = new TreeMap<>(lead.customFields());
        if (!answers.isEmpty()) {
            note.add("Respostas:");
            answers.forEach((key, value) -> note.add("- " + key + ": " + text(value)));
        }
        note.add("ID da conversão: " + conversion.id());
        return note.toString();
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull()) {
            return "-";
        }
        if (value.isArray()) {
            StringJoiner items = new StringJoiner(", ");
            value.forEach(item -> items.add(item.asString(item.toString())));
            return items.toString();
        }
        if (value.isBoolean()) {
            return value.asBoolean() ? "sim" : "não";
        }
        return value.isValueNode() ? value.asString() : value.toString();
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
