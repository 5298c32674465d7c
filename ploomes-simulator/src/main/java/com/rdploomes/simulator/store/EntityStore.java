package com.rdploomes.simulator.store;

import org.springframework.stereotype.Component;

/** The writable entity sets. Ids start far apart so a contact id never passes for a deal id. */
@Component
public class EntityStore {

  public static final long FIRST_CONTACT_ID = 400_000_001L;
  public static final long FIRST_DEAL_ID = 500_000_001L;
  public static final long FIRST_INTERACTION_RECORD_ID = 600_000_001L;

  private final EntitySet contacts = new EntitySet("Contacts", FIRST_CONTACT_ID);
  private final EntitySet deals = new EntitySet("Deals", FIRST_DEAL_ID);
  private final EntitySet interactionRecords = new EntitySet("InteractionRecords", FIRST_INTERACTION_RECORD_ID);

  public EntitySet contacts() {
    return contacts;
  }

  public EntitySet deals() {
    return deals;
  }

  public EntitySet interactionRecords() {
    return interactionRecords;
  }

  public void clear() {
    contacts.clear();
    deals.clear();
    interactionRecords.clear();
  }
}
