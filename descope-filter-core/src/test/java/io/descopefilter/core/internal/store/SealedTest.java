package io.descopefilter.core.internal.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What reaches a shared store can be read back only by the holder of the value it belongs to. */
class SealedTest {

    private static final String HANDLE = "k3Jx9QmT0sVb1Yw2Zc4Rd5Ue6Hf7Ig8Jh9Ki0Lj1Mk";
    private static final byte[] SECRET = "pendingRef-secret-value".getBytes(StandardCharsets.UTF_8);

    @Test
    void theHolderOfTheValueOpensWhatWasSealed() {
        byte[] sealed = Sealed.seal("enchanted", HANDLE, SECRET);

        assertThat(Sealed.open("enchanted", HANDLE, sealed)).hasValueSatisfying(v -> assertThat(v).isEqualTo(SECRET));
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("pendingRef-secret-value");
    }

    @Test
    void anAlteredEntryIsRefused() {
        byte[] sealed = Sealed.seal("enchanted", HANDLE, SECRET);
        for (int i = 0; i < sealed.length; i++) {
            byte[] tampered = sealed.clone();
            tampered[i] ^= 1;
            assertThat(Sealed.open("enchanted", HANDLE, tampered)).as("byte %d flipped", i).isEmpty();
        }
        assertThat(Sealed.open("enchanted", HANDLE, java.util.Arrays.copyOf(sealed, sealed.length - 1))).isEmpty();
        assertThat(Sealed.open("enchanted", HANDLE, new byte[0])).isEmpty();
        assertThat(Sealed.open("enchanted", HANDLE, null)).isEmpty();
    }

    @Test
    void anotherValueOrLabelCannotOpenIt() {
        byte[] sealed = Sealed.seal("enchanted", HANDLE, SECRET);

        assertThat(Sealed.open("enchanted", HANDLE.replace('k', 'q'), sealed)).isEmpty();
        assertThat(Sealed.open("held", HANDLE, sealed)).as("an entry of one kind never passes for another").isEmpty();
    }

    @Test
    void sealingTwiceGivesDifferentBytes() {
        assertThat(Sealed.seal("l", HANDLE, SECRET)).isNotEqualTo(Sealed.seal("l", HANDLE, SECRET));
    }

    @Test
    void theStoreKeyIsAHashThatDependsOnTheLabelAndNeverShowsTheValue() {
        String key = Sealed.keyOf("refresh.result", HANDLE);

        assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]+").doesNotContain(HANDLE.substring(0, 8));
        assertThat(key).isEqualTo(Sealed.keyOf("refresh.result", HANDLE));
        assertThat(key).isNotEqualTo(Sealed.keyOf("refresh.lock", HANDLE));
        assertThat(key).isNotEqualTo(Sealed.keyOf("refresh.result", HANDLE + "x"));
    }

    @Test
    void fieldsRoundTripIncludingNullsAndRefuseOtherShapes() {
        byte[] packed = Fields.pack("a", null, "", "é");

        assertThat(Fields.unpack(packed, 4)).hasValue(java.util.Arrays.asList("a", null, "", "é"));
        assertThat(Fields.unpack(packed, 3)).isEmpty();
        assertThat(Fields.unpack(new byte[] {0, 0, 0, 1, 127, 0, 0, 0}, 1)).isEmpty();
        assertThat(Fields.unpack(new byte[0], 1)).isEmpty();
        assertThat(List.of()).isEmpty();
    }
}
