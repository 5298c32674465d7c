package com.rdploomes.worker.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.annotation.DirtiesContext;

import com.rdploomes.worker.WorkerTestSettings;
import com.rdploomes.model.TestBroker;
import com.rdploomes.worker.admin.deadletters.DeadLetterQueue;

/** Without ADMIN_TOKEN there is no admin API or page at all, and the worker says so when it starts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
// closed after the class, so that nothing redeclares the topology its @AfterAll deletes
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AdminOffTest {

    private static final DeadLetterQueue QUEUES = DeadLetterQueue.create("adminoff");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestBroker.get().springProperties().forEach((k, v) -> registry.add(k, () -> v));
        registry.add("rd-ploomes.topology.prefix", () -> QUEUES.topology().prefix());
        registry.add("rd-ploomes.topology.retry-delays", () -> "30s");
        WorkerTestSettings.ploomes(registry, () -> "http://127.0.0.1:9");
        // no Ploomes here: without this the worker waits for its startup checks and health says so (503)
        registry.add("rd-ploomes.account-check.enabled", () -> "false");
        registry.add("ploomes.pipeline-id", () -> "1");
        registry.add("ploomes.stage-id", () -> "2");
        registry.add("rd-ploomes.admin.token", () -> "   ");
        registry.add("rd-ploomes.admin.survey-interval", () -> "0s");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void leaveTheBrokerAsFound(@Autowired RabbitListenerEndpointRegistry listeners) {
        listeners.stop();
        QUEUES.close();
    }

    @Test
    void theAdminSurfacesDoNotExistAndTheStartSaysWhy(CapturedOutput output) throws Exception {
        for (String path : new String[] {"/admin", "/admin/dead-letters", "/admin/status"}) {
            HttpResponse<String> response = get(path, "Bearer anything");
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(output.getAll()).contains("admin API and page are off: ADMIN_TOKEN is not set");
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
