package com.rdploomes.simulator.odata;

/** A query option the simulator cannot read; answered as 400 with this message. */
public class ODataSyntaxException extends RuntimeException {

  public ODataSyntaxException(String message) {
    super(message);
  }

  /** A $filter problem at a character position, reported 1-based as people count columns. */
  static ODataSyntaxException at(int index, String problem) {
    return new ODataSyntaxException("Invalid $filter at position " + (index + 1) + ": " + problem);
  }
}
