package io.descopefilter.core.internal.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A few strings (each possibly {@code null}) as bytes and back: the plain content of a store entry before it is
 * {@link Sealed sealed}. Length-prefixed, so no value can be mistaken for another field.
 */
public final class Fields {

    private static final int NULL = -1;
    /** Longest field read back: a JWT with many claims fits, a corrupted length does not allocate gigabytes. */
    private static final int MAX_FIELD = 1 << 20;

    private Fields() {
    }

    public static byte[] pack(String... values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(values.length);
            for (String value : values) {
                if (value == null) {
                    out.writeInt(NULL);
                } else {
                    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory does not fail", e);
        }
        return bytes.toByteArray();
    }

    /** The fields of {@code packed}; empty when it is not what {@link #pack} wrote with {@code count} fields. */
    public static Optional<List<String>> unpack(byte[] packed, int count) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(packed))) {
            if (in.readInt() != count) {
                return Optional.empty();
            }
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = in.readInt();
                if (length == NULL) {
                    values.add(null);
                    continue;
                }
                if (length < 0 || length > MAX_FIELD || length > in.available()) {
                    return Optional.empty();
                }
                values.add(new String(in.readNBytes(length), StandardCharsets.UTF_8));
            }
            return in.available() == 0 ? Optional.of(values) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
