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

  /** The worker's contact lookup with its open deals (an unconfirmed navigation property of Ploomes). */
  private static final String OPEN_DEALS = "Deals($select=Id;$filter=PipelineId eq 40030343 and StatusId eq 1;"
      + "$orderby=Id asc;$top=1)";

  private long deal(String body) throws Exception {
    Answer created = post("/Deals", body);
    assertThat(created.status()).as(created.body()).isEqualTo(200);
    return created.first().get("Id").asLong();
  }

  @Test
  void aContactsDealsAreTheDealsWhoseContactIdItIsShapedByTheNestedOptions() throws Exception {
    deal("{\"Title\":\"won\",\"ContactId\":" + maria + ",\"StageId\":40303847,\"StatusId\":2}");
    deal("{\"Title\":\"other pipeline\",\"ContactId\":" + maria + ",\"StageId\":40303849}");
    long first = deal("{\"Title\":\"open 1\",\"ContactId\":" + maria + ",\"StageId\":40303847}");
    long second = deal("{\"Title\":\"open 2\",\"ContactId\":" + maria + ",\"StageId\":40303848}");
    deal("{\"Title\":\"maria as the person\",\"ContactId\":" + noEmail + ",\"PersonId\":" + maria
        + ",\"StageId\":40303847}");

    Answer lookup = get("/Contacts?$filter=" + encode("Email eq 'maria@example.com'")
        + "&$select=Id,Name,Email,OwnerId,CompanyId&$expand=" + encode("Phones," + OPEN_DEALS)
        + "&$orderby=" + encode("Id asc") + "&$top=1");
    assertThat(ids(lookup)).containsExactly(maria);
    assertThat(lookup.first().propertyNames()).containsExactlyInAnyOrder("Id", "Name", "Email", "OwnerId", "Deals");
    assertThat(lookup.first().get("Deals").toString()).isEqualTo("[{\"Id\":" + first + "}]");

    String newestFirst = "Deals($filter=PipelineId eq 40030343 and StatusId eq 1;$orderby=Id desc;"
        + "$select=Id,Title;$expand=OtherProperties)";
    JsonNode deals = get("/Contacts?$filter=" + encode("Id eq " + maria) + "&$expand=" + encode(newestFirst))
        .first().get("Deals");
    assertThat(deals.valueStream().map(d -> d.get("Id").asLong()).toList()).containsExactly(second, first);
    assertThat(deals.get(0).propertyNames()).containsExactlyInAnyOrder("Id", "Title");

    JsonNode all = get("/Contacts?$orderby=Id&$expand=Deals").json().get("value");
    assertThat(all.get(0).get("Deals")).as("every deal of the contact, without options").hasSize(4);
    assertThat(all.get(1).get("Deals")).as("a contact without deals").isEmpty();
    assertThat(all.get(2).get("Deals")).as("the PersonId deal belongs to its ContactId").hasSize(1);
    assertThat(get("/Contacts?$filter=" + encode("Id eq " + maria)).first().has("Deals"))
        .as("not expanded, not served").isFalse();
  }

  @Test
  void aQuoteOrSemicolonInsideANestedFilterIsPartOfTheLiteral() throws Exception {
    long odd = deal("{\"Title\":\"a;b) O'Neil\",\"ContactId\":" + maria + ",\"StageId\":40303847}");
    deal("{\"Title\":\"plain\",\"ContactId\":" + maria + ",\"StageId\":40303847}");
    String expand = "Deals($filter=Title eq 'a;b) O''Neil';$select=Id)";
    JsonNode deals = get("/Contacts?$filter=" + encode("Id eq " + maria) + "&$expand=" + encode(expand)).first()
        .get("Deals");
    assertThat(deals.toString()).isEqualTo("[{\"Id\":" + odd + "}]");
  }

  @Test
  void aBadNestedOptionIs400() throws Exception {
    Answer unknown = get("/Contacts?$expand=" + encode("Deals($where=Id eq 1)"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.errorMessage()).contains("'$where=Id eq 1'", "Deals");
    assertThat(get("/Contacts?$expand=" + encode("Deals($top=x)")).status()).isEqualTo(400);
    assertThat(get("/Contacts?$expand=" + encode("Deals($filter=Id eq")).status()).isEqualTo(400);
  }

  @Test
  void withContactDealsOffTheExpansionIs400AndEverythingElseStillWorks() throws Exception {
    control("PUT", "/_simulator/settings", "{\"contactDeals\":false}");

    Answer refused = get("/Contacts?$filter=" + encode("Email eq 'maria@example.com'") + "&$expand="
        + encode("Phones," + OPEN_DEALS));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorMessage()).isEqualTo("Could not find a property named 'Deals' on type 'Contact'");
    assertThat(get("/Contacts?$expand=Deals&$filter=" + encode("Id eq -1")).status())
        .as("refused even when no contact matches").isEqualTo(400);
    assertThat(post("/Contacts?$expand=Deals", "{\"Name\":\"Nova\"}").status()).isEqualTo(400);
    assertThat(ids(get("/Contacts?$filter=Name%20eq%20'Nova'"))).as("the refused POST wrote nothing").isEmpty();
    assertThat(ids(get("/Contacts?$filter=" + encode("Email eq 'maria@example.com'") + "&$expand=Phones")))
        .containsExactly(maria);

    control("PUT", "/_simulator/settings", "{\"contactDeals\":true}");
    assertThat(get("/Contacts?$expand=Deals").status()).isEqualTo(200);
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
