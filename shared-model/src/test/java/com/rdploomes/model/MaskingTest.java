package com.rdploomes.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaskingTest {

    @Test
    void emailsKeepTheFirstLetterAndTheDomain() {
        assertThat(Masking.email("ana.exemplo@example.com")).isEqualTo("a***@example.com");
        assertThat(Masking.email(" b@x.io ")).isEqualTo("b***@x.io");
        assertThat(Masking.email("not-an-email")).isEqualTo("***");
        assertThat(Masking.email(null)).isEqualTo("-");
    }

    @Test
    void phonesKeepTheLastFourDigits() {
        assertThat(Masking.phone("+55 (11) 98888-0001")).isEqualTo("***0001");
        assertThat(Masking.phone("123")).isEqualTo("***");
    }
}
