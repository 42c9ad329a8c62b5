package org.invariantlab.core.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;

/**
 * Reads {@link Groups} from a CSV file with a header row and one state per row, such as the files {@code sample}
 * writes ({@code group,member,<variables…>,<true invariants…>}).
 *
 * <p><b>Columns.</b> The group column (default {@code group}) holds the group or trajectory id, any text. An
 * optional time column holds the time stamp of each state; with it, the states of each group are ordered by time
 * (ties keep file order). The variables are the columns named in {@link Options#variables()}, or by default
 * every column except the group, {@code member} and time columns, the columns named in
 * {@link Options#ignore()}, and the true-invariant columns listed by a {@code sample} provenance sidecar
 * ({@code FILE.provenance.json}, field {@value #INVARIANT_COLUMNS}) when one is present. Every variable column
 * must hold numbers; a text column that is not a variable must be ignored explicitly. Variable names must be
 * plain symbols (a letter, then letters and digits), since truth expressions and formulas refer to them.
 *
 * <p><b>Rows.</b> The rows of one group need not be contiguous: groups are numbered in order of first appearance
 * and their states keep file order. Blank lines are skipped. Fields are separated by commas; a field may be
 * enclosed in double quotes (a doubled quote inside stands for one quote), but a quoted field may not span lines.
 *
 * <p><b>Errors.</b> Bad data are refused before anything is returned, with one line naming the file, the line
 * (1-based, the header is line 1), the column and how to repair it: a missing or duplicated column, text or an
 * empty field in a number column, NaN or infinity, a row with too few or too many fields, a group of one state, a
 * file without rows, a file too large for memory ({@link DataMemory}).
 */
public final class CsvGroupsReader {

    /** The sidecar field that lists the true-invariant columns of a {@code sample} CSV. */
    public static final String INVARIANT_COLUMNS = "invariantColumns";

    /** The column {@code sample} writes with the index of a state in its group; never a variable. */
    public static final String MEMBER_COLUMN = "member";

    /**
     * How to read the columns.
     *
     * @param groupColumn the column of group ids
     * @param timeColumn  the column of time stamps, or {@code null} for none
     * @param variables   the variable columns in this order, or empty for all the others (see the class comment)
     * @param ignore      columns that are not variables (only used when {@code variables} is empty)
     */
    public record Options(String groupColumn, String timeColumn, List<String> variables, List<String> ignore) {

        public Options {
            Objects.requireNonNull(groupColumn, "groupColumn");
            variables = variables == null ? List.of() : List.copyOf(variables);
            ignore = ignore == null ? List.of() : List.copyOf(ignore);
        }

        /** Group column {@code group}, no time column, all other columns as variables. */
        public static Options defaults() {
            return new Options("group", null, List.of(), List.of());
        }

        /** These options with time column {@code column}. */
        public Options withTimeColumn(String column) {
            return new Options(groupColumn, column, variables, ignore);
        }

        /** These options with the variable columns {@code columns}. */
        public Options withVariables(List<String> columns) {
            return new Options(groupColumn, timeColumn, columns, ignore);
        }

        /** These options ignoring {@code columns}. */
        public Options withIgnore(List<String> columns) {
            return new Options(groupColumn, timeColumn, variables, columns);
        }
    }

    private CsvGroupsReader() {
    }

    /** Reads {@code csv} with a memory budget of {@link DataMemory#budget()}. */
    public static RaggedGroups read(Path csv, Options options) {
        return read(csv, options, DataMemory.budget());
    }

