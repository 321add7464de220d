package io.pqflux.tempo.internal.assembly;

import io.pqflux.nested.SlotReader;
import java.util.List;
import java.util.Map;

/**
 * The event columns of vParquet4 and vParquet5: time relative to the span's start, name, dropped count; read by event
 * slot.
 */
public final class EventColumns {

    public static final List<String> LEAVES = List.of("TimeSinceStartNano", "Name", "DroppedAttributesCount");

    private final SlotReader time, name, dropped;
    private final int level;

    private EventColumns(Map<String, SlotReader> leaves, String event, int level) {
        time = leaves.get(event + "TimeSinceStartNano");
        name = leaves.get(event + "Name");
        dropped = leaves.get(event + "DroppedAttributesCount");
        this.level = level;
    }

    /**
     * @param event  the path of an event element, up to and including the dot before its leaves
     * @param events the events list's repeated node
     * @return null when the batch does not hold the events
     */
    public static EventColumns of(Map<String, SlotReader> leaves, String event, String events) {
        return leaves.containsKey(event + "TimeSinceStartNano") ? new EventColumns(leaves, event, ColumnPaths.level(events)) : null;
    }

    public int first(int span) {
        return time.first(level, span);
    }

    public int end(int span) {
        return time.end(level, span);
    }

    /** The event's time: the span's start plus the stored offset, in unsigned arithmetic. */
    public long time(int e, long spanStart) {
        return spanStart + time.int64(e);
    }

    public String name(int e) {
        return name.string(e);
    }

    public int dropped(int e) {
        return dropped.int32(e);
    }
}
