package io.pqflux.otap.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pqflux.otap.BatchPosition;
import io.pqflux.otap.ExportListing;
import io.pqflux.otap.PartitionProgress;
import io.pqflux.otap.Signal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a receiver has delivered: per signal and partition the batches delivered ({@link PartitionProgress}: per root
 * file, the end of the last one, since root files become visible out of their creation order), the sink's committed
 * length (the output file's length right after the last delivered batch; 0 for sinks without one), and the quarantined
 * files. Immutable; {@code with…} returns a copy.
 *
 * <p>Stored as JSON and replaced atomically ({@link #write(Path)}): the new content goes to a temporary file in the
 * same directory, is forced to the device, and is renamed over the old file, whose directory is then forced too; a
 * crash at any point leaves either the old or the new checkpoint, never a mix.
 */
public final class Checkpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Format 2 records batches per root file; format 1 (one position per partition) is read as its {@code upTo}. */
    private static final int FORMAT = 2;
    private static final int FORMAT_POSITIONS = 1;
    private static final Checkpoint EMPTY = new Checkpoint(Map.of(), 0, List.of());

    private final Map<Signal, Map<String, PartitionProgress>> progress;
    private final long sinkLength;
    private final List<QuarantinedFile> quarantine;

    private Checkpoint(Map<Signal, Map<String, PartitionProgress>> progress, long sinkLength,
                       List<QuarantinedFile> quarantine) {
        this.progress = progress;
        this.sinkLength = sinkLength;
        this.quarantine = quarantine;
    }

    /** Nothing delivered yet. */
    public static Checkpoint empty() {
        return EMPTY;
    }

    /**
     * The checkpoint stored at {@code file}, or {@link #empty()} when there is none.
     *
     * @throws ReceiverException when the file cannot be read or is not a checkpoint
     */
    public static Checkpoint load(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException e) {
            throw ReceiverException.io(file, "read the checkpoint", e);
        }
        try {
            return parse(JSON.readTree(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ReceiverException(file + ": not a receiver checkpoint: " + e.getMessage(), e);
        }
    }

    /** Per partition, the batches of {@code signal} delivered. */
    public Map<String, PartitionProgress> progress(Signal signal) {
        return progress.getOrDefault(signal, Map.of());
    }

    /** The sink's length right after the last delivered batch. */
    public long sinkLength() {
        return sinkLength;
    }

    /** The files left out of every replay, in the order they were quarantined. */
    public List<QuarantinedFile> quarantine() {
        return quarantine;
    }

    public boolean isQuarantined(String path) {
        return quarantine.stream().anyMatch(q -> q.path().equals(path));
    }

    /** This checkpoint after a batch of {@code signal} ending at {@code position} was delivered. */
    public Checkpoint withDelivered(Signal signal, BatchPosition position, long newSinkLength) {
        Objects.requireNonNull(position, "position");
        if (newSinkLength < 0) throw new IllegalArgumentException("sink length " + newSinkLength + " < 0");
        PartitionProgress partition = progress(signal).getOrDefault(position.partition(),
                PartitionProgress.none(position.partition()));
        Map<String, PartitionProgress> partitions = new TreeMap<>(progress(signal));
        partitions.put(position.partition(), partition.with(position));
        return withPartitions(signal, partitions, newSinkLength);
    }

    /**
     * This checkpoint with {@code signal}'s progress as it applies to {@code listing} ({@link PartitionProgress#against}):
     * positions of a format-1 checkpoint become per-file records, records of root files the export no longer lists
     * (deleted by retention) go, and so do partitions left with none; otherwise they would be kept forever.
     */
    public Checkpoint against(Signal signal, ExportListing listing) {
        Map<String, PartitionProgress> partitions = new TreeMap<>();
        for (PartitionProgress partition : progress(signal).values()) {
            PartitionProgress applied = partition.against(listing.files(signal.root(), partition.partition()));
            if (!applied.isEmpty()) partitions.put(applied.partition(), applied);
        }
        return partitions.equals(progress(signal)) ? this : withPartitions(signal, partitions, sinkLength);
    }

    /** This checkpoint with {@code partitions} as {@code signal}'s progress (none: the signal goes). */
    private Checkpoint withPartitions(Signal signal, Map<String, PartitionProgress> partitions, long newSinkLength) {
        Map<Signal, Map<String, PartitionProgress>> copy = new EnumMap<>(Signal.class);
        copy.putAll(progress);
        if (partitions.isEmpty()) copy.remove(signal); else copy.put(signal, Map.copyOf(partitions));
        return new Checkpoint(Map.copyOf(copy), newSinkLength, quarantine);
    }

    public Checkpoint withQuarantined(QuarantinedFile file) {
        if (isQuarantined(file.path())) return this;
        List<QuarantinedFile> copy = new ArrayList<>(quarantine);
        copy.add(file);
        return new Checkpoint(progress, sinkLength, List.copyOf(copy));
    }

    /**
     * Replaces {@code file} atomically with this checkpoint.
     *
     * @throws ReceiverException when it cannot be written
     */
    public void write(Path file) {
        write(file, () -> { });
    }

    /** {@link #write(Path)} with a hook between the forced temporary file and the rename (the crash tests' seam). */
    void write(Path file, Runnable beforeRename) {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        Path temporary = directory.resolve(absolute.getFileName() + ".tmp");
        try {
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(toJson());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) channel.write(buffer);
                channel.force(true);
            }
            beforeRename.run();
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(directory);
        } catch (IOException e) {
            throw ReceiverException.io(file, "write the checkpoint", e);
        }
    }

    /** Makes the rename durable. POSIX file systems can open and force a directory; others (Windows) cannot. */
    private static void forceDirectory(Path directory) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!posix) return;
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("sinkLength", sinkLength);
        ObjectNode bySignal = root.putObject("progress");
        for (Signal signal : Signal.values()) {
            Map<String, PartitionProgress> partitions = progress(signal);
            if (partitions.isEmpty()) continue;
            ObjectNode byPartition = bySignal.putObject(signal.name().toLowerCase(Locale.ROOT));
            for (PartitionProgress p : new TreeMap<>(partitions).values()) {
                ObjectNode partition = byPartition.putObject(p.partition());
                if (p.upTo() != null) position(partition.putObject("upTo"), p.upTo());
                ObjectNode files = partition.putObject("rootFiles");
                new TreeMap<>(p.consumedRows()).forEach(files::put);
            }
        }
        ArrayNode files = root.putArray("quarantine");
        for (QuarantinedFile q : quarantine) files.addObject().put("file", q.path()).put("error", q.error());
        return root;
    }

    private static void position(ObjectNode node, BatchPosition position) {
        node.put("rootFile", position.rootFile()).put("endRow", position.endRow());
    }

    private static BatchPosition position(String partition, JsonNode node) {
        return new BatchPosition(partition, required(node, "rootFile").asText(), required(node, "endRow").asLong());
    }

    private static Checkpoint parse(JsonNode root) {
        int format = required(root, "format").asInt();
        if (format != FORMAT && format != FORMAT_POSITIONS) {
            throw new IllegalArgumentException("format " + format + ", expected " + FORMAT + " (or " + FORMAT_POSITIONS + ")");
        }
        Map<Signal, Map<String, PartitionProgress>> progress = new EnumMap<>(Signal.class);
        String field = format == FORMAT ? "progress" : "positions";
        for (Map.Entry<String, JsonNode> s : required(root, field).properties()) {
            Signal signal = Signal.valueOf(s.getKey().toUpperCase(Locale.ROOT));
            Map<String, PartitionProgress> partitions = new TreeMap<>();
            for (Map.Entry<String, JsonNode> p : s.getValue().properties()) {
                String partition = p.getKey();
                if (format == FORMAT_POSITIONS) {
                    // one position: every batch up to it in creation order, as a format-1 receiver resumed
                    partitions.put(partition, PartitionProgress.through(position(partition, p.getValue())));
                    continue;
                }
                JsonNode upTo = p.getValue().get("upTo");
                Map<String, Long> rows = new HashMap<>();
                for (Map.Entry<String, JsonNode> f : required(p.getValue(), "rootFiles").properties()) {
                    if (!f.getValue().isIntegralNumber()) {
                        throw new IllegalArgumentException("end row of " + f.getKey() + " is not a whole number");
                    }
                    rows.put(f.getKey(), f.getValue().asLong());
                }
                partitions.put(partition, new PartitionProgress(partition,
                        upTo == null || upTo.isNull() ? null : position(partition, upTo), rows));
            }
            progress.put(signal, Map.copyOf(partitions));
        }
        List<QuarantinedFile> quarantine = new ArrayList<>();
        for (JsonNode q : required(root, "quarantine")) {
            quarantine.add(new QuarantinedFile(required(q, "file").asText(), required(q, "error").asText()));
        }
        long sinkLength = required(root, "sinkLength").asLong();
        if (sinkLength < 0) throw new IllegalArgumentException("sinkLength " + sinkLength + " < 0");
        return new Checkpoint(Map.copyOf(progress), sinkLength, List.copyOf(quarantine));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) throw new IllegalArgumentException("missing \"" + field + "\"");
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.sinkLength == sinkLength && c.progress.equals(progress)
                && c.quarantine.equals(quarantine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(progress, sinkLength, quarantine);
    }

    @Override
    public String toString() {
        return "Checkpoint" + toJson();
    }
}