    /**
     * Reads {@code csv}.
     *
     * @param memoryBudget bytes of heap the data may take (see {@link DataMemory})
     * @throws InvalidInputException naming the file, line and column of bad data
     */
    public static RaggedGroups read(Path csv, Options options, long memoryBudget) {
        Objects.requireNonNull(options, "options");
        String file = csv.toString();
        long bytes;
        try {
            bytes = Files.size(csv);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file; check the path given to --data");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        if (Files.isDirectory(csv)) {
            throw new InvalidInputException(file + ": is a folder; give a CSV file");
        }
        DataMemory.check(file, DataMemory.forCsv(bytes), memoryBudget);
        List<String> invariantColumns = sidecarInvariants(csv);
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return new Parse(file, options, invariantColumns).run(in);
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(file + ": not a UTF-8 text file; save the CSV as UTF-8 text");
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    /** The true-invariant columns a {@code sample} sidecar lists, or none without a sidecar. */
    static List<String> sidecarInvariants(Path csv) {
        Path sidecar = SampleExport.provenancePath(csv);
        if (!Files.isRegularFile(sidecar)) {
            return List.of();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(sidecar.toFile()).get(INVARIANT_COLUMNS);
            List<String> names = new ArrayList<>();
            if (node != null && node.isArray()) {
                node.forEach(n -> names.add(n.asText()));
            }
            return names;
        } catch (IOException e) {
            throw new InvalidInputException(sidecar + ": not valid JSON; repair or remove this provenance file");
        }
    }

    /** Splits one CSV line into trimmed fields; {@code null} if a quote is left open. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString().strip());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(field.toString().strip());
        return out;
    }

    /** One reading of one file. */
    /** A number as CSV files write it: decimal digits, an optional point and an optional exponent; nothing else. */
    static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private static final class Parse {

        private final String file;
        private final Options options;
        private final List<String> invariantColumns;
        private int line;

        Parse(String file, Options options, List<String> invariantColumns) {
            this.file = file;
            this.options = options;
            this.invariantColumns = invariantColumns;
        }

        RaggedGroups run(BufferedReader in) throws IOException {
            String text = nextLine(in);
            if (text == null) {
                throw new InvalidInputException(file + ": empty file; a CSV needs a header row such as group,member,x,y"
                        + " and one row per state");
            }
            List<String> header = split(text);
            Map<String, Integer> column = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String name = header.get(c);
                if (name.isEmpty()) {
                    throw error("column " + (c + 1), "the header has an empty column name; name every column");
                }
                if (column.put(name, c) != null) {
                    throw error("column '" + InvalidInputException.excerpt(name) + "'",
                            "the column appears twice in the header; rename or remove one");
                }
            }
            int groupAt = required(column, header, options.groupColumn(), "the group or trajectory id",
                    "--group-column");
            int timeAt = options.timeColumn() == null ? -1
                    : required(column, header, options.timeColumn(), "the time stamps", "--time-column");
            List<String> variables = variables(column, header);
            int[] at = variables.stream().mapToInt(column::get).toArray();
            int d = at.length;

            Map<String, Builder> groups = new LinkedHashMap<>();
            while ((text = nextLine(in)) != null) {
                List<String> f = split(text);
                if (f.size() != header.size()) {
                    throw error(null, f.size() + " fields for " + header.size() + " columns; every row needs one field per"
                            + " header column");
                }
                String id = f.get(groupAt);
                if (id.isEmpty()) {
                    throw error("column '" + options.groupColumn() + "'", "empty group id; give every row its group");
                }
                Builder b = groups.computeIfAbsent(id, k -> new Builder(line, d));
                double[] state = new double[d];
                for (int v = 0; v < d; v++) {
                    state[v] = number(f.get(at[v]), variables.get(v));
                }
                b.add(state, timeAt < 0 ? 0 : number(f.get(timeAt), options.timeColumn()));
            }
            if (groups.isEmpty()) {
                throw new InvalidInputException(file + ": no data rows after the header; add one row per state");
            }
            List<double[]> values = new ArrayList<>(groups.size());
            List<double[]> times = new ArrayList<>(timeAt < 0 ? 0 : groups.size());
            for (Map.Entry<String, Builder> e : groups.entrySet()) {
                Builder b = e.getValue();
                if (b.size == 1) {
                    throw new InvalidInputException(file + ", line " + b.firstLine + ", column '" + options.groupColumn()
                            + "': group '" + InvalidInputException.excerpt(e.getKey()) + "' has only one state; a group"
                            + " needs at least two states that share their invariants, so add states or drop the row");
                }
                if (timeAt >= 0) {
                    b.sortByTime();
                    times.add(Arrays.copyOf(b.times, b.size));
                }
                values.add(Arrays.copyOf(b.values, b.size * d));
            }
            return new RaggedGroups(variables, values, times, new ArrayList<>(groups.keySet()));
        }

        private List<String> variables(Map<String, Integer> column, List<String> header) {
            List<String> chosen;
            if (!options.variables().isEmpty()) {
                for (String v : options.variables()) {
                    required(column, header, v, "a variable", "--variables");
                }
                chosen = options.variables();
                if (new LinkedHashSet<>(chosen).size() != chosen.size()) {
                    throw new InvalidInputException(file + ": a variable is named twice in " + chosen
                            + "; name each variable once");
                }
            } else {
                for (String v : options.ignore()) {
                    required(column, header, v, "a column to ignore", "--ignore");
                }
                Set<String> skip = new LinkedHashSet<>(options.ignore());
                skip.add(options.groupColumn());
                skip.add(MEMBER_COLUMN);
                if (options.timeColumn() != null) {
                    skip.add(options.timeColumn());
                }
                skip.addAll(invariantColumns);
                chosen = header.stream().filter(h -> !skip.contains(h)).toList();
                if (chosen.isEmpty()) {
                    throw new InvalidInputException(file + ", line 1: no variable columns left after the group, member,"
                            + " time and ignored columns; add variable columns or name them with --variables");
                }
            }
            for (String v : chosen) {
                if (v.equals(options.groupColumn()) || v.equals(options.timeColumn())) {
                    throw new InvalidInputException(file + ": column '" + v + "' cannot be both a variable and the group"
                            + " or time column; choose other --variables");
                }
                if (!v.matches("[A-Za-z][A-Za-z0-9]*")) {
                    throw new InvalidInputException(file + ", line 1, column '" + InvalidInputException.excerpt(v)
                            + "': not a plain variable name (a letter, then letters and digits); rename the column, or"
                            + " leave it out with --ignore");
                }
            }
            return chosen;
        }

        private int required(Map<String, Integer> column, List<String> header, String name, String role,
                             String option) {
            Integer c = column.get(name);
            if (c == null) {
                String columns = InvalidInputException.excerpt(String.join(",", header));
                throw new InvalidInputException(file + ", line 1: no column '" + InvalidInputException.excerpt(name)
                        + "' (" + role + "); the header has " + columns + "; name the right column with " + option);
            }
            return c;
        }

        private double number(String field, String columnName) {
            String where = "column '" + columnName + "'";
            if (field.isEmpty()) {
                throw error(where, "empty field; every state needs a number here");
            }
            double x;
            try {
                if (field.matches("(?i)[+-]?(nan|inf|infinity)")) {
                    throw error(where, InvalidInputException.excerpt(field) + " is not a finite number; repair or remove"
                            + " the row");
                }
                if (!DECIMAL.matcher(field).matches()) {
                    throw new NumberFormatException(field); // Java would also read 1.5d, 0x1p3, " 2" or Infinity
                }
                x = Double.parseDouble(field);
            } catch (NumberFormatException e) {
                throw error(where, "'" + InvalidInputException.excerpt(field) + "' is not a number; repair the value,"
                        + " or leave the column out with --ignore if it is not a variable");
            }
            if (!Double.isFinite(x)) {
                throw error(where, InvalidInputException.excerpt(field) + " is not a finite number; repair or remove"
                        + " the row");
            }
            return x;
        }

        private String nextLine(BufferedReader in) throws IOException {
            String text;
            do {
                text = in.readLine();
                line++;
            } while (text != null && text.isBlank());
            if (text != null && line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            return text;
        }

        private List<String> split(String text) {
            List<String> f = fields(text);
            if (f == null) {
                throw error(null, "a quoted field is not closed; quoted fields must end on the same line");
            }
            return f;
        }

        private InvalidInputException error(String column, String what) {
            return new InvalidInputException(file + ", line " + line + (column == null ? "" : ", " + column) + ": "
                    + what);
        }
    }

    /** The states of one group while reading. */
    private static final class Builder {

        final int firstLine;
        final int d;
        double[] values;
        double[] times;
        int size;

        Builder(int firstLine, int d) {
            this.firstLine = firstLine;
            this.d = d;
            values = new double[4 * d];
            times = new double[4];
        }

        void add(double[] state, double time) {
            if (size == times.length) {
                values = Arrays.copyOf(values, values.length * 2);
                times = Arrays.copyOf(times, times.length * 2);
            }
            System.arraycopy(state, 0, values, size * d, d);
            times[size++] = time;
        }

        /** Orders the states by time; ties keep their order. */
        void sortByTime() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(times[a], times[b]));
            double[] v = new double[size * d];
            double[] t = new double[size];
            for (int i = 0; i < size; i++) {
                System.arraycopy(values, order[i] * d, v, i * d, d);
                t[i] = times[order[i]];
            }
            values = v;
            times = t;
        }
    }
}
