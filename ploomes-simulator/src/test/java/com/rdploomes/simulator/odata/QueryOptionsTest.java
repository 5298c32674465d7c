package com.rdploomes.simulator.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class QueryOptionsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final List<ObjectNode> people = List.of(
      person(1, "Carla", 30, "a"),
      person(2, "Ana", 25, null),
      person(3, "Bruno", 30, "b"),
      person(4, "Ana", 40, "c"));

  private static ObjectNode person(int id, String name, int age, String tag) {
    ObjectNode node = JSON.createObjectNode().put("Id", id).put("Name", name).put("Age", age);
    if (tag != null) {
      node.put("Tag", tag);
    }
    node.putArray("Phones").addObject().put("PhoneNumber", "1199999000" + id);
    return node;
  }

  private static QueryOptions options(String... pairs) {
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      params.put(pairs[i], pairs[i + 1]);
    }
    return QueryOptions.from(params::get);
  }

  private static List<Integer> ids(List<ObjectNode> rows) {
    return rows.stream().map(row -> row.get("Id").asInt()).toList();
  }

  @Test
  void withoutOptionsEverythingInStoreOrder() {
    List<ObjectNode> rows = options().apply(people);
    assertThat(ids(rows)).containsExactly(1, 2, 3, 4);
    assertThat(rows.getFirst().propertyNames()).containsExactly("Id", "Name", "Age", "Tag", "Phones");
  }

  @Test
  void selectKeepsOnlyTheNamedPropertiesAndTheExpandedOnes() {
    assertThat(options("$select", "Id, Name").apply(people).getFirst().propertyNames())
        .containsExactlyInAnyOrder("Id", "Name");
    assertThat(options("$select", "Id", "$expand", "Phones,Owner($select=Id,Name)").apply(people).getFirst()
        .propertyNames()).containsExactlyInAnyOrder("Id", "Phones");
    assertThat(options("$select", "*").apply(people).getFirst().propertyNames()).hasSize(5);
    assertThat(options("$expand", "Phones").apply(people).getFirst().propertyNames()).hasSize(5);
  }

  @Test
  void expandItemsCarryTheirNestedOptions() {
    QueryOptions options = options("$expand",
        "Phones,Deals($select=Id;$filter=PipelineId eq 7 and (StatusId eq 1 or StatusId eq 2);$orderby=Id desc;$top=1),"
            + "Owner/Name");
    assertThat(options.expanded()).containsExactlyInAnyOrder("Phones", "Deals", "Owner");
    assertThat(options.expand().get("Phones")).isEqualTo(QueryOptions.NONE);
    QueryOptions deals = options.expand().get("Deals");
    assertThat(deals.select()).containsExactly("Id");
    assertThat(deals.top()).isEqualTo(1);
    assertThat(deals.orderBy()).containsExactly(new OrderBy(List.of("Id"), true));
    assertThat(deals.filter().test(JSON.readTree("{\"PipelineId\":7,\"StatusId\":2}"))).isTrue();
    assertThat(deals.filter().test(JSON.readTree("{\"PipelineId\":7,\"StatusId\":3}"))).isFalse();
  }

  @Test
  void badNestedOptionsAreRefused() {
    assertThatThrownBy(() -> options("$expand", "Deals($top=1")).hasMessageContaining("not closed with ')'");
    assertThatThrownBy(() -> options("$expand", "Deals(top=1)")).hasMessageContaining("'top=1'");
    assertThatThrownBy(() -> options("$expand", "Deals($top)")).isInstanceOf(ODataSyntaxException.class);
    assertThatThrownBy(() -> options("$expand", "Deals($top=-1)")).hasMessageContaining("$top '-1'");
  }

  @Test
  void projectionNeverChangesTheSource() {
    options("$select", "Id").apply(people);
    assertThat(people.getFirst().has("Name")).isTrue();
  }

  @Test
  void topAndSkip() {
    assertThat(ids(options("$top", "2").apply(people))).containsExactly(1, 2);
    assertThat(ids(options("$skip", "1", "$top", "2").apply(people))).containsExactly(2, 3);
    assertThat(ids(options("$skip", "10").apply(people))).isEmpty();
    assertThat(ids(options("$top", "0").apply(people))).isEmpty();
  }

  @Test
  void orderByOneOrMoreTerms() {
    assertThat(ids(options("$orderby", "Name").apply(people))).containsExactly(2, 4, 3, 1);
    assertThat(ids(options("$orderby", "Age desc").apply(people))).containsExactly(4, 1, 3, 2);
    assertThat(ids(options("$orderby", "Age desc, Name asc").apply(people))).containsExactly(4, 3, 1, 2);
    assertThat(ids(options("$orderby", "Name,Age desc").apply(people))).containsExactly(4, 2, 3, 1);
  }

  @Test
  void nullsSortFirstAscendingAndLastDescending() {
    assertThat(ids(options("$orderby", "Tag").apply(people))).containsExactly(2, 1, 3, 4);
    assertThat(ids(options("$orderby", "Tag desc").apply(people))).containsExactly(4, 3, 1, 2);
  }

  @Test
  void filterThenOrderThenPage() {
    QueryOptions options = options("$filter", "Age ge 30", "$orderby", "Id desc", "$top", "2", "$count", "true");
    assertThat(ids(options.apply(people))).containsExactly(4, 3);
    assertThat(options.matching(people)).hasSize(3);
    assertThat(options.count()).isTrue();
  }

  @Test
  void badOptionsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> options("$top", "-1")).hasMessageContaining("$top '-1'");
    assertThatThrownBy(() -> options("$skip", "x")).hasMessageContaining("$skip 'x'");
    assertThatThrownBy(() -> options("$orderby", "Name sideways")).hasMessageContaining("asc or desc");
    assertThatThrownBy(() -> options("$orderby", "Name,")).isInstanceOf(ODataSyntaxException.class);
    assertThatThrownBy(() -> options("$filter", "Name eq")).hasMessageContaining("$filter");
  }

  @Test
  void projectionOfASingleEntity() {
    JsonNode projected = options("$select", "Id").project(people.getFirst());
    assertThat(projected.toString()).isEqualTo("{\"Id\":1}");
  }
}
