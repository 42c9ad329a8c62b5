package org.invariantlab.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;

/**
 * Reads {@link Groups} from NumPy files: a {@code .npy} array, or a {@code .npz} archive of arrays (stored or
 * deflated, as {@code numpy.savez} and {@code numpy.savez_compressed} write them).
 *
 * <p><b>Arrays.</b> The states are one array of shape {@code [groups, states, d]} ({@code [trajectories, T, d]}),
 * of little-endian {@code float64}, {@code float32}, {@code int64} or {@code int32} in C order; other types,
 * big-endian data, object arrays and Fortran order are refused with a hint how to save them. Time stamps, when
 * given, are an array of shape {@code [T]} (shared by all trajectories) or {@code [trajectories, T]}: in a
 * {@code .npz} the array {@code t} or {@code times} (or the one named in the options), beside a {@code .npy} a
 * separate {@code .npy} file. In a {@code .npz} the states are the only 3-d array unless named in the options.
 * Variable names come from the options, by default {@code x0, x1, …}; groups are numbered {@code 0, 1, …}.
 *
 * <p><b>Errors.</b> One line naming the file (and the array), and for a bad value its group, state and variable:
 * NaN or infinity, a wrong shape, groups of one state, an empty or truncated file, a file that is not NumPy,
 * data too large for memory ({@link DataMemory}, checked from the header before the data are read).
 */
public final class NumpyGroupsReader {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final List<String> TIME_NAMES = List.of("t", "times");

    /**
     * How to read the arrays.
     *
     * @param variables   names of the {@code d} variables, or empty for {@code x0, x1, …}
     * @param statesArray in a {@code .npz}, the states array, or {@code null} for the only 3-d array
     * @param timesArray  in a {@code .npz}, the times array, or {@code null} for {@code t} or {@code times} if present
     * @param timesFile   beside a {@code .npy}, a {@code .npy} file of times, or {@code null} for none
     */
    public record Options(List<String> variables, String statesArray, String timesArray, Path timesFile) {

        public Options {
            variables = variables == null ? List.of() : List.copyOf(variables);
        }

        /** Default names {@code x0, x1, …}, the arrays chosen as described in the class comment. */
        public static Options defaults() {
            return new Options(List.of(), null, null, null);
        }

        /** These options with the variable names {@code names}. */
        public Options withVariables(List<String> names) {
            return new Options(names, statesArray, timesArray, timesFile);
        }
    }

    /** One array read from NumPy format, as doubles in C order. */
    record Array(String source, long[] shape, double[] data) {
    }

    private NumpyGroupsReader() {
    }

    /** Reads {@code file} ({@code .npy} or {@code .npz}) with a memory budget of {@link DataMemory#budget()}. */
    public static RaggedGroups read(Path file, Options options) {
        return read(file, options, DataMemory.budget());
    }

