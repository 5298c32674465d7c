package com.rdploomes.simulator.odata;

/**
 * One lexical unit of a $filter.
 *
 * @param kind     what it is
 * @param text     the source text, for error messages (for strings: the decoded value)
 * @param value    the literal's value (String, BigDecimal, OffsetDateTime), else null
 * @param position 0-based index of its first character
 */
record Token(Kind kind, String text, Object value, int position) {

  enum Kind { OPEN, CLOSE, COMMA, STRING, NUMBER, DATE_TIME, WORD, END }

  boolean isWord(String word) {
    return kind == Kind.WORD && text.equals(word);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "the end of the filter";
      case STRING -> "'" + text.replace("'", "''") + "'";
      default -> "'" + text + "'";
    };
  }
}
