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

    @Test
    void freeTextLosesItsEmailsAndPhonesButKeepsTheRest() {
        String ploomesError = "{\"error\":\"Contato ana.exemplo@example.com com telefone +55 (11) 98888-0001 já existe; Id 401234\"}";
        assertThat(Masking.text(ploomesError))
                .isEqualTo("{\"error\":\"Contato a***@example.com com telefone ***0001 já existe; Id 401234\"}");
        assertThat(Masking.text("POST /Deals answered 400: StageId 40303847 inválido"))
                .isEqualTo("POST /Deals answered 400: StageId 40303847 inválido");
        assertThat(Masking.text("ligar 3333-0001 ou 11999999999 ou 98888-0001"))
                .isEqualTo("ligar ***0001 ou ***9999 ou ***0001");
        assertThat(Masking.text(null)).isNull();
        assertThat(Masking.text("status 503 at 2026-12-03")).isEqualTo("status 503 at 2026-12-03");
    }
}
