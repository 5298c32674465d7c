package com.rdploomes.receiver.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookTokenTest {

    @Test
    void acceptsOnlyTheSecretFromAnyOfThePresentedPlaces() {
        WebhookToken token = WebhookToken.required("s3cret-Token");
        assertThat(token.isRequired()).isTrue();
        assertThat(token.accepts("s3cret-Token", null)).isTrue();
        assertThat(token.accepts(null, "s3cret-Token")).isTrue();
        assertThat(token.accepts("wrong", "s3cret-Token")).isTrue();
        assertThat(token.accepts(null, null)).isFalse();
        assertThat(token.accepts("s3cret-token", null)).isFalse();
        assertThat(token.accepts("s3cret-Token ", null)).isFalse();
        assertThat(token.accepts("s3cret-Token-longer", "")).isFalse();
    }

    @Test
    void configuredSecretIsTrimmedSoATrailingNewlineInTheEnvDoesNotLockEveryoneOut() {
        assertThat(WebhookToken.required("  abc\n").accepts("abc")).isTrue();
    }

    @Test
    void missingSecretRefusesToBuild() {
        assertThatThrownBy(() -> WebhookToken.required(null)).isInstanceOf(MissingWebhookTokenException.class)
                .hasMessageContaining("WEBHOOK_TOKEN").hasMessageContaining("WEBHOOK_AUTH=disabled");
        assertThatThrownBy(() -> WebhookToken.required("  ")).isInstanceOf(MissingWebhookTokenException.class);
    }

    @Test
    void disabledAcceptsAnything() {
        WebhookToken token = WebhookToken.disabled();
        assertThat(token.isRequired()).isFalse();
        assertThat(token.accepts(null, null)).isTrue();
    }
}
