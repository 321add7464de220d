package io.pqflux.traceql.internal;

import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.TraceQlException.Reason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field expressions as Tempo's grammar reads them ({@code expr.y}'s {@code fieldExpression} and what it is made of):
 * the insides of spanset filters, {@code by(…)} and aggregates, with Tempo's precedences; literals; attributes and
 * intrinsics alone, as {@code select(…)}, the metrics functions and their {@code by(…)} take them. Reads from the
 * {@link TokenStream} the query's parser shares with it.
 */
final class FieldExpressionParser {

    /** Tempo's keywords: not usable as hint names, and never an "unknown identifier". */
    static final Set<String> KEYWORDS = Set.of(
        "true", "false", "nil", "ok", "error", "unset", "unspecified", "internal", "server", "client", "producer",
        "consumer", "duration", "childCount", "name", "status", "statusMessage", "kind", "rootName", "rootServiceName",
        "rootService", "traceDuration", "nestedSetLeft", "nestedSetRight", "nestedSetParent", "id", "traceID", "spanID",
        "parentID", "timeSinceStart", "version", "parent", "count", "avg", "max", "min", "sum", "by", "coalesce",
        "select", "rate", "count_over_time", "min_over_time", "max_over_time", "avg_over_time", "sum_over_time",
        "quantile_over_time", "histogram_over_time", "compare", "topk", "bottomk", "with");

    private static final Map<String, StaticValue> WORD_LITERALS = Map.ofEntries(
        Map.entry("true", new StaticValue.BooleanValue(true)), Map.entry("false", new StaticValue.BooleanValue(false)),
        Map.entry("ok", new StaticValue.StatusValue(Status.OK)),
        Map.entry("error", new StaticValue.StatusValue(Status.ERROR)),
        Map.entry("unset", new StaticValue.StatusValue(Status.UNSET)),
        Map.entry("unspecified", new StaticValue.KindValue(SpanKind.UNSPECIFIED)),
        Map.entry("internal", new StaticValue.KindValue(SpanKind.INTERNAL)),
        Map.entry("server", new StaticValue.KindValue(SpanKind.SERVER)),
        Map.entry("client", new StaticValue.KindValue(SpanKind.CLIENT)),
        Map.entry("producer", new StaticValue.KindValue(SpanKind.PRODUCER)),
        Map.entry("consumer", new StaticValue.KindValue(SpanKind.CONSUMER)),
        // Tempo 3.0's two named integers
        Map.entry("minInt", new StaticValue.IntValue(Long.MIN_VALUE)),
        Map.entry("maxInt", new StaticValue.IntValue(Long.MAX_VALUE)));

    private final TokenStream tokens;

    FieldExpressionParser(TokenStream tokens) {
        this.tokens = tokens;
    }

    /**
     * Precedence climbing as expr.y: {@code && ||}, then comparisons and regex matches, {@code + -},
     * {@code * / %}, {@code ^} (right-associative). {@code x = nil} and {@code x != nil} become existence checks
     * right away, whatever follows, as the grammar's nil rules reduce.
     */
    FieldExpr field(int minPrecedence) {
        return tokens.nested(() -> fieldAt(minPrecedence));
    }

    private FieldExpr fieldAt(int minPrecedence) {
        FieldExpr lhs = fieldOperand();
        while (true) {
            BinaryOp op = fieldOpAt(tokens.peek());
            if (op == null || op.precedence() < minPrecedence) {
                return lhs;
            }
            tokens.next();
            if ((op == BinaryOp.EQ || op == BinaryOp.NEQ) && tokens.peek().isWord("nil")) {
                Token nil = tokens.next();
                lhs = new UnaryExpr(op == BinaryOp.EQ ? UnaryOp.NOT_EXISTS : UnaryOp.EXISTS, lhs,
                    new SourceRange(lhs.range().start(), nil.end()));
                continue;
            }
            FieldExpr rhs = field(op.rightAssociative() ? op.precedence() : op.precedence() + 1);
            lhs = new BinaryExpr(op, lhs, rhs, SourceRange.covering(lhs.range(), rhs.range()));
        }
    }

    private FieldExpr fieldOperand() {
        Token token = tokens.peek();
        switch (token.kind()) {
            case SUB, NOT -> {
                tokens.next();
                // as expr.y: the operand takes the operators that bind tighter than '!' ('* / %' and '^')
                FieldExpr operand = field(BinaryOp.UNARY_OPERAND_PRECEDENCE);
                return new UnaryExpr(token.kind() == TokenKind.SUB ? UnaryOp.NEGATE : UnaryOp.NOT, operand,
                    new SourceRange(token.start(), operand.range().end()));
            }
            case LPAREN -> {
                tokens.next();
                FieldExpr inner = field(1);
                tokens.expect(TokenKind.RPAREN, "')' or an operator");
                return inner;
            }
            case STRING, INTEGER, FLOAT, DURATION -> {
                return literal("a literal");
            }
            case ATTRIBUTE -> {
                tokens.next();
                return new AttributeField(token.scope(), token.parent(), (String) token.value(), token.range());
            }
            case SCOPE_COLON -> {
                return scopedIntrinsic();
            }
            case IDENTIFIER -> {
                return wordOperand(token);
            }
            default -> throw tokens.unexpected("an attribute, intrinsic or literal");
        }
    }

