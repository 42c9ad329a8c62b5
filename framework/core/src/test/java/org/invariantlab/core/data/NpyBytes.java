package org.invariantlab.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes NumPy .npy bytes and .npz archives as numpy.save and numpy.savez do, for tests. */
final class NpyBytes {

    private NpyBytes() {
    }

    /** A version-1 .npy of little-endian float64 values with the given shape and header fields. */
    static byte[] npy(String descr, boolean fortran, long[] shape, double[] values) {
        StringBuilder s = new StringBuilder("(");
        for (long n : shape) {
            s.append(n).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : s.substring(0, s.length() - 2) + ")";
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shapeText + ", }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.writeBytes(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        int size = descr.endsWith("8") ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(values.length * size)
                .order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (descr.substring(1)) {
                case "f8" -> b.putDouble(v);
                case "f4" -> b.putFloat((float) v);
                case "i8" -> b.putLong((long) v);
                default -> b.putInt((int) v);
            }
        }
        out.writeBytes(b.array());
        return out.toByteArray();
    }

    static byte[] npy(long[] shape, double[] values) {
        return npy("<f8", false, shape, values);
    }

    /** A .npz archive of the arrays, deflated or stored. */
    static void npz(Path file, Map<String, byte[]> arrays, boolean deflated) throws IOException {
        try (OutputStream os = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(os)) {
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
                if (!deflated) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
    }
}
