package com.rdploomes.receiver.webhook;

import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** RFC 9457 answers: type, title, status, detail, and the refusal reason that the metrics use. */
final class Problems {

    private Problems() {
    }

    static ProblemDetail of(Refusal refusal, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(refusal.status, detail);
        problem.setType(refusal.type());
        problem.setTitle(refusal.title);
        problem.setProperty("reason", refusal.reason);
        return problem;
    }

    static ResponseEntity.BodyBuilder builder(Refusal refusal) {
        // set explicitly: the type must not depend on the sender's Accept header
        return ResponseEntity.status(refusal.status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
