package com.rdploomes.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.rdploomes.simulator.SimulatorHttpTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The query options as clients send them over HTTP: percent-encoded, $-prefixed parameters. */
class ODataQueryHttpTest extends SimulatorHttpTest {

  private long maria;
  private long obrien;
  private long noEmail;

  @BeforeEach
  void someContacts() throws Exception {
    maria = createContact("{\"Name\":\"Maria\",\"Email\":\"maria@example.com\",\"OwnerId\":120001}");
    obrien = createContact("{\"Name\":\"Sean\",\"Email\":\"o'brien@example.com\"}");
    noEmail = createContact("{\"Name\":\"Zé\"}");
  }

  private List<Long> ids(Answer answer) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("value").valueStream().map(c -> c.get("Id").asLong()).toList();
  }

  private Answer contacts(String filter) throws Exception {
    return get("/Contacts?$filter=" + encode(filter));
  }

  @Test
  void emailLookupWithEncodedAtSign() throws Exception {
    assertThat(ids(get("/Contacts?$filter=Email%20eq%20'maria%40example.com'"))).containsExactly(maria);
    assertThat(ids(contacts("Email eq 'MARIA@example.com'"))).as("case-sensitive").isEmpty();
  }

  @Test
  void escapedQuoteInAnEmail() throws Exception {
    assertThat(ids(contacts("Email eq 'o''brien@example.com'"))).containsExactly(obrien);
  }

  @Test
  void nullAndNe() throws Exception {
    assertThat(ids(contacts("Email eq null"))).containsExactly(noEmail);
    assertThat(ids(contacts("Email ne null"))).containsExactly(maria, obrien);
    assertThat(ids(contacts("OwnerId ne 120001"))).containsExactly(obrien, noEmail);
  }

  @Test
  void numbersAndRanges() throws Exception {
    assertThat(ids(contacts("Id eq " + obrien))).containsExactly(obrien);
    assertThat(ids(contacts("Id gt " + maria))).containsExactly(obrien, noEmail);
    assertThat(ids(contacts("Id le " + obrien + " and Id ge " + maria))).containsExactly(maria, obrien);
  }

  @Test
  void theWorkersOpenDealQuery() throws Exception {
    long open = post("/Deals", "{\"Title\":\"open\",\"ContactId\":" + maria + ",\"StageId\":40303847}").first()
        .get("Id").asLong();
    post("/Deals", "{\"Title\":\"won\",\"ContactId\":" + maria + ",\"StageId\":40303847,\"StatusId\":2}");
    post("/Deals", "{\"Title\":\"other pipeline\",\"ContactId\":" + maria + ",\"StageId\":40303849}");
    long asPerson = post("/Deals", "{\"Title\":\"person\",\"ContactId\":1,\"PersonId\":" + maria + "}").first()
        .get("Id").asLong();
    String filter = "(ContactId eq " + maria + " or PersonId eq " + maria
        + ") and PipelineId eq 40030343 and StatusId eq 1";
    Answer deals = get("/Deals?$filter=" + encode(filter) + "&$select=Id,Title,StageId,CreateDate"
        + "&$orderby=" + encode("CreateDate desc,Id desc") + "&$top=1");
    assertThat(ids(deals)).containsExactly(asPerson);
    assertThat(deals.first().propertyNames()).containsExactlyInAnyOrder("Id", "Title", "StageId", "CreateDate");
    assertThat(ids(get("/Deals?$filter=" + encode(filter) + "&$orderby=Id"))).containsExactly(open, asPerson);
  }

  @Test
  void selectTopSkipOrderbyAndCount() throws Exception {
    Answer page = get("/Contacts?$select=Id,Name&$orderby=Name%20desc&$skip=1&$top=1&$count=true");
    assertThat(ids(page)).containsExactly(obrien);
    assertThat(page.first().propertyNames()).containsExactlyInAnyOrder("Id", "Name");
    assertThat(page.json().get("@odata.count").asInt()).isEqualTo(3);
    assertThat(ids(get("/Contacts?$orderby=Id%20desc"))).containsExactly(noEmail, obrien, maria);
    assertThat(ids(get("/Contacts?$orderby=Id%20asc&$top=2"))).containsExactly(maria, obrien);
  }

  @Test
  void fixtureSetsAreFilterableToo() throws Exception {
    Answer dealFields = get("/Fields?$filter=" + encode("EntityId eq 2 and Dynamic eq true") + "&$expand=Type");
    assertThat(dealFields.json().get("value")).hasSize(9)
        .allSatisfy(f -> assertThat(f.get("Key").asString()).startsWith("deal_"));
    Answer origin = get("/Contacts@Origins?$filter=" + encode("Name eq 'RD Station'"));
    assertThat(origin.first().get("Id").asLong()).isEqualTo(5001);
    JsonNode stage = get("/Deals@Stages?$filter=" + encode("PipelineId eq 40030343") + "&$orderby=Ordination"
        + "&$top=1").first();
    assertThat(stage.get("Id").asLong()).isEqualTo(40303847);
  }

  @Test
  void anUnparseableFilterIs400NamingThePosition() throws Exception {
    Answer answer = contacts("Email eq 'unclosed");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("error").get("code").asString()).isEqualTo("BadRequest");
    assertThat(answer.errorMessage()).isEqualTo(
        "Invalid $filter at position 10: the string starting here is not closed with a quote");
    assertThat(get("/Contacts?$top=x").status()).isEqualTo(400);
    assertThat(get("/Contacts?$orderby=" + encode("Name up")).status()).isEqualTo(400);
  }

  @Test
  void aPlusEncodedSpaceAlsoWorks() throws Exception {
    assertThat(ids(get("/Contacts?$filter=Name+eq+'Sean'"))).containsExactly(obrien);
  }
}
