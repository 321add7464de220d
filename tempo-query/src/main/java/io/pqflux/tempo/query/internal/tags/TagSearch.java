package io.pqflux.tempo.query.internal.tags;

import io.pqflux.reactive.ScanOptions;
import io.pqflux.reader.ParquetReader;
import io.pqflux.storage.BlockingCall;
import io.pqflux.tempo.BlockMeta;
import io.pqflux.tempo.columns.BlockColumns;
import io.pqflux.tempo.query.MetadataMetrics;
import io.pqflux.tempo.query.TagNames;
import io.pqflux.tempo.query.TagValues;
import io.pqflux.tempo.query.TagValues.TagValue;
import io.pqflux.tempo.query.TagValuesRequest;
import io.pqflux.tempo.query.TagsRequest;
import io.pqflux.tempo.query.TagsRequest.Scope;
import io.pqflux.tempo.Trace;
import io.pqflux.tempo.TracePreset;
import io.pqflux.tempo.TraceReadOptions;
import io.pqflux.traceql.internal.FieldExpr;
import io.pqflux.traceql.internal.StaticValue;
import io.pqflux.tempo.query.internal.search.SpanMatcher;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Tag names and tag values over a tenant's blocks, as Tempo's {@code /api/v2/search/tags} and
 * {@code /api/v2/search/tag/{tag}/values} answer: blocks searched {@code concurrency} at a time, each answering from
 * the columns of its own where the tag has one and no filter narrows it ({@link ColumnTagValues}), else from its
 * traces assembled as OTLP ({@link BlockTagNames}, {@link BlockTagValues}); the blocks' answers merged distinct, then
 * cut to the limit.
 */
public final class TagSearch {

    /**
     * A block as a tag search reads it: its meta, its traces, and its columns for single-column reads (tests give
     * traces of their own, and no columns when only traces are read).
     */
    public record Block(BlockMeta meta, Function<TraceReadOptions, Flux<Trace>> traces, BlockColumns data) {

        /** The block whose columns these are, its traces read from them. */
        public static Block of(BlockColumns columns) {
            return new Block(columns.meta(), options -> columns.traces(options, null), columns);
        }
    }

    /** Which path a values search may take: both (the default), or the exact one only (to check the fast one). */
    public enum Paths {
        COLUMNS_WHERE_POSSIBLE, EXACT_ONLY
    }

    private TagSearch() {
    }

    /** Rejects a tag that is not an identifier or whose values are not served, before any block is read. */
    public static void checkTag(String tag) {
        TagName name = TagName.parse(tag);
        if (IntrinsicTags.fixedValues(name.text()) == null) BlockTagValues.checkSupported(name);
    }

    public static Mono<TagNames> names(List<Block> blocks, TagsRequest request, int concurrency) {
        return names(blocks, request, concurrency, Paths.COLUMNS_WHERE_POSSIBLE);
    }

    public static Mono<TagNames> names(List<Block> blocks, TagsRequest request, int concurrency, Paths paths) {
        return Mono.fromCallable(() -> TagFilter.parse(request.query())).flatMap(filter -> {
            // with an unscoped condition Tempo's autocompletion cannot place it and answers as without a filter
            TagFilter effective = filter.hasUnscopedCondition() ? TagFilter.NONE : filter;
            Counters counters = new Counters();
            Flux<Map<Scope, Set<String>>> perBlock = request.scope() == Scope.INTRINSIC ? Flux.empty()
                    : Flux.fromIterable(blocks).flatMap(block -> effective.isNone() && paths == Paths.COLUMNS_WHERE_POSSIBLE
                            ? columnNames(block, request.scope(), counters)
                                    .switchIfEmpty(Mono.defer(() -> exactNames(block, request.scope(), effective, counters)))
                            : exactNames(block, request.scope(), effective, counters), concurrency);
            return perBlock.collectList().map(found -> namesAnswer(found, request, counters.metrics(blocks)));
        });
    }

