package com.rdploomes.simulator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.rdploomes.simulator.SimulatorHttpTest;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class EntitySetsHttpTest extends SimulatorHttpTest {

  private static final String ISO_MILLIS_BRT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}-03:00";

  @Test
  void fixtureSetsAnswerTheODataEnvelope() throws Exception {
    Answer pipelines = get("/Deals@Pipelines?$expand=Stages");
    assertThat(pipelines.status()).isEqualTo(200);
    assertThat(pipelines.json().get("@odata.context").asString())
        .isEqualTo("http://localhost:" + port + "/$metadata#Deals@Pipelines");
    assertThat(pipelines.first().get("Id").asLong()).isEqualTo(40030343);
    assertThat(pipelines.first().get("Stages")).hasSize(2);

    Answer stages = get("/Deals@Stages?$filter=" + encode("PipelineId eq 40030343") + "&$orderby=Ordination%20asc");
    assertThat(stages.json().get("value")).extracting(s -> s.get("Id").asLong()).containsExactly(40303847L, 40303848L);

    for (String set : new String[] {"/Account", "/Fields", "/PhoneTypes", "/Users", "/Contacts@Origins",
        "/Deals@Status", "/Contacts@Types"}) {
      Answer answer = get(set);
      assertThat(answer.status()).as(set).isEqualTo(200);
      assertThat(answer.json().get("value").size()).as(set).isPositive();
    }
    assertThat(get("/Account?$top=1&$select=Id").first().toString()).isEqualTo("{\"Id\":1}");
  }

  @Test
  void anUnknownSetIsA404WithTheErrorShape() throws Exception {
    Answer answer = get("/Leads");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("error").get("code").asString()).isEqualTo("NotFound");
  }

  @Test
  void postingAContactAnswers200WithTheEntityInValue0() throws Exception {
    Answer created = post("/Contacts?$expand=Phones,OtherProperties", """
        {"Name":"Maria Souza","TypeId":2,"Email":"maria@example.com","OwnerId":120001,
         "Phones":[{"PhoneNumber":"(11) 98888-7777","TypeId":2,"CountryId":76}],
         "OtherProperties":[{"FieldKey":"contact_7B1E0C1A-0000-4000-8000-00000000C001","StringValue":"Indústria"}]}
        """);
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.json().get("@odata.context").asString()).endsWith("/$metadata#Contacts");
    JsonNode contact = created.first();
    assertThat(contact.get("Id").asLong()).isGreaterThanOrEqualTo(400_000_001L);
    assertThat(contact.get("Name").asString()).isEqualTo("Maria Souza");
    assertThat(contact.get("Phones").get(0).get("CountryId").asInt()).isEqualTo(76);
    assertThat(contact.get("CreateDate").asString()).matches(ISO_MILLIS_BRT);
    assertThat(contact.get("LastUpdateDate").asString()).matches(ISO_MILLIS_BRT);

    Answer listed = get("/Contacts?$expand=Phones,OtherProperties");
    assertThat(listed.json().get("value")).hasSize(1);
    assertThat(listed.first()).isEqualTo(contact);
  }

  @Test
  void idsComeFromSeparateCountersAndAnIdSentIsIgnored() throws Exception {
    long first = createContact("{\"Name\":\"A\",\"Id\":5}");
    long second = createContact("{\"Name\":\"B\"}");
    assertThat(second).isEqualTo(first + 1);
    assertThat(first).isNotEqualTo(5);
    long deal = post("/Deals", "{\"Title\":\"T\",\"ContactId\":" + first + "}").first().get("Id").asLong();
    assertThat(deal).isGreaterThanOrEqualTo(500_000_001L).isLessThan(600_000_000L);
    long note = post("/InteractionRecords", "{\"ContactId\":" + first + ",\"Content\":\"x\"}").first().get("Id")
        .asLong();
    assertThat(note).isGreaterThanOrEqualTo(600_000_001L);
  }

  @Test
  void selectShapesThePostAnswer() throws Exception {
    Answer created = post("/Contacts?$select=Id,Name&$expand=Phones",
        "{\"Name\":\"Ana\",\"Email\":\"ana@example.com\",\"Phones\":[{\"PhoneNumber\":\"1\"}]}");
    assertThat(created.first().propertyNames()).containsExactlyInAnyOrder("Id", "Name", "Phones");
    assertThat(get("/Contacts").first().get("Email").asString()).as("the store keeps everything")
        .isEqualTo("ana@example.com");
  }

  @Test
  void patchMergesTopLevelProperties() throws Exception {
    long id = createContact("{\"Name\":\"Ana\",\"Email\":\"ana@example.com\",\"Phones\":[{\"PhoneNumber\":\"1\"}]}");
    String created = get("/Contacts").first().get("CreateDate").asString();

    Answer patched = patch("/Contacts(" + id + ")?$expand=Phones",
        "{\"Note\":\"from RD\",\"Phones\":[{\"PhoneNumber\":\"2\"}],\"Id\":1,\"CreateDate\":\"x\"}");
    assertThat(patched.status()).isEqualTo(200);
    JsonNode contact = patched.first();
    assertThat(contact.get("Id").asLong()).isEqualTo(id);
    assertThat(contact.get("Name").asString()).isEqualTo("Ana");
    assertThat(contact.get("Email").asString()).isEqualTo("ana@example.com");
    assertThat(contact.get("Note").asString()).isEqualTo("from RD");
    assertThat(contact.get("Phones")).hasSize(1);
    assertThat(contact.get("Phones").get(0).get("PhoneNumber").asString()).isEqualTo("2");
    assertThat(contact.get("CreateDate").asString()).isEqualTo(created);
    assertThat(get("/Contacts?$expand=Phones").first()).isEqualTo(contact);
  }

  @Test
  void patchOfAnAbsentContactIs404() throws Exception {
    Answer answer = patch("/Contacts(499999999)", "{\"Note\":\"x\"}");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.errorMessage()).contains("499999999");
    assertThat(patch("/Contacts(abc)", "{\"Note\":\"x\"}").status()).isEqualTo(400);
  }

  @Test
  void aDealGetsOpenStatusItsPipelineAndDates() throws Exception {
    long contact = createContact("{\"Name\":\"Ana\"}");
    JsonNode deal = post("/Deals", "{\"Title\":\"RD | Ana\",\"ContactId\":" + contact
        + ",\"StageId\":40303848,\"OwnerId\":120001,\"OtherProperties\":[{\"FieldKey\":"
        + "\"deal_7B1E0C1A-0000-4000-8000-00000000A002\",\"BigStringValue\":\"long text\"}]}").first();
    assertThat(deal.get("StatusId").asInt()).isEqualTo(1);
    assertThat(deal.get("PipelineId").asLong()).isEqualTo(40030343);
    assertThat(deal.get("StageId").asLong()).isEqualTo(40303848);
    assertThat(deal.get("CreateDate").asString()).matches(ISO_MILLIS_BRT);
    assertThat(OffsetDateTime.parse(deal.get("CreateDate").asString())).isNotNull();
  }

  @Test
  void aDealWithoutStageLandsInTheFirstStageOfItsPipeline() throws Exception {
    JsonNode deal = post("/Deals", "{\"Title\":\"T\",\"ContactId\":1,\"PipelineId\":40030344}").first();
    assertThat(deal.get("StageId").asLong()).isEqualTo(40303849);
    JsonNode anywhere = post("/Deals", "{\"Title\":\"T\",\"ContactId\":1}").first();
    assertThat(anywhere.get("PipelineId").asLong()).isEqualTo(40030343);
    assertThat(anywhere.get("StageId").asLong()).isEqualTo(40303847);
    JsonNode won = post("/Deals", "{\"Title\":\"T\",\"ContactId\":1,\"StatusId\":2}").first();
    assertThat(won.get("StatusId").asInt()).isEqualTo(2);
  }

  @Test
  void interactionRecordsAreStoredAndReadable() throws Exception {
    Answer created = post("/InteractionRecords",
        "{\"ContactId\":400000001,\"DealId\":500000001,\"Content\":\"Conversão: form-contato\\nUTM: google\"}");
    assertThat(created.status()).isEqualTo(200);
    assertThat(created.first().get("Date").asString()).matches(ISO_MILLIS_BRT);
    Answer notes = get("/InteractionRecords?$filter=" + encode("ContactId eq 400000001"));
    assertThat(notes.json().get("value")).hasSize(1);
    assertThat(notes.first().get("Content").asString()).isEqualTo("Conversão: form-contato\nUTM: google");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "/Contacts           | {}                                                      | Name is required",
      "/Contacts           | {\"Name\":\"  \"}                                       | Name is required",
      "/Contacts           | {\"Name\":\"A\",\"OwnerId\":10001234}                   | OwnerId 10001234 is not a user",
      "/Contacts           | {\"Name\":\"A\",\"OtherProperties\":[{\"FieldKey\":\"deal_7B1E0C1A-0000-4000-8000-00000000A001\",\"StringValue\":\"x\"}]} | belongs to EntityId 2, not to Contacts",
      "/Contacts           | {\"Name\":\"A\",\"OtherProperties\":[{\"FieldKey\":\"contact_nope\",\"StringValue\":\"x\"}]} | 'contact_nope' is not a field",
      "/Contacts           | {\"Name\":\"A\",\"OtherProperties\":[{\"FieldKey\":\"contact_7B1E0C1A-0000-4000-8000-00000000C001\"}]} | needs a value property",
      "/Contacts           | []                                                      | must be a JSON object",
      "/Contacts           | {\"Name\":                                              | not valid JSON",
      "/Deals              | {\"ContactId\":1}                                       | Title is required",
      "/Deals              | {\"Title\":\"T\"}                                       | ContactId is required",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":\"1\"}                   | ContactId must be an integer",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"StageId\":1}         | StageId 1 is not a stage",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"StageId\":40303849,\"PipelineId\":40030343} | StageId 40303849 belongs to pipeline 40030344, not to PipelineId 40030343",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"PipelineId\":9}      | PipelineId 9 is not a pipeline",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"OwnerId\":400000001} | OwnerId 400000001 is not a user",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"StatusId\":7}        | StatusId 7 is not a deal status",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"OtherProperties\":[{\"FieldKey\":\"contact_7B1E0C1A-0000-4000-8000-00000000C001\",\"StringValue\":\"x\"}]} | belongs to EntityId 1, not to Deals",
      "/Contacts           | {\"Name\":\"A\",\"OtherProperties\":[{\"FieldKey\":\"contact_7B1E0C1A-0000-4000-8000-00000000C002\",\"StringValue\":\"x\"}]} | is BigString and takes BigStringValue, not StringValue",
      "/Contacts           | {\"Name\":\"A\",\"OtherProperties\":[{\"FieldKey\":\"contact_7B1E0C1A-0000-4000-8000-00000000C003\",\"BoolValue\":\"true\"}]} | BoolValue of field 'contact_7B1E0C1A-0000-4000-8000-00000000C003' has the wrong type",
      "/Contacts           | {\"Name\":\"A\",\"OtherProperties\":[{\"FieldKey\":\"contact_name\",\"StringValue\":\"x\"}]} | is a native field",
      "/Contacts           | {\"Name\":\"A\",\"Phones\":[{\"PhoneNumber\":\"(11) 3333-0001\",\"TypeId\":99}]} | Phones[0]: TypeId 99 is not a phone type",
      "/Contacts           | {\"Name\":\"A\",\"Phones\":[{\"PhoneNumber\":\"\"}]}                  | Phones[0] must be an object with a non-empty PhoneNumber",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"OtherProperties\":[{\"FieldKey\":\"deal_7B1E0C1A-0000-4000-8000-00000000A006\",\"IntegerValue\":9999}]} | 9999 is not an option of field",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"OtherProperties\":[{\"FieldKey\":\"deal_7B1E0C1A-0000-4000-8000-00000000A006\",\"StringValue\":\"Comercial\"}]} | is an option list and takes IntegerValue, not StringValue",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"OtherProperties\":[{\"FieldKey\":\"deal_7B1E0C1A-0000-4000-8000-00000000A007\",\"IntegerValue\":1.5}]} | IntegerValue of field 'deal_7B1E0C1A-0000-4000-8000-00000000A007' has the wrong type",
      "/Deals              | {\"Title\":\"T\",\"ContactId\":1,\"OtherProperties\":[{\"FieldKey\":\"deal_7B1E0C1A-0000-4000-8000-00000000A005\",\"DateTimeValue\":\"20/05/2024\"}]} | DateTimeValue of field 'deal_7B1E0C1A-0000-4000-8000-00000000A005' has the wrong type",
      "/InteractionRecords | {\"Content\":\"x\"}                                     | ContactId is required",
      "/InteractionRecords | {\"ContactId\":1}                                       | Content is required",
      "/InteractionRecords | {\"ContactId\":1,\"Content\":\"\"}                      | Content is required",
  })
  void invalidWritesAre400WithAMessage(String path, String body, String message) throws Exception {
    Answer answer = post(path, body);
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("error").get("code").asString()).isEqualTo("BadRequest");
    assertThat(answer.errorMessage()).contains(message);
    assertThat(get(path).json().get("value")).as("nothing stored").isEmpty();
  }

  @Test
  void everyValuePropertyOfTheRightTypeIsAccepted() throws Exception {
    Answer deal = post("/Deals?$expand=OtherProperties", """
        {"Title":"T","ContactId":1,"OtherProperties":[
          {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A001","StringValue":"Residencial"},
          {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A002","BigStringValue":"linha 1\\nlinha 2"},
          {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A005","DateTimeValue":"2024-05-20T16:40:12-03:00"},
          {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A006","IntegerValue":9102},
          {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A007","IntegerValue":2},
          {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A008","BoolValue":true},
          {"FieldKey":"deal_7B1E0C1A-0000-4000-8000-00000000A009","DecimalValue":1250.5}]}""");
    assertThat(deal.status()).as(deal.body()).isEqualTo(200);
    assertThat(deal.first().get("OtherProperties")).hasSize(7);
  }

  @Test
  void navigationPropertiesAreServedOnlyWhenExpanded() throws Exception {
    createContact("""
        {"Name":"Ana","Phones":[{"PhoneNumber":"(11) 98888-0001","TypeId":2,"CountryId":76}],
         "OtherProperties":[{"FieldKey":"contact_7B1E0C1A-0000-4000-8000-00000000C001","StringValue":"Varejo"}]}""");
    assertThat(get("/Contacts").first().has("Phones")).isFalse();
    assertThat(get("/Contacts").first().has("OtherProperties")).isFalse();
    assertThat(get("/Contacts?$expand=Phones").first().has("OtherProperties")).isFalse();
    assertThat(get("/Contacts?$expand=Phones,OtherProperties").first().get("OtherProperties")).hasSize(1);
    assertThat(get("/Contacts?$select=Id&$expand=Phones").first().propertyNames()).containsExactlyInAnyOrder("Id", "Phones");

    assertThat(get("/Deals@Pipelines").first().has("Stages")).isFalse();
    assertThat(get("/Deals@Pipelines?$select=Id,Name&$expand=Stages").first().get("Stages")).hasSize(2);
    assertThat(get("/Fields").first().has("Type")).isFalse();
    assertThat(get("/Fields?$expand=Type").first().get("Type").get("NativeType").asString()).isEqualTo("String");
  }

  @Test
  void optionListsAreServedByTable() throws Exception {
    Answer options = get("/Fields@OptionsTables@Options?$filter=" + encode("TableId eq 9001") + "&$select=Id,Name");
    assertThat(options.json().get("value")).extracting(o -> o.get("Name").asString())
        .containsExactly("Residencial", "Comercial", "Industrial");
    assertThat(get("/Fields@OptionsTables@Options?$filter=" + encode("TableId eq 1")).json().get("value")).isEmpty();
  }

  @Test
  void notesCanBeFoundByContactAndAMarkerInTheirContent() throws Exception {
    post("/InteractionRecords", "{\"ContactId\":400000001,\"Content\":\"Conversão\\nID da conversão: rd-1-17\"}");
    post("/InteractionRecords", "{\"ContactId\":400000001,\"Content\":\"Conversão\\nID da conversão: rd-2-17\"}");
    post("/InteractionRecords", "{\"ContactId\":400000002,\"Content\":\"Conversão\\nID da conversão: rd-1-17\"}");
    Answer found = get("/InteractionRecords?$filter="
        + encode("ContactId eq 400000001 and contains(Content,'ID da conversão: rd-1-17')") + "&$select=Id,Content&$top=5");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().get("value")).singleElement()
        .satisfies(n -> assertThat(n.get("Content").asString()).endsWith("rd-1-17"));
  }

  @Test
  void invalidPatchIs400AndChangesNothing() throws Exception {
    long id = createContact("{\"Name\":\"Ana\"}");
    Answer answer = patch("/Contacts(" + id + ")", "{\"Name\":\"\",\"Note\":\"x\"}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(get("/Contacts").first().has("Note")).isFalse();
  }

  @Test
  void unsupportedMethodIs405() throws Exception {
    Answer answer = call("DELETE", "/Contacts", null, KEY);
    assertThat(answer.status()).isEqualTo(405);
    assertThat(answer.json().get("error").get("code").asString()).isEqualTo("MethodNotAllowed");
  }
}
