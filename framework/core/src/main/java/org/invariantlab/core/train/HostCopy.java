package org.invariantlab.core.train;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java {@code double[]} and the native buffer of a dense, C-ordered, non-view ND4J array
 * of type FLOAT or DOUBLE, through one memory copy instead of per-element calls. Used on the training hot
 * path, where it moves a few thousand numbers per step. One instance per array owner: the float staging
 * array is reused and not thread-safe.
 */
final class HostCopy {

    private float[] staging = new float[0];

    /** A fresh zeroed C-ordered {@code rows × cols} array for which {@link #write} and {@link #read} are valid. */
    static INDArray create(DataType type, int rows, int cols) {
        return Nd4j.create(type, new long[] {rows, cols}, 'c');
    }

    /** Copies {@code src[0, n)} into the first {@code n} elements of {@code target}. */
    void write(INDArray target, double[] src, int n) {
        check(target, n);
        if (target.dataType() == DataType.DOUBLE) {
            ((DoublePointer) target.data().pointer()).put(src, 0, n);
        } else {
            float[] f = staging(n);
            for (int i = 0; i < n; i++) {
                f[i] = (float) src[i];
            }
            ((FloatPointer) target.data().pointer()).put(f, 0, n);
        }
    }

    /** Copies the first {@code n} elements of {@code source} into {@code dst[0, n)}. */
    void read(INDArray source, double[] dst, int n) {
        check(source, n);
        if (source.dataType() == DataType.DOUBLE) {
            ((DoublePointer) source.data().pointer()).get(dst, 0, n);
        } else {
            float[] f = staging(n);
            ((FloatPointer) source.data().pointer()).get(f, 0, n);
            for (int i = 0; i < n; i++) {
                dst[i] = f[i];
            }
        }
    }

    private float[] staging(int n) {
        if (staging.length < n) {
            staging = new float[n];
        }
        return staging;
    }

    private static void check(INDArray a, int n) {
        if (a.isView() || a.ordering() != 'c' || a.offset() != 0 || a.length() < n
                || (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE)) {
            throw new IllegalArgumentException("bulk copy needs a dense C-ordered FLOAT or DOUBLE array of at least "
                    + n + " elements");
        }
    }
}
