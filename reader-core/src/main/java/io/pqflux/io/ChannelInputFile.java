package io.pqflux.io;

import io.pqflux.error.CorruptFileException;
import io.pqflux.error.ParquetIOException;
import io.pqflux.error.SourceLocation;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Positional reads from a channel into memory allocated in the caller's arena, for sources that cannot
 * be mapped (pipes excluded: the channel must be seekable).
 */
public final class ChannelInputFile implements InputFile {

    /** Reads are split so each ByteBuffer view stays far below the 2 GiB limit. */
    private static final long MAX_READ_CHUNK = 1L << 30;

    private final String name;
    private final SeekableByteChannel channel;
    private final long length;

    public ChannelInputFile(String name, SeekableByteChannel channel) {
        this.name = name;
        this.channel = channel;
        try {
            this.length = channel.size();
        } catch (IOException e) {
            throw new ParquetIOException("cannot determine size: " + e, SourceLocation.ofFile(name), e);
        }
    }

    public static ChannelInputFile open(Path path) {
        try {
            return new ChannelInputFile(path.toString(), FileChannel.open(path, StandardOpenOption.READ));
        } catch (IOException e) {
            throw new ParquetIOException("cannot open file: " + e, SourceLocation.ofFile(path.toString()), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public MemorySegment read(long offset, long size, Arena arena) {
        Ranges.check(name, length, offset, size);
        MemorySegment target = arena.allocate(size, 8);
        long done = 0;
        try {
            while (done < size) {
                ByteBuffer buffer = target.asSlice(done, Math.min(MAX_READ_CHUNK, size - done)).asByteBuffer();
                while (buffer.hasRemaining()) {
                    int n = positionalRead(buffer, offset + done + buffer.position());
                    if (n < 0) {
                        throw new CorruptFileException("unexpected end of file",
                                SourceLocation.ofFile(name).withOffset(offset + done + buffer.position()));
                    }
                }
                done += buffer.capacity();
            }
        } catch (IOException e) {
            throw new ParquetIOException("read failed: " + e, SourceLocation.ofFile(name).withOffset(offset + done), e);
        }
        return target;
    }

    private int positionalRead(ByteBuffer buffer, long position) throws IOException {
        if (channel instanceof FileChannel file) return file.read(buffer, position);
        synchronized (channel) {
            channel.position(position);
            return channel.read(buffer);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new ParquetIOException("close failed: " + e, SourceLocation.ofFile(name), e);
        }
    }
}
