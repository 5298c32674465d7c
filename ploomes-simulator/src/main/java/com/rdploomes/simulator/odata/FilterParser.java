package com.rdploomes.simulator.odata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A recursive-descent parser for the $filter subset. Grammar, loosest binding first:
 *
 * <pre>
 * filter     := or END
 * or         := and ( 'or' and )*
 * and        := unary ( 'and' unary )*
 * unary      := 'not' unary | '(' or ')' | comparison
 * comparison := operand ( op operand )?          op: eq ne gt ge lt le
 * operand    := string | number | date-time | 'true' | 'false' | 'null'
 *             | function '(' operand ( ',' operand )* ')' | property
 * </pre>
 *
 * So {@code and} binds tighter than {@code or}, as in OData. Lambda operators ({@code any}/{@code
 * all}) are not supported and are refused with a message saying so.
 */
final class FilterParser {

  private final FilterTokenizer tokenizer;
  private Token lookahead;

  private FilterParser(FilterTokenizer tokenizer) {
    this.tokenizer = tokenizer;
    this.lookahead = tokenizer.nextToken();
  }

  static Filter parse(String text) {
    FilterParser parser = new FilterParser(new FilterTokenizer(text));
    if (parser.peek().kind() == Token.Kind.END) {
      throw ODataSyntaxException.at(0, "the filter is empty");
    }
    Filter filter = parser.or();
    Token rest = parser.peek();
    if (rest.kind() != Token.Kind.END) {
      throw ODataSyntaxException.at(rest.position(),
          "expected 'and', 'or' or the end of the filter but found " + rest.describe());
    }
    return filter;
  }

  private Filter or() {
    Filter left = and();
    while (peek().isWord("or")) {
      advance();
      left = new Filter.Or(left, and());
    }
    return left;
  }

  private Filter and() {
    Filter left = unary();
    while (peek().isWord("and")) {
      advance();
      left = new Filter.And(left, unary());
    }
    return left;
  }

  private Filter unary() {
    Token token = peek();
    if (token.isWord("not")) {
      advance();
      return new Filter.Not(unary());
    }
    if (token.kind() == Token.Kind.OPEN) {
      advance();
      Filter inner = or();
      expect(Token.Kind.CLOSE, "')' to close the '(' at position " + (token.position() + 1));
      return inner;
    }
    return comparison();
  }

  private Filter comparison() {
    Token start = peek();
    Operand left = operand();
    Optional<Operator> operator = Operator.of(peek());
    if (operator.isPresent()) {
      advance();
      return new Filter.Comparison(left, operator.get(), operand());
    }
    if (left instanceof Operand.Literal) {
      throw ODataSyntaxException.at(peek().position(), "expected a comparison operator (eq, ne, gt, ge, lt, le) after "
          + start.describe() + " but found " + peek().describe());
    }
    // A property or function call on its own is true when its value is the boolean true.
    Token next = peek();
    if (next.kind() != Token.Kind.END && next.kind() != Token.Kind.CLOSE
        && !next.isWord("and") && !next.isWord("or")) {
      throw ODataSyntaxException.at(next.position(), "expected a comparison operator (eq, ne, gt, ge, lt, le) after "
          + start.describe() + " but found " + next.describe());
    }
    return new Filter.IsTrue(left);
  }

  private Operand operand() {
    Token token = advance();
    return switch (token.kind()) {
      case STRING, NUMBER, DATE_TIME -> new Operand.Literal(token.value());
      case WORD -> word(token);
      default -> throw ODataSyntaxException.at(token.position(), "expected a value or a property but found "
          + token.describe());
    };
  }

  private Operand word(Token token) {
    switch (token.text()) {
      case "true" -> {
        return new Operand.Literal(Boolean.TRUE);
      }
      case "false" -> {
        return new Operand.Literal(Boolean.FALSE);
      }
      case "null" -> {
        return new Operand.Literal(null);
      }
      case "and", "or", "not", "eq", "ne", "gt", "ge", "lt", "le" -> throw ODataSyntaxException.at(token.position(),
          "expected a value or a property but found " + token.describe());
      default -> {
        // fall through to property or function
      }
    }
    if (peek().kind() == Token.Kind.OPEN) {
      return call(token);
    }
    if (token.text().startsWith("/") || token.text().endsWith("/") || token.text().contains("//")) {
      throw ODataSyntaxException.at(token.position(), token.describe() + " is not a property path");
    }
    return new Operand.Property(List.of(token.text().split("/")));
  }

  private Operand call(Token name) {
    if (name.text().endsWith("/any") || name.text().endsWith("/all")) {
      throw ODataSyntaxException.at(name.position(), "lambda operators such as " + name.describe()
          + " are not supported by the simulator");
    }
    Function function = Function.named(name.text()).orElseThrow(() -> ODataSyntaxException.at(name.position(),
        "unknown function " + name.describe() + "; supported: "
            + Arrays.stream(Function.values()).map(Function::odataName).toList()));
    advance();
    List<Operand> args = new ArrayList<>();
    args.add(operand());
    while (peek().kind() == Token.Kind.COMMA) {
      advance();
      args.add(operand());
    }
    expect(Token.Kind.CLOSE, "')' to close the arguments of " + name.describe());
    if (args.size() != function.arity()) {
      throw ODataSyntaxException.at(name.position(), name.describe() + " takes " + function.arity()
          + " argument(s), not " + args.size());
    }
    return new Operand.Call(function, List.copyOf(args));
  }

  private void expect(Token.Kind kind, String what) {
    Token token = peek();
    if (token.kind() != kind) {
      throw ODataSyntaxException.at(token.position(), "expected " + what + " but found " + token.describe());
    }
    advance();
  }

  private Token peek() {
    return lookahead;
  }

  private Token advance() {
    Token token = lookahead;
    lookahead = tokenizer.nextToken();
    return token;
  }
}