    private FieldExpr wordOperand(Token token) {
        String word = (String) token.value();
        if (word.equals("nil")) {
            tokens.next();
            BinaryOp op = comparisonAt(tokens.peek());
            if (op != BinaryOp.EQ && op != BinaryOp.NEQ) {
                throw tokens.unexpected("'=' or '!=' after nil (nil only tests whether a field exists)");
            }
            tokens.next();
            if (tokens.peek().isWord("nil")) {
                // nil = nil and nil != nil are both false in Tempo
                Token nil = tokens.next();
                return new Literal(new StaticValue.BooleanValue(false), new SourceRange(token.start(), nil.end()));
            }
            FieldExpr operand = field(BinaryOp.ADD.precedence());
            return new UnaryExpr(op == BinaryOp.EQ ? UnaryOp.NOT_EXISTS : UnaryOp.EXISTS, operand,
                new SourceRange(token.start(), operand.range().end()));
        }
        if (WORD_LITERALS.containsKey(word)) {
            return literal("a literal");
        }
        Intrinsic intrinsic = Intrinsic.unscoped(word);
        if (intrinsic != null) {
            tokens.next();
            return new IntrinsicField(intrinsic, token.range());
        }
        throw unknownWord(token, "an attribute, intrinsic or literal");
    }

    private TraceQlException unknownWord(Token token, String expected) {
        String word = (String) token.value();
        for (String scope : List.of("span", "trace", "event", "link", "instrumentation")) {
            if (Intrinsic.scoped(scope, word) != null) {
                return tokens.error(Reason.PARSE_ERROR, token, "expected " + expected + ", found '" + word
                    + "' (an intrinsic that needs its scope: " + scope + ":" + word + ")");
            }
        }
        if (KEYWORDS.contains(word)) {
            return tokens.unexpected(expected);
        }
        return tokens.error(Reason.PARSE_ERROR, token, "unknown identifier '" + word
            + "': attributes need a scope, as in ." + word + " or span." + word);
    }

    private IntrinsicField scopedIntrinsic() {
        Token scope = tokens.next();
        Token word = tokens.peek();
        String scopeWord = (String) scope.value();
        Intrinsic intrinsic = word.kind() == TokenKind.IDENTIFIER
            ? Intrinsic.scoped(scopeWord, (String) word.value()) : null;
        if (intrinsic == null) {
            throw tokens.error(Reason.PARSE_ERROR, word, "expected one of "
                + String.join(", ", Intrinsic.wordsAfter(scopeWord))
                + " after '" + scopeWord + ":', found " + tokens.describe(word));
        }
        tokens.next();
        return new IntrinsicField(intrinsic, new SourceRange(scope.start(), word.end()));
    }

    private static BinaryOp fieldOpAt(Token token) {
        return switch (token.kind()) {
            case AND -> BinaryOp.AND;
            case OR -> BinaryOp.OR;
            case REGEX -> BinaryOp.REGEX;
            case NOT_REGEX -> BinaryOp.NOT_REGEX;
            default -> {
                BinaryOp op = comparisonAt(token);
                yield op != null ? op : arithmeticOpAt(token);
            }
        };
    }

    /** A literal: string, number, duration, boolean, status, kind, minInt, maxInt. */
    Literal literal(String expected) {
        Token token = tokens.peek();
        StaticValue value = switch (token.kind()) {
            case STRING -> new StaticValue.StringValue((String) token.value());
            case INTEGER, FLOAT, DURATION -> numberValue(token);
            case IDENTIFIER -> WORD_LITERALS.get((String) token.value());
            default -> null;
        };
        if (value == null) {
            throw tokens.unexpected(expected);
        }
        tokens.next();
        return new Literal(value, token.range());
    }

    /** An attribute or an intrinsic, without operators: what select(), the metrics functions and by(…) take. */
    FieldRef fieldRef() {
        Token token = tokens.peek();
        if (token.kind() == TokenKind.ATTRIBUTE) {
            tokens.next();
            return new AttributeField(token.scope(), token.parent(), (String) token.value(), token.range());
        }
        if (token.kind() == TokenKind.SCOPE_COLON) {
            return scopedIntrinsic();
        }
        if (token.kind() == TokenKind.IDENTIFIER) {
            Intrinsic intrinsic = Intrinsic.unscoped((String) token.value());
            if (intrinsic != null) {
                tokens.next();
                return new IntrinsicField(intrinsic, token.range());
            }
            throw unknownWord(token, "an attribute or intrinsic");
        }
        throw tokens.unexpected("an attribute or intrinsic");
    }

    List<FieldRef> fieldRefs() {
        List<FieldRef> refs = new ArrayList<>();
        refs.add(fieldRef());
        while (tokens.peek().kind() == TokenKind.COMMA) {
            tokens.next();
            refs.add(fieldRef());
        }
        return refs;
    }

    static BinaryOp comparisonAt(Token token) {
        return switch (token.kind()) {
            case EQ -> BinaryOp.EQ;
            case NEQ -> BinaryOp.NEQ;
            case LT -> BinaryOp.LT;
            case LTE -> BinaryOp.LTE;
            case GT -> BinaryOp.GT;
            case GTE -> BinaryOp.GTE;
            default -> null;
        };
    }

    static BinaryOp arithmeticOpAt(Token token) {
        return switch (token.kind()) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case MOD -> BinaryOp.MOD;
            case POW -> BinaryOp.POW;
            default -> null;
        };
    }

    static StaticValue numberValue(Token token) {
        return switch (token.kind()) {
            case INTEGER -> new StaticValue.IntValue((Long) token.value());
            case FLOAT -> new StaticValue.FloatValue((Double) token.value());
            case DURATION -> new StaticValue.DurationValue((Long) token.value());
            default -> throw new IllegalArgumentException("not a number: " + token);
        };
    }
}
