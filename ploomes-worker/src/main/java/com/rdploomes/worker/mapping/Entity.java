package com.rdploomes.worker.mapping;

/** The Ploomes entity a custom field belongs to; its keys start with the prefix and /Fields lists it with the EntityId. */
public enum Entity {

    CONTACT("contact", "contact_", 1),
    DEAL("deal", "deal_", 2);

    private final String section;
    private final String keyPrefix;
    private final int ploomesEntityId;

    Entity(String section, String keyPrefix, int ploomesEntityId) {
        this.section = section;
        this.keyPrefix = keyPrefix;
        this.ploomesEntityId = ploomesEntityId;
    }

    /** The mapping file's section name ({@code contact:} or {@code deal:}). */
    public String section() {
        return section;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    /** Fields.EntityId in Ploomes (1 Cliente, 2 Negócio). */
    public int ploomesEntityId() {
        return ploomesEntityId;
    }

    /** The entity whose prefix the key has, or null when it has neither. */
    static Entity ofKey(String fieldKey) {
        for (Entity entity : values()) {
            if (fieldKey.startsWith(entity.keyPrefix) && fieldKey.length() > entity.keyPrefix.length()) {
                return entity;
            }
        }
        return null;
    }
}
