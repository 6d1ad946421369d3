package com.fxbank.common.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The one way an FxBank endpoint answers a refusal: an RFC 9457 problem with its status and what is wrong. */
public final class Problems {

    private Problems() {
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
