package io.pqflux.otap.receiver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pqflux.otap.BatchPosition;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a receiver has delivered: per signal and partition the position of the last delivered batch, the sink's
 * committed length (the output file's length right after that batch; 0 for sinks without one), and the quarantined
 * files. Immutable; {@code with…} returns a copy.
 *
 * <p>Stored as JSON and replaced atomically ({@link #write(Path)}): the new content goes to a temporary file in the
 * same directory, is forced to the device, and is renamed over the old file, whose directory is then forced too; a
 * crash at any point leaves either the old or the new checkpoint, never a mix.
 */
public final class Checkpoint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FORMAT = 1;
    private static final Checkpoint EMPTY = new Checkpoint(Map.of(), 0, List.of());

    private final Map<Signal, Map<String, BatchPosition>> positions;
    private final long sinkLength;
    private final List<QuarantinedFile> quarantine;

    private Checkpoint(Map<Signal, Map<String, BatchPosition>> positions, long sinkLength,
                       List<QuarantinedFile> quarantine) {
        this.positions = positions;
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
            throw new ReceiverException(file + ": cannot read the checkpoint: " + e, e);
        }
        try {
            return parse(JSON.readTree(bytes));
        } catch (IOException | RuntimeException e) {
            throw new ReceiverException(file + ": not a receiver checkpoint: " + e.getMessage(), e);
        }
    }

    /** Per partition, the last delivered batch of {@code signal}. */
    public Map<String, BatchPosition> positions(Signal signal) {
        return positions.getOrDefault(signal, Map.of());
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
        Map<Signal, Map<String, BatchPosition>> copy = new EnumMap<>(Signal.class);
        copy.putAll(positions);
        Map<String, BatchPosition> partitions = new TreeMap<>(positions(signal));
        partitions.put(position.partition(), position);
        copy.put(signal, Map.copyOf(partitions));
        return new Checkpoint(Map.copyOf(copy), newSinkLength, quarantine);
    }

    public Checkpoint withQuarantined(QuarantinedFile file) {
        if (isQuarantined(file.path())) return this;
        List<QuarantinedFile> copy = new ArrayList<>(quarantine);
        copy.add(file);
        return new Checkpoint(positions, sinkLength, List.copyOf(copy));
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
            throw new ReceiverException(file + ": cannot write the checkpoint: " + e, e);
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
        ObjectNode bySignal = root.putObject("positions");
        for (Signal signal : Signal.values()) {
            Map<String, BatchPosition> partitions = positions(signal);
            if (partitions.isEmpty()) continue;
            ObjectNode byPartition = bySignal.putObject(signal.name().toLowerCase(Locale.ROOT));
            for (BatchPosition p : new TreeMap<>(partitions).values()) {
                byPartition.putObject(p.partition()).put("rootFile", p.rootFile()).put("endRow", p.endRow());
            }
        }
        ArrayNode files = root.putArray("quarantine");
        for (QuarantinedFile q : quarantine) files.addObject().put("file", q.path()).put("error", q.error());
        return root;
    }

    private static Checkpoint parse(JsonNode root) {
        int format = required(root, "format").asInt();
        if (format != FORMAT) throw new IllegalArgumentException("format " + format + ", expected " + FORMAT);
        Map<Signal, Map<String, BatchPosition>> positions = new EnumMap<>(Signal.class);
        for (Map.Entry<String, JsonNode> s : required(root, "positions").properties()) {
            Signal signal = Signal.valueOf(s.getKey().toUpperCase(Locale.ROOT));
            Map<String, BatchPosition> partitions = new TreeMap<>();
            for (Map.Entry<String, JsonNode> p : s.getValue().properties()) {
                partitions.put(p.getKey(), new BatchPosition(p.getKey(), required(p.getValue(), "rootFile").asText(),
                        required(p.getValue(), "endRow").asLong()));
            }
            positions.put(signal, Map.copyOf(partitions));
        }
        List<QuarantinedFile> quarantine = new ArrayList<>();
        for (JsonNode q : required(root, "quarantine")) {
            quarantine.add(new QuarantinedFile(required(q, "file").asText(), required(q, "error").asText()));
        }
        long sinkLength = required(root, "sinkLength").asLong();
        if (sinkLength < 0) throw new IllegalArgumentException("sinkLength " + sinkLength + " < 0");
        return new Checkpoint(Map.copyOf(positions), sinkLength, List.copyOf(quarantine));
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) throw new IllegalArgumentException("missing \"" + field + "\"");
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Checkpoint c && c.sinkLength == sinkLength && c.positions.equals(positions)
                && c.quarantine.equals(quarantine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(positions, sinkLength, quarantine);
    }

    @Override
    public String toString() {
        return "Checkpoint" + toJson();
    }
}
