package com.rdploomes.simulator.error;

import org.springframework.http.HttpStatus;

/** A request the simulator refuses, answered as an {@link ErrorBody} with the given status. */
public class SimulatorException extends RuntimeException {

  private final HttpStatus status;

  public SimulatorException(HttpStatus status, String message) {
    super(message);
    this.status = status;
  }

  public static SimulatorException badRequest(String message) {
    return new SimulatorException(HttpStatus.BAD_REQUEST, message);
  }

  public static SimulatorException notFound(String message) {
    return new SimulatorException(HttpStatus.NOT_FOUND, message);
  }

  public HttpStatus status() {
    return status;
  }
}