    /**
     * Reads {@code file}: a {@code .npz} archive by its name ending or its zip signature, else a {@code .npy}.
     *
     * @param memoryBudget bytes of heap the data may take
     * @throws InvalidInputException naming the file, array and position of bad data
     */
    public static RaggedGroups read(Path file, Options options, long memoryBudget) {
        Objects.requireNonNull(options, "options");
        requireFile(file);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npz") || isZip(file)) {
            return readNpz(file, options, memoryBudget);
        }
        Array states = readNpy(file, memoryBudget);
        Array times = options.timesFile() == null ? null : readNpy(options.timesFile(), memoryBudget);
        return groups(file.toString(), states, times, options);
    }

    private static RaggedGroups readNpz(Path file, Options options, long budget) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Map<String, ZipEntry> arrays = new LinkedHashMap<>();
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> arrays.put(arrayName(e.getName()), e));
            if (arrays.isEmpty()) {
                throw new InvalidInputException(file + ": the archive holds no arrays; save the states with"
                        + " numpy.savez(FILE, x=states)");
            }
            String statesName = options.statesArray();
            if (statesName == null) {
                List<String> threeD = new ArrayList<>();
                for (Map.Entry<String, ZipEntry> e : arrays.entrySet()) {
                    try (InputStream in = zip.getInputStream(e.getValue())) {
                        if (header(new BufferedInputStream(in), source(file, e.getKey())).shape().length == 3) {
                            threeD.add(e.getKey());
                        }
                    }
                }
                if (threeD.size() != 1) {
                    throw new InvalidInputException(file + ": " + (threeD.isEmpty() ? "no" : threeD.size())
                            + " arrays of shape [groups, states, variables] among " + arrays.keySet()
                            + "; name the states array with --states-array");
                }
                statesName = threeD.get(0);
            }
            Array states = readEntry(zip, arrays, statesName, file, "--states-array", budget);
            String timesName = options.timesArray();
            if (timesName == null) {
                List<String> present = TIME_NAMES.stream().filter(arrays::containsKey).toList();
                if (present.size() > 1) {
                    throw new InvalidInputException(file + ": both 't' and 'times' arrays; name the time stamps with"
                            + " --times-array");
                }
                timesName = present.isEmpty() ? null : present.get(0);
            }
            Array times = timesName == null ? null : readEntry(zip, arrays, timesName, file, "--times-array", budget);
            return groups(file.toString(), states, times, options);
        } catch (ZipException e) {
            throw new InvalidInputException(file + ": not a readable .npz (zip) archive; save it with numpy.savez");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static Array readEntry(ZipFile zip, Map<String, ZipEntry> arrays, String name, Path file, String option,
                                   long budget) throws IOException {
        ZipEntry entry = arrays.get(name);
        if (entry == null) {
            throw new InvalidInputException(file + ": no array '" + InvalidInputException.excerpt(name) + "'; the archive"
                    + " holds " + arrays.keySet() + "; choose one with " + option);
        }
        try (InputStream in = new BufferedInputStream(zip.getInputStream(entry))) {
            return read(in, source(file, name), budget);
        }
    }

    /** Reads one {@code .npy} file. */
    static Array readNpy(Path file, long budget) {
        requireFile(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString(), budget);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** Reads one array in NumPy format from {@code in}, refusing more than {@code budget} bytes of doubles. */
    static Array read(InputStream in, String source, long budget) throws IOException {
        Header h = header(in, source);
        long count = 1;
        for (long n : h.shape()) {
            count = DataMemory.saturatedTimes(count, n);
        }
        DataMemory.check(source, DataMemory.forNumbers(count), budget);
        if (count == 0) {
            throw new InvalidInputException(source + ": the array is empty (shape " + shapeText(h.shape())
                    + "); save an array with data");
        }
        if (count > Integer.MAX_VALUE - 16) {
            throw new InvalidInputException(source + ": " + count + " numbers are more than one Java array holds;"
                    + " split the data into smaller files");
        }
        double[] data = new double[(int) count];
        int size = h.itemSize();
        byte[] chunk = new byte[size * 8192];
        int done = 0;
        while (done < count) {
            int n = (int) Math.min(8192, count - done);
            try {
                readFully(in, chunk, n * size);
            } catch (EOFException e) {
                throw new InvalidInputException(source + ": the file is truncated: its header promises "
                        + count + " numbers of shape " + shapeText(h.shape()) + "; save it again");
            }
            ByteBuffer b = ByteBuffer.wrap(chunk, 0, n * size).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                data[done + i] = switch (h.type()) {
                    case "f8" -> b.getDouble();
                    case "f4" -> b.getFloat();
                    case "i8" -> b.getLong();
                    default -> b.getInt();
                };
            }
            done += n;
        }
        if (in.read() != -1) {
            throw new InvalidInputException(source + ": more data than the header's shape " + shapeText(h.shape())
                    + " holds; save it again with numpy.save");
        }
        return new Array(source, h.shape(), data);
    }

    /** The parsed header of a NumPy array. */
    record Header(String type, long[] shape) {
        int itemSize() {
            return type.endsWith("8") ? 8 : 4;
        }
    }

    static Header header(InputStream in, String source) throws IOException {
        byte[] magic = new byte[8];
        int got = in.readNBytes(magic, 0, 8);
        if (got == 0) {
            throw new InvalidInputException(source + ": empty file; save the array with numpy.save");
        }
        if (got < 8 || !Arrays.equals(Arrays.copyOf(magic, 6), MAGIC)) {
            throw new InvalidInputException(source + ": not a NumPy .npy array (it does not start with \\x93NUMPY);"
                    + " save it with numpy.save");
        }
        int major = magic[6];
        int length;
        byte[] len = new byte[major == 1 ? 2 : 4];
        if (major < 1 || major > 3) {
            throw new InvalidInputException(source + ": NumPy format version " + major + " is not supported (1 to 3"
                    + " are); save it with numpy.save");
        }
        try {
            readFully(in, len, len.length);
        } catch (EOFException e) {
            throw new InvalidInputException(source + ": the file is truncated inside its header; save it again");
        }
        ByteBuffer lb = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN);
        length = major == 1 ? Short.toUnsignedInt(lb.getShort()) : lb.getInt();
        if (length < 0 || length > 1 << 20) {
            throw new InvalidInputException(source + ": a NumPy header of " + length + " bytes is not plausible;"
                    + " save the array again with numpy.save");
        }
        byte[] text = new byte[length];
        try {
            readFully(in, text, length);
        } catch (EOFException e) {
            throw new InvalidInputException(source + ": the file is truncated inside its header; save it again");
        }
        String dict = new String(text, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(dict);
        Matcher fortran = FORTRAN.matcher(dict);
        Matcher shape = SHAPE.matcher(dict);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new InvalidInputException(source + ": the NumPy header lacks descr, fortran_order or shape;"
                    + " save the array again with numpy.save");
        }
        String type = descr.group(1);
        String base = type.length() == 3 ? type.substring(1) : "";
        if (type.startsWith(">") && List.of("f8", "f4", "i8", "i4").contains(base)) {
            throw new InvalidInputException(source + ": big-endian numbers (" + type + ") are not supported; save with"
                    + " array.astype('<" + base + "')");
        }
        if (!type.startsWith("<") || !List.of("f8", "f4", "i8", "i4").contains(base)) {
            throw new InvalidInputException(source + ": arrays of type " + InvalidInputException.excerpt(type)
                    + " are not supported (only float64, float32, int64, int32); save with array.astype('float64')");
        }
        if (fortran.group(1).equals("True")) {
            throw new InvalidInputException(source + ": arrays in Fortran order are not supported; save with"
                    + " numpy.save(FILE, numpy.ascontiguousarray(array))");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shape.group(1).split(",")) {
            if (!part.isBlank()) {
                try {
                    dims.add(Long.parseLong(part.strip().replaceAll("L$", "")));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(source + ": the NumPy header has a malformed shape ("
                            + InvalidInputException.excerpt(shape.group(1)) + "); save the array again");
                }
            }
        }
        return new Header(base, dims.stream().mapToLong(Long::longValue).toArray());
    }

    /** The groups of {@code states} with the time stamps {@code times} (or none). */
    static RaggedGroups groups(String file, Array states, Array times, Options options) {
        long[] s = states.shape();
        if (s.length != 3) {
            throw new InvalidInputException(states.source() + ": the states have shape " + shapeText(s) + "; expected"
                    + " [groups, states, variables], e.g. reshape a single trajectory to (1, T, d)");
        }
        int groups = (int) s[0];
        int per = (int) s[1];
        int d = (int) s[2];
        if (per < 2) {
            throw new InvalidInputException(states.source() + ": groups of one state (shape " + shapeText(s) + "); a group"
                    + " needs at least two states that share their invariants");
        }
        List<String> variables = options.variables();
        if (variables.isEmpty()) {
            variables = new ArrayList<>();
            for (int v = 0; v < d; v++) {
                variables.add("x" + v);
            }
        } else if (variables.size() != d) {
            throw new InvalidInputException(file + ": " + variables.size() + " variable names " + variables + " for "
                    + d + " variables in the states (shape " + shapeText(s) + "); give " + d + " names to --variables");
        }
        for (String v : variables) {
            if (!v.matches("[A-Za-z][A-Za-z0-9]*")) {
                throw new InvalidInputException(file + ": variable name '" + InvalidInputException.excerpt(v)
                        + "' is not plain (a letter, then letters and digits); choose other --variables");
            }
        }
        if (variables.stream().distinct().count() != d) {
            throw new InvalidInputException(file + ": a variable is named twice in " + variables + "; name each once");
        }
        double[] data = states.data();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new InvalidInputException(String.format(Locale.ROOT, "%s: %s at group %d, state %d, variable %s;"
                        + " every value must be a finite number, so repair or drop that trajectory", states.source(),
                        data[i], i / (per * d), (i / d) % per, variables.get(i % d)));
            }
        }
        List<double[]> values = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            values.add(Arrays.copyOfRange(data, g * per * d, (g + 1) * per * d));
        }
        List<double[]> t = times == null ? List.of() : times(times, groups, per);
        return new RaggedGroups(variables, values, t, List.of());
    }

    private static List<double[]> times(Array times, int groups, int per) {
        long[] s = times.shape();
        boolean shared = s.length == 1 && s[0] == per;
        if (!shared && !(s.length == 2 && s[0] == groups && s[1] == per)) {
            throw new InvalidInputException(times.source() + ": the time stamps have shape " + shapeText(s)
                    + "; expected [" + per + "] or [" + groups + ", " + per + "] to match the states");
        }
        double[] data = times.data();
        for (int i = 0; i < data.length; i++) {
            if (!Double.isFinite(data[i])) {
                throw new InvalidInputException(times.source() + ": time stamp " + data[i] + " at "
                        + (shared ? "state " + i : "group " + (i / per) + ", state " + (i % per))
                        + " is not a finite number; repair it");
            }
        }
        List<double[]> out = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            out.add(shared ? data.clone() : Arrays.copyOfRange(data, g * per, (g + 1) * per));
        }
        return out;
    }

    private static void requireFile(Path file) {
        if (!Files.exists(file)) {
            throw new InvalidInputException(file + ": no such file; check the path");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": not a regular file; give a .npy or .npz file");
        }
    }

    private static boolean isZip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(2);
            return head.length == 2 && head[0] == 'P' && head[1] == 'K';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private static String arrayName(String entry) {
        return entry.endsWith(".npy") ? entry.substring(0, entry.length() - 4) : entry;
    }

    private static String source(Path file, String array) {
        return file + ", array '" + InvalidInputException.excerpt(array) + "'";
    }

    static String shapeText(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    private static void readFully(InputStream in, byte[] b, int n) throws IOException {
        if (in.readNBytes(b, 0, n) != n) {
            throw new EOFException();
        }
    }
}
