package com.rdploomes.worker.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.rdploomes.model.Conversion;
import com.rdploomes.worker.mapping.FieldMapping;
import com.rdploomes.worker.ploomes.FakePloomes;
import com.rdploomes.worker.ploomes.FakePloomes.Answer;

/**
 * WORKER_CONCURRENCY &gt; 1: conversions of one e-mail handled at the same moment by one worker. The fake
 * answers like a store (the lookups find what was created), so without the per-e-mail lock every thread
 * would look up, find nothing and create.
 */
class SameLeadConcurrencyTest {

    @Test
    void twentyConversionsOfOneEmailAtOnceMakeOneContactAndOneDeal() throws Exception {
        try (FakePloomes ploomes = FakePloomesFactory.start()) {
            ConversionHandler handler = Handlers.handler(ploomes, FieldMapping.none());
            AtomicLong contact = new AtomicLong();
            AtomicLong deal = new AtomicLong();
            // the lookup shows the contact's open deal (its Deals expansion), as Ploomes would once it exists
            ploomes.respond("GET /Contacts", request -> Answer.json(200, contact.get() == 0 ? "{\"value\":[]}"
                    : "{\"value\":[{\"Id\":" + contact.get() + ",\"Name\":\"Ana Exemplo\",\"Phones\":[{\"PhoneNumber\":\"1\"}],"
                    + "\"Deals\":" + (deal.get() == 0 ? "[]" : "[{\"Id\":" + deal.get() + "}]") + "}]}"));
            ploomes.respond("POST /Contacts", request -> created(contact, ploomes.nextId()));
            ploomes.respond("POST /Deals", request -> created(deal, ploomes.nextId()));

            int conversions = 20;
            ExecutorService threads = Executors.newFixedThreadPool(conversions);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ConversionHandler.Outcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < conversions; i++) {
                // the same lead, written as differently as RD may write it, converting on 20 forms
                Conversion conversion = Conversions.of("rd-concurrent-" + i, i % 2 == 0 ? "ana.exemplo@example.com"
                        : " Ana.Exemplo@Example.com ", "Ana Exemplo", List.of());
                Conversion received = new Conversion(conversion.schemaVersion(), conversion.id(), conversion.format(),
                        conversion.eventType(), conversion.occurredAt(), Instant.parse("2024-05-20T19:40:13Z"),
                        conversion.lead(), conversion.rd(), "form-" + i, conversion.traffic(), conversion.rawLead());
                outcomes.add(threads.submit(() -> {
                    start.await();
                    return handler.handle(received);
                }));
            }
            start.countDown();
            for (Future<ConversionHandler.Outcome> outcome : outcomes) {
                assertThat(outcome.get(60, TimeUnit.SECONDS).contactId()).isEqualTo(contact.get());
            }
            threads.shutdown();

            assertThat(ploomes.requests("POST /Contacts")).hasSize(1);
            assertThat(ploomes.requests("POST /Deals")).hasSize(1);
            assertThat(ploomes.requests("GET /Deals")).as("the lookups saw the deal").isEmpty();
            assertThat(ploomes.requests("POST /InteractionRecords")).hasSize(conversions)
                    .allSatisfy(note -> assertThat(note.body()).contains("\"DealId\":" + deal.get()));
        }
    }

    private static Answer created(AtomicLong holder, long id) {
        holder.set(id);
        return Answer.json(200, "{\"value\":[{\"Id\":" + id + "}]}");
    }
}
