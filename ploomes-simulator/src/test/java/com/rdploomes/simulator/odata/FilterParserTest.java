package com.rdploomes.simulator.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FilterParserTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static JsonNode entity(String json) {
    return JSON.readTree(json.replace('`', '"'));
  }

  private static boolean matches(String filter, String entityJson) {
    return Filter.parse(filter).test(entity(entityJson));
  }

  @Nested
  class Strings {

    @Test
    void equalityIsExactAndCaseSensitive() {
      assertThat(matches("Email eq 'maria@example.com'", "{`Email`:`maria@example.com`}")).isTrue();
      assertThat(matches("Email eq 'Maria@example.com'", "{`Email`:`maria@example.com`}")).isFalse();
      assertThat(matches("Email eq 'maria@example.com '", "{`Email`:`maria@example.com`}")).isFalse();
    }

    @Test
    void doubledQuoteIsOneQuote() {
      assertThat(matches("Email eq 'o''brien@example.com'", "{`Email`:`o'brien@example.com`}")).isTrue();
      assertThat(matches("Email eq 'o''brien@example.com'", "{`Email`:`obrien@example.com`}")).isFalse();
      assertThat(matches("Name eq ''''", "{`Name`:`'`}")).isTrue();
      assertThat(matches("Name eq ''", "{`Name`:``}")).isTrue();
    }

    @Test
    void operatorWordsInsideStringsAreText() {
      assertThat(matches("Name eq 'a and b or not c eq d'", "{`Name`:`a and b or not c eq d`}")).isTrue();
      assertThat(matches("Name eq '(x)'", "{`Name`:`(x)`}")).isTrue();
    }

    @Test
    void orderingIsOrdinal() {
      assertThat(matches("Name gt 'Ana'", "{`Name`:`Bruno`}")).isTrue();
      assertThat(matches("Name lt 'Ana'", "{`Name`:`Bruno`}")).isFalse();
      assertThat(matches("Name ge 'Bruno'", "{`Name`:`Bruno`}")).isTrue();
      assertThat(matches("Name le 'Bruna'", "{`Name`:`Bruno`}")).isFalse();
    }

    @Test
    void aStringNeverEqualsANumber() {
      assertThat(matches("Code eq 5", "{`Code`:`5`}")).isFalse();
      assertThat(matches("Code ne 5", "{`Code`:`5`}")).isTrue();
      assertThat(matches("Code gt 1", "{`Code`:`5`}")).isFalse();
    }
  }

  @Nested
  class Numbers {

    @Test
    void intLongAndDecimalCompareNumerically() {
      assertThat(matches("StatusId eq 1", "{`StatusId`:1}")).isTrue();
      assertThat(matches("StatusId eq 1.0", "{`StatusId`:1}")).isTrue();
      assertThat(matches("Amount eq 20", "{`Amount`:20.00}")).isTrue();
      assertThat(matches("Id eq 5000000001", "{`Id`:5000000001}")).isTrue();
      assertThat(matches("Id eq 5000000002", "{`Id`:5000000001}")).isFalse();
      assertThat(matches("Id eq 400000001", "{`Id`:400000001}")).isTrue();
    }

    @Test
    void comparisons() {
      assertThat(matches("Amount gt 10", "{`Amount`:10.5}")).isTrue();
      assertThat(matches("Amount gt 10.5", "{`Amount`:10.5}")).isFalse();
      assertThat(matches("Amount ge 10.5", "{`Amount`:10.5}")).isTrue();
      assertThat(matches("Amount lt 11", "{`Amount`:10.5}")).isTrue();
      assertThat(matches("Amount le 10.49", "{`Amount`:10.5}")).isFalse();
      assertThat(matches("Amount gt -1", "{`Amount`:0}")).isTrue();
      assertThat(matches("Amount lt -1.5", "{`Amount`:-2}")).isTrue();
    }
  }

  @Nested
  class NullsAndAbsence {

    @Test
    void absentPropertyIsNull() {
      assertThat(matches("OwnerId eq null", "{`Name`:`x`}")).isTrue();
      assertThat(matches("OwnerId eq null", "{`OwnerId`:null}")).isTrue();
      assertThat(matches("OwnerId eq null", "{`OwnerId`:120001}")).isFalse();
      assertThat(matches("OwnerId ne null", "{`OwnerId`:120001}")).isTrue();
      assertThat(matches("OwnerId ne null", "{}")).isFalse();
    }

    @Test
    void absentIsNotEqualToAValueButIsUnequal() {
      assertThat(matches("OwnerId eq 5", "{}")).isFalse();
      assertThat(matches("OwnerId ne 5", "{}")).isTrue();
    }

    @Test
    void orderingWithNullIsFalse() {
      assertThat(matches("Amount gt 0", "{}")).isFalse();
      assertThat(matches("Amount lt 0", "{}")).isFalse();
      assertThat(matches("Amount le null", "{`Amount`:null}")).isFalse();
    }
  }

  @Nested
  class Booleans {

    @Test
    void literalsAndBareProperties() {
      assertThat(matches("Dynamic eq true", "{`Dynamic`:true}")).isTrue();
      assertThat(matches("Dynamic eq false", "{`Dynamic`:true}")).isFalse();
      assertThat(matches("Dynamic ne false", "{`Dynamic`:true}")).isTrue();
      assertThat(matches("Dynamic", "{`Dynamic`:true}")).isTrue();
      assertThat(matches("Dynamic", "{`Dynamic`:false}")).isFalse();
      assertThat(matches("Dynamic and EntityId eq 2", "{`Dynamic`:true,`EntityId`:2}")).isTrue();
    }
  }

  @Nested
  class Logic {

    @Test
    void andBindsTighterThanOr() {
      // A or (B and C): true for A alone; ((A or B) and C) would be false.
      assertThat(matches("A eq 1 or B eq 2 and C eq 3", "{`A`:1,`B`:0,`C`:0}")).isTrue();
      assertThat(matches("B eq 2 and C eq 3 or A eq 1", "{`A`:1,`B`:0,`C`:0}")).isTrue();
      assertThat(matches("A eq 1 or B eq 2 and C eq 3", "{`A`:0,`B`:2,`C`:0}")).isFalse();
    }

    @Test
    void parenthesesOverridePrecedence() {
      assertThat(matches("(A eq 1 or B eq 2) and C eq 3", "{`A`:1,`B`:0,`C`:0}")).isFalse();
      assertThat(matches("(A eq 1 or B eq 2) and C eq 3", "{`A`:1,`B`:0,`C`:3}")).isTrue();
      assertThat(matches("((A eq 1))", "{`A`:1}")).isTrue();
    }

    @Test
    void theWorkersOpenDealQuery() {
      String filter = "(ContactId eq 401234567 or PersonId eq 401234567) and PipelineId eq 40030343 and StatusId eq 1";
      assertThat(matches(filter, "{`ContactId`:401234567,`PipelineId`:40030343,`StatusId`:1}")).isTrue();
      assertThat(matches(filter, "{`ContactId`:1,`PersonId`:401234567,`PipelineId`:40030343,`StatusId`:1}")).isTrue();
      assertThat(matches(filter, "{`ContactId`:401234567,`PipelineId`:40030343,`StatusId`:2}")).isFalse();
      assertThat(matches(filter, "{`ContactId`:401234567,`PipelineId`:40030344,`StatusId`:1}")).isFalse();
      assertThat(matches(filter, "{`ContactId`:401234568,`PipelineId`:40030343,`StatusId`:1}")).isFalse();
    }

    @Test
    void not() {
      assertThat(matches("not (A eq 1)", "{`A`:1}")).isFalse();
      assertThat(matches("not A eq 1", "{`A`:2}")).isTrue();
      assertThat(matches("not not A eq 1", "{`A`:1}")).isTrue();
      assertThat(matches("not A eq 1 and B eq 1", "{`A`:2,`B`:1}")).isTrue();
      assertThat(matches("not (A eq 1 or B eq 1)", "{`A`:2,`B`:1}")).isFalse();
    }

    @Test
    void whitespaceIsFree() {
      assertThat(matches("  (A eq 1)and(B eq 2)  ", "{`A`:1,`B`:2}")).isTrue();
      assertThat(matches("A eq\t1", "{`A`:1}")).isTrue();
    }
  }

  @Nested
  class PathsFunctionsAndDates {

    @Test
    void nestedProperty() {
      assertThat(matches("Type/NativeType eq 'String'", "{`Type`:{`Id`:1,`NativeType`:`String`}}")).isTrue();
      assertThat(matches("Type/NativeType eq 'String'", "{`Type`:null}")).isFalse();
    }

    @Test
    void nonScalarValuesNeverEqual() {
      assertThat(matches("Phones eq null", "{`Phones`:[]}")).isFalse();
      assertThat(matches("Phones ne null", "{`Phones`:[]}")).isTrue();
    }

    @Test
    void stringFunctions() {
      assertThat(matches("contains(Email,'@example')", "{`Email`:`a@example.com`}")).isTrue();
      assertThat(matches("contains(Email,'@other')", "{`Email`:`a@example.com`}")).isFalse();
      assertThat(matches("startswith(Name,'Ma')", "{`Name`:`Maria`}")).isTrue();
      assertThat(matches("endswith(Name,'ia')", "{`Name`:`Maria`}")).isTrue();
      assertThat(matches("tolower(Email) eq 'maria@x.com'", "{`Email`:`Maria@X.com`}")).isTrue();
      assertThat(matches("contains(Email,'x')", "{}")).isFalse();
      assertThat(matches("length(Name) eq 5", "{`Name`:`Maria`}")).isTrue();
    }

    @Test
    void dateTimeLiteralsCompareAsInstants() {
      String entity = "{`LastUpdateDate`:`2025-10-01T12:00:00.000-03:00`}";
      assertThat(matches("LastUpdateDate gt 2025-10-01T14:59:59Z", entity)).isTrue();
      assertThat(matches("LastUpdateDate eq 2025-10-01T15:00:00Z", entity)).isTrue();
      assertThat(matches("LastUpdateDate lt 2025-10-01T00:00:00-03:00", entity)).isFalse();
      assertThat(matches("LastUpdateDate gt 2025-10-01T00:00:00-03:00", "{`LastUpdateDate`:`not a date`}")).isFalse();
    }

    @Test
    void propertiesCanBeComparedWithEachOther() {
      assertThat(matches("ContactId eq PersonId", "{`ContactId`:7,`PersonId`:7}")).isTrue();
      assertThat(matches("1 eq A", "{`A`:1}")).isTrue();
    }
  }

  @Nested
  class SyntaxErrors {

    @ParameterizedTest(name = "[{0}] → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "Email eq                      | position 9: expected a value or a property but found the end",
        "Email eq 'x                   | position 10: the string starting here is not closed",
        "(A eq 1                       | position 8: expected ')' to close the '(' at position 1",
        "A eq 1 B eq 2                 | position 8: expected 'and', 'or' or the end of the filter but found 'B'",
        "A EQ 1                        | position 3: expected a comparison operator",
        "A eq 1 and                    | position 11: expected a value or a property",
        "A eq 1 or or B eq 1           | position 11: expected a value or a property but found 'or'",
        "Phones/any(p: p/X eq 1)       | position 1: lambda operators",
        "frobnicate(A) eq 1            | position 1: unknown function 'frobnicate'",
        "A eq 5abc                     | position 6: '5a…' is not a number",
        "A eq #                        | position 6: unexpected character '#'",
        "'x'                           | position 4: expected a comparison operator",
        "contains(A) eq true           | position 1: 'contains' takes 2 argument(s), not 1",
        "D gt 2025-13-45T00:00:00Z     | position 6: '2025-13-45T00:00:00Z' is not a date-time",
        "A eq 1)                       | position 7: expected 'and', 'or' or the end",
        "A eq eq                       | position 6: expected a value or a property but found 'eq'",
    })
    void namePositionAndProblem(String filter, String expected) {
      assertThatThrownBy(() -> Filter.parse(filter))
          .isInstanceOf(ODataSyntaxException.class)
          .hasMessageStartingWith("Invalid $filter at ")
          .hasMessageContaining(expected);
    }

    @Test
    void emptyFilterIsRefused() {
      for (String blank : List.of("", "   ")) {
        assertThatThrownBy(() -> Filter.parse(blank)).hasMessageContaining("empty");
      }
    }
  }
}