    private static Mono<Map<Scope, Set<String>>> exactNames(Block block, Scope scope, TagFilter filter, Counters counters) {
        BlockTagNames names = new BlockTagNames(scope, filter, SpecialColumns.of(block.meta()));
        return traces(block, counters).doOnNext(names::add).then(Mono.fromCallable(names::names));
    }

    /** Names from the key columns' dictionaries and the special columns' statistics; empty when the block cannot. */
    private static Mono<Map<Scope, Set<String>>> columnNames(Block block, Scope scope, Counters counters) {
        Set<Scope> scopes = scope == null ? EnumSet.of(Scope.RESOURCE, Scope.SPAN, Scope.EVENT, Scope.LINK, Scope.INSTRUMENTATION)
                : EnumSet.of(scope);
        return BlockingCall.on(Schedulers.boundedElastic(), () -> {
            Map<Scope, Set<String>> names = ColumnTagNames.read(block.data(), block.meta(), scopes, counters.bytes::addAndGet);
            if (names != null) counters.completed.incrementAndGet();
            return names;
        });
    }

    private static TagNames namesAnswer(List<Map<Scope, Set<String>>> perBlock, TagsRequest request, MetadataMetrics metrics) {
        Map<Scope, Set<String>> merged = new EnumMap<>(Scope.class);
        for (Map<Scope, Set<String>> block : perBlock) {
            block.forEach((scope, names) -> merged.computeIfAbsent(scope, s -> new TreeSet<>()).addAll(names));
        }
        List<TagNames.ScopeNames> scopes = new ArrayList<>();
        merged.forEach((scope, names) -> {
            if (!names.isEmpty()) scopes.add(new TagNames.ScopeNames(scope.word(), limited(new ArrayList<>(names), request.limit())));
        });
        if (request.scope() == null || request.scope() == Scope.INTRINSIC) {
            scopes.add(new TagNames.ScopeNames(Scope.INTRINSIC.word(), IntrinsicTags.NAMES.stream().sorted().toList()));
        }
        return new TagNames(scopes, metrics);
    }

    public static Mono<TagValues> values(List<Block> blocks, TagValuesRequest request, int concurrency) {
        return values(blocks, request, concurrency, Paths.COLUMNS_WHERE_POSSIBLE);
    }

    public static Mono<TagValues> values(List<Block> blocks, TagValuesRequest request, int concurrency, Paths paths) {
        return Mono.fromCallable(() -> TagName.parse(request.tag())).flatMap(tag -> {
            Counters counters = new Counters();
            List<TagValue> fixed = IntrinsicTags.fixedValues(tag.text());
            if (fixed != null) { // Tempo's querier answers these without asking a block, under the same limit
                return Mono.just(new TagValues(limited(new ArrayList<>(new TreeSet<>(fixed)), request.limit()), counters.metrics(blocks)));
            }
            BlockTagValues.checkSupported(tag);
            Set<TagValue> found = new TreeSet<>();
            List<List<FieldExpr>> groups = new ArrayList<>();
            TagFilter filter = TagFilter.parse(request.query());
            for (List<FieldExpr> group : filter.groups()) {
                StaticValue literal = TagFilter.equalityWith(group, tag);
                if (literal == null) {
                    groups.add(group);
                } else { // Tempo answers such a group with the literal, without reading
                    SpanMatcher.Typed typed = SpanMatcher.literal(literal);
                    found.add(new TagValue(typed.type(), typed.text()));
                }
            }
            if (!filter.isNone() && groups.isEmpty()) {
                return Mono.just(new TagValues(limited(new ArrayList<>(found), request.limit()), counters.metrics(blocks)));
            }
            return Flux.fromIterable(blocks)
                    .flatMap(block -> blockValues(block, tag, groups, paths, counters), concurrency)
                    .doOnNext(found::addAll)
                    .then(Mono.fromCallable(() -> new TagValues(limited(new ArrayList<>(found), request.limit()),
                            counters.metrics(blocks))));
        });
    }

