package com.rdploomes.worker.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rdploomes.model.Phone;
import com.rdploomes.worker.ploomes.ContactPhone;

class PhoneFormatterTest {

    /** The simulator's phone types: 2 Celular, 1 Comercial. */
    private static final PhoneFormatter.PhoneTypes TYPES = new PhoneFormatter.PhoneTypes(2, 1);

    private final PhoneFormatter formatter = new PhoneFormatter();

    @ParameterizedTest(name = "{0} ({1}) → {2}")
    @CsvSource(delimiter = '|', value = {
            // landlines and mobiles, with or without +55, area code in parentheses or not
            "+55 (11) 3333-0001     | PERSONAL | (11) 3333-0001  | 1",
            "+55 (11) 98888-0001    | MOBILE   | (11) 98888-0001 | 2",
            "11 98888 0001          | MOBILE   | (11) 98888-0001 | 2",
            "21 3333 4444           | PERSONAL | (21) 3333-4444  | 1",
            "11999999999            | PERSONAL | (11) 99999-9999 | 2",
            "(31) 3222-0101         | PERSONAL | (31) 3222-0101  | 1",
            "+55 31 97777-0101      | MOBILE   | (31) 97777-0101 | 2",
            "5511988880001          | MOBILE   | (11) 98888-0001 | 2",
            "0xx11 98888-0001       | MOBILE   | (11) 98888-0001 | 2",
            "(011) 3333-0001        | MOBILE   | (11) 3333-0001  | 1",
            // a mobile written without its ninth digit gets it; a landline stays a landline
            "(11) 8888-0001         | MOBILE   | (11) 98888-0001 | 2",
            "+55 48 9999-9999       | PERSONAL | (48) 99999-9999 | 2",
            "(11) 3333-000          | PERSONAL | (11) 3333-000   | 1",
            // the type follows the number, not the RD field it came in
            "(11) 3333-0001         | MOBILE   | (11) 3333-0001  | 1",
            "(11) 98888-0001        | PERSONAL | (11) 98888-0001 | 2",
            // unparseable: kept as sent, typed by the RD field
            "12345                  | PERSONAL | 12345           | 1",
            "ramal 22               | MOBILE   | ramal 22        | 2"})
    void brazilianNumbersAreFormattedAndTyped(String raw, Phone.Kind kind, String expected, int type) {
        assertThat(formatter.format(List.of(new Phone(kind, raw)), TYPES))
                .containsExactly(new ContactPhone(expected, type, ContactPhone.BRAZIL));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"+1 650-253-0000 | +1 650-253-0000", "+351 912 345 678 | +351 912 345 678"})
    void foreignNumbersKeepTheirCountryAndAreNotSaidToBeBrazilian(String raw, String expected) {
        assertThat(formatter.format(List.of(new Phone(Phone.Kind.MOBILE, raw)), TYPES)).singleElement()
                .satisfies(phone -> {
                    assertThat(phone.phoneNumber()).isEqualTo(expected);
                    assertThat(phone.countryId()).isNull();
                });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\\N", "' '", "''", "' \\N '"})
    void placeholdersAndBlanksAreDropped(String raw) {
        assertThat(formatter.format(List.of(new Phone(Phone.Kind.MOBILE, raw)), TYPES)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"+55 (11) 98888-0001 | 11988880001", "(11) 8888-0001 | 11 98888 0001"})
    void theSameNumberTwiceIsSentOnce(String a, String b) {
        assertThat(formatter.format(List.of(new Phone(Phone.Kind.PERSONAL, a), new Phone(Phone.Kind.MOBILE, b)), TYPES))
                .hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"(11) 98888-0001", "(11) 3333-0001"})
    void withoutConfiguredTypesNoTypeIdIsSent(String raw) {
        assertThat(formatter.format(List.of(new Phone(Phone.Kind.MOBILE, raw)), PhoneFormatter.PhoneTypes.NONE))
                .singleElement().satisfies(phone -> assertThat(phone.typeId()).isNull());
    }


}
