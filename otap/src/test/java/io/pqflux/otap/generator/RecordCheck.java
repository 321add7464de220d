package io.pqflux.otap.generator;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.pqflux.otap.ReplayedBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A replay compared with the golden OTLP record by record, whatever the batching: records pair up by their content
 * without resource and scope attributes, then each is <em>exact</em>, <em>left off</em> (its resource or scope
 * attributes missing, in a batch that reported such rows), or <em>wrong</em> (anything else: another batch's
 * attributes, attributes missing without a report, any other difference).
 */
public final class RecordCheck {

    /** The verdict. {@code wrong} describes the first few wrong records. */
    public record Result(int expected, int replayed, int exact, int leftOff, List<String> wrong) {
        @Override
        public String toString() {
            return expected + " expected, " + replayed + " replayed, " + exact + " exact, " + leftOff
                    + " left off and reported, " + wrong.size() + " wrong";
        }
    }

    private RecordCheck() {
    }

    /** {@code expected}: the golden messages (one per exporter batch) of the signal, in any order. */
    public static Result of(List<? extends Message> expected, List<ReplayedBatch<Message>> replayed) {
        List<Message> got = new ArrayList<>();
        List<Boolean> reported = new ArrayList<>();
        for (ReplayedBatch<Message> batch : replayed) {
            checkEncoding(batch);
            got.add(batch.data());
            reported.add(batch.unjoined().stream().anyMatch(ExportReplay::resourceOrScope));
        }
        return of(expected, got, reported);
    }

    /**
     * Checks that a replayed batch's encoding is byte for byte protobuf-java's serialization of its message (which is
     * parsed from it: the golden comparisons check the message, this its bytes), and that its record count is the
     * message's.
     */
    public static void checkEncoding(ReplayedBatch<? extends Message> batch) {
        byte[] serialized = batch.data().toByteArray();
        if (!batch.encoded().equals(java.nio.ByteBuffer.wrap(serialized))) {
            throw new AssertionError(batch + ": its encoding (" + batch.serializedSize() + " bytes) is not protobuf-java's "
                    + "serialization of its message (" + serialized.length + " bytes)");
        }
        int records = Flattened.of(batch.data()).size();
        if (records != batch.records()) {
            throw new AssertionError(batch + " says " + batch.records() + " records, its message has " + records);
        }
    }

    /**
     * @param replayed the replayed messages (one per replayed batch), any order
     * @param reported per replayed message: whether its batch reported resource or scope rows it could not join
     */
    public static Result of(List<? extends Message> expected, List<? extends Message> replayed, List<Boolean> reported) {
        List<Message> want = new ArrayList<>();
        for (Message batch : expected) Flattened.of(Golden.canonical(batch)).forEach(want::add);
        List<Message> got = new ArrayList<>();
        List<Boolean> gotReported = new ArrayList<>();
        for (int i = 0; i < replayed.size(); i++) {
            for (Message record : Flattened.of(Golden.canonical(replayed.get(i)))) {
                got.add(record);
                gotReported.add(reported.get(i));
            }
        }
        return compare(want, got, gotReported);
    }

    private static Result compare(List<Message> want, List<Message> got, List<Boolean> reported) {
        List<String> wrong = new ArrayList<>();
        int exact = 0, leftOff = 0;
        List<Integer> gotOrder = pairingOrder(got), wantOrder = pairingOrder(want);
        for (int i = 0; i < Math.min(got.size(), want.size()); i++) {
            Message record = got.get(gotOrder.get(i));
            Message golden = want.get(wantOrder.get(i));
            if (record.equals(golden)) {
                exact++;
            } else if (reported.get(gotOrder.get(i)) && onlyLeftOff(record, golden)) {
                leftOff++;
            } else if (wrong.size() < 3) {
                wrong.add("got " + record + "\nwant " + golden);
            } else {
                wrong.add("(more)");
            }
        }
        if (got.size() != want.size()) wrong.add(got.size() + " records replayed, " + want.size() + " expected");
        return new Result(want.size(), got.size(), exact, leftOff, wrong);
    }

    /** Whether the record differs from the golden one only by resource or scope attributes left off entirely. */
    private static boolean onlyLeftOff(Message record, Message golden) {
        if (!Flattened.withoutResourceAndScopeAttributes(record).equals(Flattened.withoutResourceAndScopeAttributes(golden))) {
            return false;
        }
        List<List<KeyValue>> got = Flattened.resourceAndScopeAttributes(record);
        List<List<KeyValue>> want = Flattened.resourceAndScopeAttributes(golden);
        for (int k = 0; k < got.size(); k++) {
            if (!got.get(k).isEmpty() && !got.get(k).equals(want.get(k))) return false;
        }
        return true;
    }

    /** Indexes of {@code records} sorted by their content without resource and scope attributes. */
    private static List<Integer> pairingOrder(List<Message> records) {
        List<ByteString> keys = records.stream().map(r -> Flattened.withoutResourceAndScopeAttributes(r).toByteString()).toList();
        return IntStream.range(0, records.size()).boxed()
                .sorted(Comparator.comparing(keys::get, ByteString.unsignedLexicographicalComparator())).toList();
    }
}
