package com.rdploomes.receiver.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import com.rdploomes.receiver.WebhookReceiverApplication;

@ExtendWith(OutputCaptureExtension.class)
class MissingTokenStartupTest {

    @Test
    void refusesToStartWithoutATokenAndSaysWhatToDo(CapturedOutput output) {
        // command-line arguments outrank any WEBHOOK_TOKEN / WEBHOOK_AUTH set on the machine running the tests
        assertThatThrownBy(() -> new SpringApplicationBuilder(WebhookReceiverApplication.class)
                .run("--server.port=0", "--rd-ploomes.webhook.token=", "--rd-ploomes.webhook.auth=required",
                        "--rd-ploomes.spool.max-bytes=0"))
                .hasRootCauseInstanceOf(MissingWebhookTokenException.class);
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("WEBHOOK_TOKEN is not set")
                .contains("WEBHOOK_AUTH=disabled");
    }
}
