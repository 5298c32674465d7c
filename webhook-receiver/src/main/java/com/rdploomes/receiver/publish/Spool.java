package com.rdploomes.receiver.publish;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;
import com.rdploomes.model.InvalidConversionException;

/**
 * The receiver's local, durable queue for conversions RabbitMQ did not confirm. One file per request's batch,
 * named by a sequence number: written under a temporary name, forced to disk, renamed atomically, and the
 * directory forced too. A file is therefore either whole or absent after a crash, and a 202 is answered only
 * once it is on disk. {@link SpoolDrainer} publishes the files in sequence order and removes each only after
 * RabbitMQ confirmed it (at-least-once: the worker recognises a repeated conversion).
 *
 * <p>File layout: a header line {@code rdploomes-spool 1 <count> <crc32c of the rest, hex>}, then one
 * {@link ConversionCodec} JSON document per line. The checksum catches a file damaged on disk; such a file is
 * moved to {@code corrupt/} by the drainer, so it never blocks the ones behind it.
 *
 * <p>The directory is locked while a receiver uses it: two receivers sharing one spool would publish each
 * other's files twice and could pick the same sequence numbers.
 */
public final class Spool implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(Spool.class);

    static final String MAGIC = "rdploomes-spool";
    static final int FORMAT = 1;
    static final String SUFFIX = ".batch";
    static final String CORRUPT_DIR = "corrupt";
    private static final Pattern NAME = Pattern.compile("(\\d{1,19})\\" + SUFFIX);

    private final Path dir;
    private final long maxBytes;
    private final ConversionCodec codec;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final ConcurrentSkipListMap<Long, SpooledBatch> pending = new ConcurrentSkipListMap<>();
    private final AtomicLong nextSequence;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger conversions = new AtomicInteger();
    private final AtomicInteger quarantined = new AtomicInteger();
    /** Set when a batch did not fit, cleared when one leaves: "room" means the next batch is likely to fit. */
    private volatile boolean refusedSinceLastRemoval;

    private Spool(Path dir, long maxBytes, ConversionCodec codec, FileChannel lockChannel, FileLock lock) throws IOException {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.codec = codec;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.nextSequence = new AtomicLong(load() + 1);
    }

    /**
     * Opens (creating it when missing) and locks the spool directory, and indexes the batches a previous run
     * left there.
     *
     * @param maxBytes the most the spool holds; 0 disables it (nothing is written, nothing is locked)
     * @throws IllegalStateException when another receiver holds the directory
     */
    public static Spool open(Path dir, long maxBytes, ConversionCodec codec) throws IOException {
        if (maxBytes <= 0) {
            return new Spool(dir, 0, codec, null, null);
        }
        Files.createDirectories(dir);
        FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("the spool directory " + dir.toAbsolutePath()
                    + " is in use by another receiver; give each receiver its own SPOOL_DIR");
        }
        return new Spool(dir, maxBytes, codec, channel, lock);
    }

    public boolean enabled() {
        return maxBytes > 0;
    }

    public Path dir() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Conversions waiting to be published. */
    public int depth() {
        return conversions.get();
    }

    /** Batch files waiting to be published. */
    public int files() {
        return pending.size();
    }

    public long bytes() {
        return bytes.get();
    }

    /** Files moved aside as unreadable since this receiver started. */
    public int quarantined() {
        return quarantined.get();
    }

    /** When the oldest waiting batch was spooled. */
    public Optional<Instant> oldest() {
        var first = pending.firstEntry();
        return first == null ? Optional.empty() : Optional.of(first.getValue().spooledAt());
    }

    /** Whether the spool can take more: enabled, under its bound, and no batch refused since the last one left. */
    public boolean hasRoom() {
        return enabled() && bytes.get() < maxBytes && !refusedSinceLastRemoval;
    }

    /**
     * Writes the batch durably. Returns only once the file and its directory entry are on disk.
     *
     * @throws SpoolFullException when the batch would take the spool past its bound, or the spool is disabled
     */
    public SpooledBatch append(List<Conversion> batch) throws SpoolFullException, IOException {
        if (!enabled()) {
            throw new SpoolFullException("the spool is disabled (SPOOL_MAX_BYTES=0)");
        }
        byte[] content = encode(batch);
        // reserve first, so concurrent requests cannot together pass the bound
        if (bytes.addAndGet(content.length) > maxBytes) {
            bytes.addAndGet(-content.length);
            refusedSinceLastRemoval = true;
            throw new SpoolFullException("the spool holds " + bytes.get() + " of " + maxBytes + " bytes");
        }
        long sequence = nextSequence.getAndIncrement();
        Path finalPath = dir.resolve(name(sequence));
        Path temporary = dir.resolve("." + name(sequence) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, finalPath, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory();
        } catch (IOException | RuntimeException e) {
            bytes.addAndGet(-content.length);
            Files.deleteIfExists(temporary);
            throw e;
        }
        SpooledBatch spooled = new SpooledBatch(sequence, finalPath, content.length, batch.size(), Instant.now());
        pending.put(sequence, spooled);
        conversions.addAndGet(batch.size());
        return spooled;
    }

    /** The waiting batches, oldest first. */
    public List<SpooledBatch> pending() {
        return List.copyOf(pending.values());
    }

    /**
     * @throws CorruptSpoolFileException when the file cannot be read back as the batch that was written
     */
    public List<Conversion> read(SpooledBatch batch) throws CorruptSpoolFileException {
        byte[] content;
        try {
            content = Files.readAllBytes(batch.path());
        } catch (IOException e) {
            throw new CorruptSpoolFileException(batch.path() + " cannot be read: " + e, e);
        }
        return decode(content, batch.path());
    }

    /** The batch is in RabbitMQ: forget it. */
    public void remove(SpooledBatch batch) {
        forget(batch);
        try {
            Files.deleteIfExists(batch.path());
            forceDirectory();
        } catch (IOException e) {
            // the batch is published; at worst the next start publishes it once more, which the worker tolerates
            log.error("spool: could not delete {} after it was published ({}); a restart will publish it again",
                    batch.path().getFileName(), e.toString());
        }
    }

    /** An unreadable batch goes to {@code corrupt/}, out of the drain's way, for someone to look at. */
    public Path quarantine(SpooledBatch batch) throws IOException {
        forget(batch);
        quarantined.incrementAndGet();
        Path corrupt = Files.createDirectories(dir.resolve(CORRUPT_DIR));
        // the sequence may be reused after a restart, so the name gets the time as well
        Path target = corrupt.resolve(batch.path().getFileName() + "." + System.currentTimeMillis());
        try {
            Files.move(batch.path(), target, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return target;
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(batch.path(), target);
        }
        forceDirectory();
        return target;
    }

    @Override
    public void close() throws IOException {
        if (lock != null) {
            lock.release();
            lockChannel.close();
        }
    }

    private void forget(SpooledBatch batch) {
        if (pending.remove(batch.sequence()) != null) {
            bytes.addAndGet(-batch.bytes());
            conversions.addAndGet(-batch.conversions());
            refusedSinceLastRemoval = false;
        }
    }

    /** Indexes what an earlier run left; answers the highest sequence seen (0 when none). */
    private long load() throws IOException {
        if (!enabled()) {
            return 0;
        }
        long highest = 0;
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        }
        for (Path path : entries) {
            String fileName = path.getFileName().toString();
            if (fileName.endsWith(".tmp")) {
                // a write that crashed before its rename: never answered 202, so nobody relies on it
                Files.deleteIfExists(path);
                continue;
            }
            Matcher matcher = NAME.matcher(fileName);
            if (!matcher.matches() || !Files.isRegularFile(path)) {
                continue;
            }
            long sequence = Long.parseLong(matcher.group(1));
            highest = Math.max(highest, sequence);
            long size = Files.size(path);
            int count = countOf(path);
            pending.put(sequence, new SpooledBatch(sequence, path, size, count,
                    Files.getLastModifiedTime(path).toInstant()));
            bytes.addAndGet(size);
            conversions.addAndGet(count);
        }
        if (!pending.isEmpty()) {
            log.info("spool: {} conversions in {} batches waiting in {} from an earlier run",
                    conversions.get(), pending.size(), dir.toAbsolutePath());
        }
        return highest;
    }

    /** The count from the header; 0 when the header is unreadable (the drainer then moves the file aside). */
    private static int countOf(Path path) {
        try (var reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String[] header = String.valueOf(reader.readLine()).split(" ");
            return header.length == 4 && header[0].equals(MAGIC) ? Math.max(0, Integer.parseInt(header[2])) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private byte[] encode(List<Conversion> batch) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Conversion conversion : batch) {
            // the codec writes compact JSON: a newline inside a value is escaped, so one line per conversion holds
            body.writeBytes(codec.encode(conversion));
            body.write('\n');
        }
        byte[] lines = body.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(lines);
        byte[] header = (MAGIC + " " + FORMAT + " " + batch.size() + " " + Long.toHexString(crc.getValue()) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream file = new ByteArrayOutputStream(header.length + lines.length);
        file.writeBytes(header);
        file.writeBytes(lines);
        return file.toByteArray();
    }

    private List<Conversion> decode(byte[] content, Path path) throws CorruptSpoolFileException {
        int newline = indexOf(content, 0);
        if (newline < 0) {
            throw new CorruptSpoolFileException(path + " has no header line");
        }
        String[] header = new String(content, 0, newline, StandardCharsets.US_ASCII).split(" ");
        if (header.length != 4 || !header[0].equals(MAGIC) || !header[1].equals(Integer.toString(FORMAT))) {
            throw new CorruptSpoolFileException(path + " does not start with a spool header of format " + FORMAT);
        }
        int count;
        long expectedCrc;
        try {
            count = Integer.parseInt(header[2]);
            expectedCrc = HexFormat.fromHexDigitsToLong(header[3]);
        } catch (IllegalArgumentException e) {
            throw new CorruptSpoolFileException(path + " has a damaged header", e);
        }
        CRC32C crc = new CRC32C();
        crc.update(content, newline + 1, content.length - newline - 1);
        if (crc.getValue() != expectedCrc) {
            throw new CorruptSpoolFileException(path + " fails its checksum");
        }
        List<Conversion> batch = new ArrayList<>(count);
        int start = newline + 1;
        while (start < content.length) {
            int end = indexOf(content, start);
            if (end < 0) {
                end = content.length;
            }
            byte[] line = Arrays.copyOfRange(content, start, end);
            try {
                batch.add(codec.decode(line));
            } catch (InvalidConversionException e) {
                throw new CorruptSpoolFileException(path + " holds a line that is not a conversion: " + e.getMessage(), e);
            }
            start = end + 1;
        }
        if (batch.size() != count) {
            throw new CorruptSpoolFileException(path + " holds " + batch.size() + " conversions, its header says " + count);
        }
        return batch;
    }

    private static int indexOf(byte[] content, int from) {
        for (int i = from; i < content.length; i++) {
            if (content[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String name(long sequence) {
        // zero-padded, so a directory listing shows the files in the order they will be published
        return String.format("%019d%s", sequence, SUFFIX);
    }

    /** Makes a create, rename or delete in the directory durable (a rename is only on disk once its directory is). */
    private void forceDirectory() throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /**
     * One spooled request's batch.
     *
     * @param sequence the order it is published in
     * @param bytes its size on disk, counted against SPOOL_MAX_BYTES
     * @param conversions how many conversions it holds
     */
    public record SpooledBatch(long sequence, Path path, long bytes, int conversions, Instant spooledAt) {
    }
}
