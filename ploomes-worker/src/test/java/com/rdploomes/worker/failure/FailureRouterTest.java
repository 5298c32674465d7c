package com.rdploomes.worker.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FailureRouterTest {

    @Test
    void shortDetailsAreKept() {
        assertThat(FailureRouter.bounded("POST /Deals answered 400")).isEqualTo("POST /Deals answered 400");
        assertThat(FailureRouter.bounded(null)).isEmpty();
    }

    @Test
    void longDetailsAreCutWithinTheByteBudgetWithoutSplittingCharacters() {
        String huge = "ação 😀 ".repeat(10_000);
        String bounded = FailureRouter.bounded(huge);
        assertThat(bounded.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FailureRouter.MAX_DETAIL_BYTES);
        assertThat(bounded).endsWith("…").startsWith("ação 😀");
        assertThat(new String(bounded.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(bounded);
    }
}
