package com.rdploomes.worker.ploomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class PloomesPropertiesTest {

    private static PloomesProperties with(String url, String key, Long pipeline, Long stage, Long owner, Long person) {
        return new PloomesProperties(URI.create(url), key, pipeline, stage, owner, person, null, 100,
                Duration.ofSeconds(5), Duration.ofSeconds(20), 3, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    void theReplacedSystemsEnvKeepsWorking() {
        PloomesProperties legacy = with("https://api2-s13-app.ploomes.com/", "k", 40030343L, 40303847L, null, 120001L);
        assertThat(legacy.apiUrl()).hasToString("https://api2-s13-app.ploomes.com");
        assertThat(legacy.dealOwnerId()).isEqualTo(120001L);
        assertThat(with("https://x", "k", 1L, 2L, 5L, 6L).dealOwnerId()).isEqualTo(5L);
    }

    @Test
    void missingSettingsAreNamedByTheirVariable() {
        assertThatThrownBy(() -> with("https://x", " ", 1L, 2L, null, null)).hasMessageContaining("PLOOMES_API_KEY");
        assertThatThrownBy(() -> with("https://x", "k", null, 2L, null, null)).hasMessageContaining("PLOOMES_PIPELINE_ID");
        assertThatThrownBy(() -> with("https://x", "k", 1L, null, null, null)).hasMessageContaining("PLOOMES_STAGE_ID");
        assertThatThrownBy(() -> with("https://x", null, null, null, null, null))
                .hasMessageContainingAll("PLOOMES_API_KEY", "PLOOMES_PIPELINE_ID", "PLOOMES_STAGE_ID");
    }

    @Test
    void theKeyNeverShowsInToString() {
        assertThat(with("https://x", "super-secret-key", 1L, 2L, null, null).toString())
                .doesNotContain("super-secret-key").contains("apiKey=***");
    }
}
