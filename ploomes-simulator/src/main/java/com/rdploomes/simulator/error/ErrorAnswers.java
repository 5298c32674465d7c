package com.rdploomes.simulator.error;

import com.rdploomes.simulator.odata.ODataSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/** Every refusal, Ploomes call or control call, answers with the same {@link ErrorBody} shape. */
@RestControllerAdvice
class ErrorAnswers {

  private static final Logger log = LoggerFactory.getLogger(ErrorAnswers.class);

  @ExceptionHandler
  ResponseEntity<ErrorBody> refused(SimulatorException e) {
    return answer(e.status(), e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<ErrorBody> badQuery(ODataSyntaxException e) {
    return answer(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<ErrorBody> unreadableBody(HttpMessageNotReadableException e) {
    return answer(HttpStatus.BAD_REQUEST, "The request body is not valid JSON: " + rootMessage(e));
  }

  /** A control body that is JSON but does not fit the expected record (wrong type of a field). */
  @ExceptionHandler
  ResponseEntity<ErrorBody> unmappableBody(JacksonException e) {
    return answer(HttpStatus.BAD_REQUEST, "The request body does not fit: " + e.getOriginalMessage());
  }

  @ExceptionHandler
  ResponseEntity<ErrorBody> noSuchPath(NoResourceFoundException e) {
    return answer(HttpStatus.NOT_FOUND, "No resource at /" + e.getResourcePath());
  }

  @ExceptionHandler
  ResponseEntity<ErrorBody> wrongMethod(HttpRequestMethodNotSupportedException e) {
    return answer(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not supported here");
  }

  @ExceptionHandler
  ResponseEntity<ErrorBody> wrongMediaType(HttpMediaTypeNotSupportedException e) {
    return answer(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
  }

  /** {@code Contacts(abc)}: the key is not a number. */
  @ExceptionHandler
  ResponseEntity<ErrorBody> wrongType(TypeMismatchException e) {
    return answer(HttpStatus.BAD_REQUEST, "'" + e.getValue() + "' is not a valid " + e.getPropertyName());
  }

  /** Spring's other request errors carry their status; anything else is a simulator bug. */
  @ExceptionHandler
  ResponseEntity<ErrorBody> other(Exception e) {
    if (e instanceof ErrorResponse known) {
      HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
      return answer(status, String.valueOf(known.getBody().getDetail()));
    }
    log.error("Unexpected failure", e);
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, "Simulator failure: " + e);
  }

  private static ResponseEntity<ErrorBody> answer(HttpStatus status, String message) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(ErrorBody.of(ErrorBody.codeFor(status.value()), message));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root instanceof JacksonException jackson ? jackson.getOriginalMessage() : String.valueOf(root.getMessage());
  }
}
