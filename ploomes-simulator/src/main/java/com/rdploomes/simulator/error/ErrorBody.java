package com.rdploomes.simulator.error;

import org.springframework.http.HttpStatus;

/**
 * The OData-style error body the simulator answers with: {@code {"error":{"code":…,"message":…}}}.
 * The real API's error shape is not confirmed (ploomes-api.md §6); this is the shape clients parse
 * first, so the project's client is exercised on it.
 */
public record ErrorBody(Detail error) {

  public record Detail(String code, String message) {}

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, message));
  }

  /** The OData code for an HTTP status: its reason in PascalCase, e.g. 503 → ServiceUnavailable. */
  public static String codeFor(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    if (known == null) {
      return "Error";
    }
    StringBuilder code = new StringBuilder();
    for (String word : known.name().split("_")) {
      code.append(word.charAt(0)).append(word.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return code.toString();
  }
}
