package io.pqflux.traceql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pqflux.traceql.TraceQl;
import io.pqflux.traceql.TraceQlException;
import io.pqflux.traceql.TraceQlException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs src/test/resources/traceql/conformance.txt (its header describes the format): one test per case. */
class TraceQlConformanceTest {

    private static final String CORPUS = "/traceql/conformance.txt";
    private static final Map<String, Reason> ERROR_SECTIONS = Map.of(
        "parse_errors", Reason.PARSE_ERROR,
        "validation_errors", Reason.VALIDATION_ERROR,
        "unsupported", Reason.UNSUPPORTED);
    private static final Pattern SECTION = Pattern.compile("=== (\\w+) ===");
    private static final Pattern POSITION = Pattern.compile(" {2}@ (\\d+):(\\d+)(?: (.*))?");
    private static final String CANONICAL = "  -> ";

    /** One query of the corpus with what the corpus says about it. */
    record Case(String section, int lineNumber, String query, String canonical, int line, int column, String fragment) {
        @Override
        public String toString() {
            return section + " (line " + lineNumber + "): " + query.replace("\n", "⏎");
        }
    }

    static List<Case> cases() throws IOException {
        List<String> lines;
        try (InputStream in = TraceQlConformanceTest.class.getResourceAsStream(CORPUS)) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<Case> cases = new ArrayList<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            Matcher header = SECTION.matcher(text);
            if (header.matches()) {
                section = header.group(1);
                continue;
            }
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int lineNumber = i + 1;
            StringBuilder query = new StringBuilder(text);
            while (query.charAt(query.length() - 1) == '\\') {
                query.setLength(query.length() - 1);
                query.append('\n').append(lines.get(++i));
            }
            String canonical = null;
            Matcher position = null;
            if (i + 1 < lines.size() && lines.get(i + 1).startsWith(CANONICAL)) {
                canonical = lines.get(++i).substring(CANONICAL.length());
            } else if (i + 1 < lines.size() && (position = POSITION.matcher(lines.get(i + 1))).matches()) {
                i++;
            } else {
                position = null;
            }
            if (ERROR_SECTIONS.containsKey(section) != (position != null)) {
                throw new IllegalStateException("line " + lineNumber + ": error cases, and only they, need '  @ L:C'");
            }
            cases.add(position == null
                ? new Case(section, lineNumber, query.toString(), canonical, 0, 0, null)
                : new Case(section, lineNumber, query.toString(), null, Integer.parseInt(position.group(1)),
                    Integer.parseInt(position.group(2)), position.group(3)));
        }
        return cases;
    }

    static List<Case> validCases() throws IOException {
        return cases().stream().filter(c -> c.section().equals("valid")).toList();
    }

    static List<Case> errorCases() throws IOException {
        return cases().stream().filter(c -> !c.section().equals("valid")).toList();
    }

    @ParameterizedTest
    @MethodSource("validCases")
    void validQueryParsesValidatesAndRoundTrips(Case c) {
        Query query = TraceQlParser.parse(c.query());
        TraceQlValidator.validate(c.query(), query);
        String printed = TraceQlPrinter.print(query);
        if (c.canonical() != null) {
            assertThat(printed).isEqualTo(c.canonical());
        }
        Query reparsed = TraceQlParser.parse(printed);
        assertThat(reparsed).as("parse(print(parse(q))) for %s", printed).isEqualTo(query);
        assertThat(TraceQlPrinter.print(reparsed)).isEqualTo(printed);
        TraceQl.validate(printed);
    }

    @ParameterizedTest
    @MethodSource("errorCases")
    void errorCaseFailsWithItsReasonAtItsPosition(Case c) {
        TraceQlException e = catchThrowableOfType(TraceQlException.class, () -> TraceQl.validate(c.query()));
        assertThat(e).as("%s must fail", c.query()).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(ERROR_SECTIONS.get(c.section()));
        assertThat(e.line() + ":" + e.column()).as(e.getMessage()).isEqualTo(c.line() + ":" + c.column());
        assertThat(e.getMessage()).contains("at " + c.line() + ":" + c.column() + ": ");
        if (c.fragment() != null) {
            assertThat(e.detail()).contains(c.fragment());
        }
    }

    static List<Case> validationAndUnsupportedCases() throws IOException {
        return cases().stream()
            .filter(c -> c.section().equals("validation_errors") || c.section().equals("unsupported")).toList();
    }

    /**
     * A case that parses but fails validation must still print to a query that parses to the same AST and fails
     * alike. Only unsupported cases may fail in the parser already (constructs the lexer or parser rejects).
     */
    @ParameterizedTest
    @MethodSource("validationAndUnsupportedCases")
    void caseThatParsesRoundTrips(Case c) {
        Query query;
        try {
            query = TraceQlParser.parse(c.query());
        } catch (TraceQlException e) {
            assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.UNSUPPORTED);
            return;
        }
        String printed = TraceQlPrinter.print(query);
        assertThat(TraceQlParser.parse(printed)).as(printed).isEqualTo(query);
        TraceQlException e = catchThrowableOfType(TraceQlException.class, () -> TraceQl.validate(printed));
        assertThat(e).as("%s must fail", printed).isNotNull();
        assertThat(e.reason()).isEqualTo(ERROR_SECTIONS.get(c.section()));
    }

    @Test
    void corpusIsLargeAndCoversEverySection() throws IOException {
        Map<String, Long> counts = cases().stream().collect(Collectors.groupingBy(Case::section, Collectors.counting()));
        assertThat(counts).containsOnlyKeys("valid", "parse_errors", "validation_errors", "unsupported");
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(300);
        assertThat(validCases().stream().filter(c -> c.canonical() != null).count()).isGreaterThanOrEqualTo(40);
        assertThat(cases().stream().map(Case::query).distinct().count()).isEqualTo(cases().size());
    }
}