    /** One block's values: from the tag's own column when it has one and no filter applies, else from its traces. */
    private static Mono<Set<TagValue>> blockValues(Block block, TagName tag, List<List<FieldExpr>> groups, Paths paths,
                                                   Counters counters) {
        if (groups.isEmpty() && paths == Paths.COLUMNS_WHERE_POSSIBLE) {
            Mono<Set<TagValue>> fromColumn = BlockingCall.on(Schedulers.boundedElastic(), () -> {
                if (tag.attribute() != null) return attributeColumnValues(block, tag, counters);
                String column = ColumnTagValues.column(tag, block.data().schema());
                if (column == null) return null;
                try (ParquetReader reader = block.data().open(List.of(column))) {
                    Set<TagValue> values = ColumnTagValues.read(reader);
                    counters.bytes.addAndGet(reader.metrics().bytesRead());
                    counters.completed.incrementAndGet();
                    return values;
                }
            });
            return fromColumn.switchIfEmpty(Mono.defer(() -> exactValues(block, tag, groups, counters)));
        }
        return exactValues(block, tag, groups, counters);
    }

    /**
     * A string attribute read from its well-known or dedicated columns alone, when the generic key columns Tempo would
     * also search do not hold its name; null otherwise (then the exact path answers).
     */
    private static Set<TagValue> attributeColumnValues(Block block, TagName tag, Counters counters) {
        Set<Scope> columns = switch (tag.attribute().scope()) {
            case NONE -> EnumSet.of(Scope.RESOURCE, Scope.SPAN);
            case RESOURCE -> EnumSet.of(Scope.RESOURCE);
            case SPAN -> EnumSet.of(Scope.SPAN);
            default -> null;
        };
        if (columns == null || tag.attribute().parent()) return null;
        // without a filter an unscoped tag also reads the instrumentation scope's generic attributes
        Set<Scope> keys = EnumSet.copyOf(columns);
        if (tag.unscoped()) keys.add(Scope.INSTRUMENTATION);
        Set<String> strings = ColumnTagNames.specialColumnValues(block.data(), block.meta(), tag.attribute().name(),
                columns, keys, counters.bytes::addAndGet);
        if (strings == null) return null;
        counters.completed.incrementAndGet();
        Set<TagValue> values = new TreeSet<>();
        for (String s : strings) values.add(new TagValue("string", s));
        return values;
    }

    private static Mono<Set<TagValue>> exactValues(Block block, TagName tag, List<List<FieldExpr>> groups, Counters counters) {
        BlockTagValues values = new BlockTagValues(tag, groups);
        return traces(block, counters).doOnNext(values::add).then(Mono.fromCallable(values::values));
    }

    /** Every trace of the block with every column, counting the bytes read. */
    private static Flux<Trace> traces(Block block, Counters counters) {
        ScanOptions scan = ScanOptions.defaults().withMetricsListener(m -> counters.bytes.addAndGet(m.read().bytesRead()));
        TraceReadOptions options = TraceReadOptions.defaults().withPreset(TracePreset.FULL).withMaxTraceBytes(Long.MAX_VALUE)
                .withScanOptions(scan);
        return block.traces().apply(options).doOnComplete(counters.completed::incrementAndGet);
    }

    /** The first {@code limit} (all for 0): Tempo keeps the first it meets; here the first in sorted order. */
    private static <T> List<T> limited(List<T> sorted, int limit) {
        return limit > 0 && sorted.size() > limit ? List.copyOf(sorted.subList(0, limit)) : sorted;
    }

    private static final class Counters {
        final AtomicLong bytes = new AtomicLong();
        final AtomicInteger completed = new AtomicInteger();

        MetadataMetrics metrics(List<Block> blocks) {
            long size = blocks.stream().mapToLong(b -> b.meta().size()).sum();
            return new MetadataMetrics(bytes.get(), blocks.size(), completed.get(), blocks.size(), size);
        }
    }
}
