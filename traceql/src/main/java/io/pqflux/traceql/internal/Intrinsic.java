package io.pqflux.traceql.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The intrinsics, each once: {@code duration} and {@code span:duration} are the same field. The canonical spelling is
 * the scoped one where Tempo has it; {@link #type()} is what Tempo's validation assumes ({@link StaticType#ATTRIBUTE}
 * where Tempo leaves the type open, {@link StaticType#NIL} for the unsupported {@code parent}).
 */
public enum Intrinsic {
    DURATION("span:duration", "duration", StaticType.DURATION),
    NAME("span:name", "name", StaticType.STRING),
    STATUS("span:status", "status", StaticType.STATUS),
    STATUS_MESSAGE("span:statusMessage", "statusMessage", StaticType.STRING),
    KIND("span:kind", "kind", StaticType.KIND),
    SPAN_ID("span:id", null, StaticType.STRING),
    PARENT_ID("span:parentID", null, StaticType.STRING),
    CHILD_COUNT("span:childCount", null, StaticType.INT),
    TRACE_DURATION("trace:duration", "traceDuration", StaticType.DURATION),
    ROOT_NAME("trace:rootName", "rootName", StaticType.STRING),
    ROOT_SERVICE("trace:rootService", "rootServiceName", StaticType.STRING),
    TRACE_ID("trace:id", null, StaticType.STRING),
    EVENT_NAME("event:name", null, StaticType.STRING),
    EVENT_TIME_SINCE_START("event:timeSinceStart", null, StaticType.DURATION),
    LINK_TRACE_ID("link:traceID", null, StaticType.STRING),
    LINK_SPAN_ID("link:spanID", null, StaticType.STRING),
    INSTRUMENTATION_NAME("instrumentation:name", null, StaticType.ATTRIBUTE),
    INSTRUMENTATION_VERSION("instrumentation:version", null, StaticType.ATTRIBUTE),
    NESTED_SET_LEFT("nestedSetLeft", "nestedSetLeft", StaticType.INT),
    NESTED_SET_RIGHT("nestedSetRight", "nestedSetRight", StaticType.INT),
    NESTED_SET_PARENT("nestedSetParent", "nestedSetParent", StaticType.INT),
    PARENT("parent", "parent", StaticType.NIL);

    private static final Map<String, Intrinsic> SCOPED = new HashMap<>();
    private static final Map<String, Intrinsic> UNSCOPED = new HashMap<>();

    static {
        for (Intrinsic intrinsic : values()) {
            if (intrinsic.text.contains(":")) {
                SCOPED.put(intrinsic.text, intrinsic);
            }
            if (intrinsic.unscopedWord != null) {
                UNSCOPED.put(intrinsic.unscopedWord, intrinsic);
            }
        }
    }

    private final String text;
    private final String unscopedWord;
    private final StaticType type;

    Intrinsic(String text, String unscopedWord, StaticType type) {
        this.text = text;
        this.unscopedWord = unscopedWord;
        this.type = type;
    }

    /** The canonical spelling, e.g. {@code span:duration}, {@code nestedSetLeft}. */
    public String text() {
        return text;
    }

    /** How Tempo's stringer names it: the unscoped word where there is one ({@code duration}), else {@link #text()}. */
    public String tempoName() {
        return unscopedWord != null ? unscopedWord : text;
    }

    public StaticType type() {
        return type;
    }

    /** The intrinsic spelled {@code word} alone, e.g. {@code duration}, {@code rootServiceName}; null if none. */
    static Intrinsic unscoped(String word) {
        return UNSCOPED.get(word);
    }

    /** The words {@code scope:} takes, for error messages. */
    static List<String> wordsAfter(String scope) {
        return SCOPED.keySet().stream().filter(text -> text.startsWith(scope + ":"))
            .map(text -> text.substring(scope.length() + 1)).sorted().toList();
    }

    /** The intrinsic spelled {@code scope:word}, e.g. {@code trace:rootService}; null if none. */
    static Intrinsic scoped(String scope, String word) {
        return SCOPED.get(scope + ":" + word);
    }
}
