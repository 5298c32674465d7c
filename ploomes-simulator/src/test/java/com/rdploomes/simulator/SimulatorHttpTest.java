package com.rdploomes.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Base of the tests that talk to a running simulator over real HTTP, as its clients do. Every
 * test starts from an empty store, no faults, no stats and the default settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class SimulatorHttpTest {

  protected static final String KEY = "test-key";

  @LocalServerPort
  protected int port;

  @Autowired
  protected ObjectMapper mapper;

  // HTTP/1.1 explicitly: the default would try an h2c upgrade first, which is not what clients do.
  protected final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5))
      .build();

  /** An answer, with its body parsed when it is JSON. */
  public record Answer(int status, HttpHeaders headers, String body, JsonNode json) {

    public JsonNode first() {
      return json.get("value").get(0);
    }

    public String errorMessage() {
      return json.get("error").get("message").asString();
    }
  }

  @BeforeEach
  void startClean() throws Exception {
    control("POST", "/_simulator/reset", null);
    control("PUT", "/_simulator/settings", "{\"latencyMs\":0,\"ratePerMinute\":0,\"contactDeals\":true}");
  }

  protected Answer get(String pathAndQuery) throws IOException, InterruptedException {
    return call("GET", pathAndQuery, null, KEY);
  }

  protected Answer post(String pathAndQuery, String json) throws IOException, InterruptedException {
    return call("POST", pathAndQuery, json, KEY);
  }

  protected Answer patch(String pathAndQuery, String json) throws IOException, InterruptedException {
    return call("PATCH", pathAndQuery, json, KEY);
  }

  protected Answer control(String method, String path, String json) throws IOException, InterruptedException {
    return call(method, path, json, null);
  }

  /** Sends a call; {@code userKey} null sends no User-Key header. */
  protected Answer call(String method, String pathAndQuery, String json, String userKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(20))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    if (userKey != null) {
      request.header("User-Key", userKey);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String contentType = response.headers().firstValue("Content-Type").orElse("");
    JsonNode parsed = contentType.contains("json") ? mapper.readTree(response.body()) : null;
    return new Answer(response.statusCode(), response.headers(), response.body(), parsed);
  }

  protected URI uri(String pathAndQuery) {
    return URI.create("http://localhost:" + port + pathAndQuery);
  }

  /** Percent-encodes a query value as clients do (spaces as %20, not +). */
  protected static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Creates a contact and answers its Id. */
  protected long createContact(String json) throws Exception {
    Answer created = post("/Contacts", json);
    if (created.status() != 200) {
      throw new AssertionError("contact not created: " + created.body());
    }
    return created.first().get("Id").asLong();
  }
}
