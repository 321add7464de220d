package io.pqflux.tempo.internal.assembly;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.List;

/**
 * The attributes of a batch's spans and of their resources, and their scopes, by span slot, as the traces its mapper
 * assembles list them (the attribute keys it was given, in the same order): what reading attribute fields from columns
 * reads, without assembling a trace. A list returned is valid until the next call: look up in it, do not keep it.
 */
public interface SlotAttributes {

    /** The attributes of the span at span slot {@code span}. */
    List<KeyValue> span(int span);

    /** The attributes of the resource holding the span at span slot {@code span}. */
    List<KeyValue> resource(int span);

    /** The resource slot of the span at span slot {@code span}: spans of one resource have the same. */
    int resourceOf(int span);

    /** The scope slot of the span at span slot {@code span}: spans of one scope have the same. */
    int scopeOf(int span);

    /** The instrumentation scope holding the span at span slot {@code span}: name, version and attributes. */
    InstrumentationScope scope(int span);
}
