package com.rdploomes.worker.ploomes;

import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * A contact as the e-mail lookup answered it.
 *
 * @param contact       the contact: Id, Name, Email, OwnerId, its phones and, when asked, its custom fields
 * @param dealsExpanded whether the lookup also asked for its open deals in the pipeline ({@code Deals}, with
 *                      {@code CompanyId}); false once Ploomes refused that expansion
 */
public record FoundContact(JsonNode contact, boolean dealsExpanded) {

    public long id() {
        return contact.path("Id").asLong();
    }

    /**
     * Whether the answer shows the contact's open deals: asked for and there. A Ploomes that ignored the
     * expansion without a 400 would leave them out, and that must not read as "no open deal"; nor must a
     * deal without an Id.
     */
    public boolean dealsSeen() {
        JsonNode deals = contact.path("Deals");
        return dealsExpanded && deals.isArray() && deals.valueStream().allMatch(deal -> deal.path("Id").isNumber());
    }

    /** The oldest open deal in the pipeline whose client is this contact, when the answer shows its deals. */
    public Optional<Long> openDealId() {
        JsonNode deals = contact.path("Deals");
        if (!dealsSeen() || deals.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(deals.get(0).path("Id").asLong());
    }

    /** Whether the contact (a person) belongs to a company contact. */
    public boolean hasCompany() {
        JsonNode company = contact.path("CompanyId");
        return company.isNumber() ? company.asLong() > 0 : company.isString() && !company.asString().isBlank();
    }
}
