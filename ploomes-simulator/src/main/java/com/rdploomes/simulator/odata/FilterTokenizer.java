package com.rdploomes.simulator.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Splits a $filter into {@link Token}s on demand, so that the parser reports the first problem in
 * reading order (an unsupported construct is named before any odd character after it).
 */
final class FilterTokenizer {

  private final String text;
  private int index;

  FilterTokenizer(String text) {
    this.text = text;
  }

  /** The next token; {@link Token.Kind#END} at the end, as often as asked. */
  Token nextToken() {
    skipSpaces();
    if (index >= text.length()) {
      return new Token(Token.Kind.END, "", null, index);
    }
    return next();
  }

  private void skipSpaces() {
    while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
      index++;
    }
  }

  private Token next() {
    int start = index;
    char c = text.charAt(index);
    switch (c) {
      case '(' -> {
        index++;
        return new Token(Token.Kind.OPEN, "(", null, start);
      }
      case ')' -> {
        index++;
        return new Token(Token.Kind.CLOSE, ")", null, start);
      }
      case ',' -> {
        index++;
        return new Token(Token.Kind.COMMA, ",", null, start);
      }
      case '\'' -> {
        return string();
      }
      default -> {
        if (isDigit(c) || (c == '-' && index + 1 < text.length() && isDigit(text.charAt(index + 1)))) {
          return looksLikeDate() ? dateTime() : number();
        }
        if (Character.isLetter(c) || c == '_') {
          return word();
        }
        throw ODataSyntaxException.at(start, "unexpected character '" + c + "'");
      }
    }
  }

  /** A quoted string; OData escapes a quote inside by doubling it ({@code 'o''brien'}). */
  private Token string() {
    int start = index;
    StringBuilder value = new StringBuilder();
    index++;
    while (index < text.length()) {
      char c = text.charAt(index++);
      if (c != '\'') {
        value.append(c);
      } else if (index < text.length() && text.charAt(index) == '\'') {
        value.append('\'');
        index++;
      } else {
        return new Token(Token.Kind.STRING, value.toString(), value.toString(), start);
      }
    }
    throw ODataSyntaxException.at(start, "the string starting here is not closed with a quote");
  }

  /** Four digits and a dash: an unquoted date-time literal such as 2025-10-01T00:00:00-03:00. */
  private boolean looksLikeDate() {
    return index + 4 < text.length()
        && text.substring(index, index + 4).chars().allMatch(FilterTokenizer::isDigit)
        && text.charAt(index + 4) == '-';
  }

  private Token dateTime() {
    int start = index;
    while (index < text.length() && "0123456789-:.TZ+".indexOf(text.charAt(index)) >= 0) {
      index++;
    }
    String literal = text.substring(start, index);
    try {
      return new Token(Token.Kind.DATE_TIME, literal, OffsetDateTime.parse(literal), start);
    } catch (DateTimeParseException e) {
      throw ODataSyntaxException.at(start, "'" + literal
          + "' is not a date-time with an offset, such as 2025-10-01T00:00:00-03:00");
    }
  }

  private Token number() {
    int start = index;
    if (text.charAt(index) == '-') {
      index++;
    }
    digits();
    if (index + 1 < text.length() && text.charAt(index) == '.' && isDigit(text.charAt(index + 1))) {
      index++;
      digits();
    }
    if (index < text.length() && (Character.isLetter(text.charAt(index)) || text.charAt(index) == '_')) {
      throw ODataSyntaxException.at(start, "'" + text.substring(start, index + 1) + "…' is not a number");
    }
    String literal = text.substring(start, index);
    return new Token(Token.Kind.NUMBER, literal, new BigDecimal(literal), start);
  }

  private void digits() {
    while (index < text.length() && isDigit(text.charAt(index))) {
      index++;
    }
  }

  /** Property names (a/b for a nested one), operators, keywords and function names. */
  private Token word() {
    int start = index;
    while (index < text.length()) {
      char c = text.charAt(index);
      if (!(Character.isLetterOrDigit(c) || c == '_' || c == '/')) {
        break;
      }
      index++;
    }
    String word = text.substring(start, index);
    return new Token(Token.Kind.WORD, word, null, start);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }
}
