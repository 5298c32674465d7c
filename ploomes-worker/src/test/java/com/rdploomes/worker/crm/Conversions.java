package com.rdploomes.worker.crm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.Lead;
import com.rdploomes.model.Phone;
import com.rdploomes.model.RdIds;
import com.rdploomes.model.Traffic;

import tools.jackson.databind.node.JsonNodeFactory;

/** Conversions as the receiver makes them from the sample files. */
public final class Conversions {

    private Conversions() {
    }

    /** The id of Ana's conversion in the legacy samples. */
    public static final String ANA_ID = "rd-0b5f3c1e-1111-4a2b-9c3d-000000000001-1716234012000";

    /**
     * Ana converting again: her sample conversion under a new id at each call. The worker writes a conversion
     * once (a second delivery of the same id writes nothing), so tests that each expect Ploomes calls need
     * conversions it has not seen.
     */
    public static Conversion ana() {
        return ana("evt-" + UUID.randomUUID());
    }

    /** Ana's conversion exactly as in the legacy samples, id included. */
    public static Conversion anaSample() {
        return ana(ANA_ID);
    }

    private static Conversion ana(String id) {
        return of(id, "ana.exemplo@example.com", "Ana Exemplo",
                List.of(new Phone(Phone.Kind.PERSONAL, "+55 (11) 3333-0001"), new Phone(Phone.Kind.MOBILE, "+55 (11) 98888-0001")));
    }

    /** Ana's conversion as an opportunity: the 2.0 marking event, or a legacy lead with {@code opportunity}. */
    public static Conversion marked(String eventType, String legacyOpportunity) {
        Conversion ana = anaSample();
        var raw = JsonNodeFactory.instance.objectNode().put("email", ana.lead().email());
        if (legacyOpportunity != null) {
            raw.put("opportunity", legacyOpportunity);
        }
        return new Conversion(Conversion.SCHEMA_VERSION, "rd-marked-" + eventType + "-" + legacyOpportunity,
                ana.format(), eventType, ana.occurredAt(), ana.receivedAt(), ana.lead(), ana.rd(),
                ana.conversionIdentifier(), ana.traffic(), raw);
    }

    public static Conversion of(String id, String email, String name, List<Phone> phones) {
        var nodes = JsonNodeFactory.instance;
        Lead lead = new Lead(email, name, phones, "Empresa Fictícia Ltda", "Gerente de Compras", "São Paulo", "SP",
                List.of("ebook"), Map.of("Segmento", nodes.stringNode("Varejo")));
        return new Conversion(Conversion.SCHEMA_VERSION, id, Conversion.SourceFormat.LEGACY, "WEBHOOK.LEGACY",
                Instant.parse("2024-05-20T19:40:12Z"), Instant.parse("2024-05-20T19:40:13Z"), lead,
                new RdIds("3100000001", "0b5f3c1e-1111-4a2b-9c3d-000000000001"), "orcamento-site",
                new Traffic("(direct)", "(none)", "(direct)", "Direct"),
                nodes.objectNode().put("email", email));
    }
}
