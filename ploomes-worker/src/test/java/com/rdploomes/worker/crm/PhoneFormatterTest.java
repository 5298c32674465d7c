package com.rdploomes.worker.crm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.rdploomes.model.Phone;
import com.rdploomes.worker.ploomes.ContactPhone;

class PhoneFormatterTest {

    private final PhoneFormatter formatter = new PhoneFormatter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "+55 (11) 3333-0001 | (11) 3333-0001",
            "+55 (11) 98888-0001 | (11) 98888-0001",
            "11 98888 0001 | (11) 98888-0001",
            "21 3333 4444 | (21) 3333-4444",
            "11999999999 | (11) 99999-9999",
            "(31) 3222-0101 | (31) 3222-0101",
            "+55 31 97777-0101 | (31) 97777-0101",
            "+1 650-253-0000 | +1 650-253-0000",
            "12345 | 12345"})
    void formatsWhatItCanAndKeepsTheRest(String raw, String expected) {
        assertThat(formatter.format(List.of(new Phone(Phone.Kind.MOBILE, raw))))
                .containsExactly(new ContactPhone(expected, null, ContactPhone.BRAZIL));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\\N", "' '"})
    void placeholdersAndBlanksAreDropped(String raw) {
        assertThat(formatter.format(List.of(new Phone(Phone.Kind.MOBILE, raw)))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"+55 (11) 98888-0001 | 11988880001"})
    void theSameNumberTwiceIsSentOnce(String a, String b) {
        assertThat(formatter.format(List.of(new Phone(Phone.Kind.PERSONAL, a), new Phone(Phone.Kind.MOBILE, b))))
                .hasSize(1);
    }
}
