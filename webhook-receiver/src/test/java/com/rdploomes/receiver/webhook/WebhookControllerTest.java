package com.rdploomes.receiver.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The controller's small decisions; the whole request path is covered by WebhookEndpointTest. */
class WebhookControllerTest {

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON;charset=ISO-8859-1",
        "application/vnd.rd+json", ""})
    void jsonTypesAndAMissingTypeAreJson(String type) {
        assertThat(WebhookController.isJson(type)).isTrue();
        assertThat(WebhookController.isJson(null)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "text/json", "application/jsonp", "*/*", "garbage"})
    void otherTypesAreNot(String type) {
        assertThat(WebhookController.isJson(type)).isFalse();
    }

    @Test
    void queryParameterIsDecodedAndFirstWins() {
        assertThat(WebhookController.queryParameter("token=a%2Bb%20c&x=1", "token")).isEqualTo("a+b c");
        assertThat(WebhookController.queryParameter("x=1&token=first&token=second", "token")).isEqualTo("first");
        assertThat(WebhookController.queryParameter("token", "token")).isEmpty();
        assertThat(WebhookController.queryParameter("tokens=a", "token")).isNull();
        assertThat(WebhookController.queryParameter("token=%zz", "token")).isNull();
        assertThat(WebhookController.queryParameter(null, "token")).isNull();
    }
}
