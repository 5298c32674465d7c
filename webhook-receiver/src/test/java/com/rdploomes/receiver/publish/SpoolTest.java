package com.rdploomes.receiver.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rdploomes.model.Conversion;
import com.rdploomes.model.ConversionCodec;

/** The spool on a real directory: what it writes, what it reads back, and how it refuses. */
class SpoolTest {

    private final ConversionCodec codec = new ConversionCodec();
    private final Path dir = TestConversions.tempDir("spool");

    @AfterEach
    void deleteDir() {
        TestConversions.delete(dir);
    }

    @Test
    void batchesReadBackInOrderAfterTheSpoolIsReopened() throws Exception {
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            spool.append(List.of(TestConversions.of("a1"), TestConversions.of("a2")));
            spool.append(List.of(TestConversions.of("b1")));
            assertThat(spool.depth()).isEqualTo(3);
            assertThat(spool.files()).isEqualTo(2);
        }
        try (Spool reopened = Spool.open(dir, 1_000_000, codec)) {
            assertThat(reopened.depth()).isEqualTo(3);
            assertThat(reopened.bytes()).isPositive();
            List<Spool.SpooledBatch> pending = reopened.pending();
            assertThat(pending).hasSize(2);
            assertThat(reopened.read(pending.get(0))).extracting(Conversion::id).containsExactly("a1", "a2");
            Conversion b1 = reopened.read(pending.get(1)).getFirst();
            assertThat(b1).isEqualTo(TestConversions.of("b1"));
            assertThat(b1.lead().name()).isEqualTo("Zoë\nAção b1");

            // numbering goes on after the highest sequence left on disk
            Spool.SpooledBatch next = reopened.append(List.of(TestConversions.of("c1")));
            assertThat(next.sequence()).isGreaterThan(pending.get(1).sequence());
            assertThat(reopened.pending()).last().isEqualTo(next);
        }
    }

    @Test
    void removingABatchDeletesItsFileAndFreesItsRoom() throws Exception {
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            Spool.SpooledBatch batch = spool.append(List.of(TestConversions.of("x")));
            assertThat(batch.path()).exists();
            spool.remove(batch);
            assertThat(batch.path()).doesNotExist();
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.depth()).isZero();
            assertThat(spool.bytes()).isZero();
        }
    }

    @Test
    void aFullSpoolRefusesUntilABatchLeaves() throws Exception {
        long oneBatch;
        try (Spool probe = Spool.open(dir, 1_000_000, codec)) {
            oneBatch = probe.append(List.of(TestConversions.of("size"))).bytes();
            probe.remove(probe.pending().getFirst());
        }
        try (Spool spool = Spool.open(dir, oneBatch * 2, codec)) {
            spool.append(List.of(TestConversions.of("1111")));
            Spool.SpooledBatch second = spool.append(List.of(TestConversions.of("2222")));
            assertThatThrownBy(() -> spool.append(List.of(TestConversions.of("3333"))))
                    .isInstanceOf(SpoolFullException.class)
                    .hasMessageContaining("of " + oneBatch * 2 + " bytes");
            assertThat(spool.hasRoom()).isFalse();
            assertThat(spool.depth()).isEqualTo(2);

            spool.remove(second);
            assertThat(spool.hasRoom()).isTrue();
            spool.append(List.of(TestConversions.of("3333")));
            assertThat(spool.depth()).isEqualTo(2);
        }
    }

    @Test
    void aDisabledSpoolTakesNothingAndTouchesNoDirectory() throws Exception {
        Path absent = dir.resolve("never-created");
        try (Spool spool = Spool.open(absent, 0, codec)) {
            assertThat(spool.enabled()).isFalse();
            assertThat(spool.hasRoom()).isFalse();
            assertThatThrownBy(() -> spool.append(List.of(TestConversions.of("x"))))
                    .isInstanceOf(SpoolFullException.class).hasMessageContaining("disabled");
        }
        assertThat(absent).doesNotExist();
    }

    @Test
    void aWriteThatCrashedBeforeItsRenameIsDiscardedAtOpen() throws Exception {
        Files.createDirectories(dir);
        Path leftover = Files.writeString(dir.resolve(".0000000000000000007.batch.tmp"), "half a bat");
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            assertThat(spool.isEmpty()).isTrue();
        }
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aSecondReceiverCannotUseTheSameDirectory() throws Exception {
        try (Spool first = Spool.open(dir, 1_000_000, codec)) {
            assertThatThrownBy(() -> Spool.open(dir, 1_000_000, codec))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("in use by another receiver");
            assertThat(first.enabled()).isTrue();
        }
        Spool.open(dir, 1_000_000, codec).close(); // released on close
    }

    @Test
    void aDamagedFileFailsToReadAndIsMovedAside() throws Exception {
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            Spool.SpooledBatch batch = spool.append(List.of(TestConversions.of("damaged")));
            byte[] content = Files.readAllBytes(batch.path());
            content[content.length - 5] ^= 0x20; // one flipped bit, still valid UTF-8 and JSON-looking
            Files.write(batch.path(), content);

            assertThatThrownBy(() -> spool.read(batch))
                    .isInstanceOf(CorruptSpoolFileException.class).hasMessageContaining("checksum");
            Path moved = spool.quarantine(batch);
            assertThat(moved).exists().hasParent(dir.resolve(Spool.CORRUPT_DIR));
            assertThat(batch.path()).doesNotExist();
            assertThat(spool.isEmpty()).isTrue();
            assertThat(spool.quarantined()).isEqualTo(1);
        }
    }

    @Test
    void aFileThatIsNotASpoolBatchFailsToRead() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("0000000000000000001.batch"), "{\"leads\":[]}\n", StandardCharsets.UTF_8);
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            assertThat(spool.files()).isEqualTo(1);
            assertThatThrownBy(() -> spool.read(spool.pending().getFirst()))
                    .isInstanceOf(CorruptSpoolFileException.class).hasMessageContaining("header");
        }
    }

    @Test
    void everyBatchIsOneFileNamedByItsSequenceAndNoTemporaryIsLeft() throws Exception {
        try (Spool spool = Spool.open(dir, 1_000_000, codec)) {
            for (int i = 0; i < 20; i++) {
                spool.append(List.of(TestConversions.of("w" + i)));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".lock")))
                    .hasSize(20).allMatch(n -> n.matches("\\d{19}\\.batch"));
        }
    }
}
