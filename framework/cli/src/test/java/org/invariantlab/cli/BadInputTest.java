package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.invariantlab.testkit.PluginJarBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every class of bad input gets one plain line and its exit code, run in-process through {@link Main#run}: input,
 * exit code, a fragment of the message; and on every case no class names and a short message.
 */
class BadInputTest {

    @TempDir
    static Path tmp;

    /** A plugins folder with one test system, {@link BoxEvents}. */
    static Path plugins;

    /** An empty plugins folder. */
    static Path empty;

    @BeforeAll
    static void files() throws IOException {
        plugins = Files.createDirectories(tmp.resolve("plugins"));
        PluginJarBuilder.plugin("box").extensions(BoxEvents.class).classes(BoxEvents.Model.class).writeTo(plugins);
        empty = Files.createDirectories(tmp.resolve("empty"));
        write("null.yaml", "---\n");
        write("comments.yaml", "# only a comment\n");
        write("list.yaml", "- system: box-events\n");
        write("grid.yaml", "data: [box-events]\nmethods: [{name: siamese, run: {}}]\n");
        write("badgrid.yaml", "data:\n  - box-events\nmethods:\n  - {name: counting, count: {method: svd}}\n");
        write("scalar.yaml", "box-events\n");
        write("float.yaml", "system: box-events\ntraining:\n  epochs: 1.7\n");
        write("type.yaml", "system: box-events\ndata:\n  trainGroups: lots\n");
        write("dup.yaml", "system: box-events\nseed: 1\nseed: 2\n");
        write("unknown.yaml", "system: box-events\nepochs: 3\n");
        write("two.yaml", "system: box-events\n---\nsystem: box-events\n");
        write("data.csv", "group,member,t,x,y,z,s2\n" + "0,0,1.0,0.5,0.1,0.2,0.7\n".repeat(30_000));
        write("traj.csv", "group,t,x,px\n0,0,1,0\n0,0.1,0.99,-0.1\n0,0.2,0.98,-0.2\n1,0,0.5,0\n1,0.1,0.49,-0.05\n"
                + "1,0.2,0.48,-0.1\n2,0,0.2,0\n2,0.1,0.19,-0.02\n2,0.2,0.18,-0.04\n");
        Files.write(tmp.resolve("binary.yaml"), new byte[] {'s', 0, 1, 2, (byte) 0xff});
        Files.write(tmp.resolve("latin1.yaml"), "system: box-events # caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(tmp.resolve("a-file"), "x");
        // issue 17: bad inputs that reached libraries, ran code, or failed late
        StringBuilder three = new StringBuilder("group,member,t,x,y,z\n");
        for (int g = 0; g < 3; g++) {
            for (int m = 0; m < 2; m++) {
                three.append(g).append(',').append(m).append(',').append(0.1 * g + 0.01 * m).append(',')
                        .append(0.2 * m - 0.1 * g).append(',').append(0.3 + 0.05 * m).append(',').append(0.1 * (g + m))
                        .append("\n");
            }
        }
        write("three.csv", three.toString());
        write("suffix.csv", "group,x,y\n0,1.5d,2\n0,1,2\n1,2,3\n1,3,4\n");
        write("hex.csv", "group,x,y\n0,0x1p3,2\n0,1,2\n1,2,3\n1,3,4\n");
        write("huge.csv", "group,x,y\n0,1e300,2\n0,1,2\n1,2,3\n1,3,4\n");
        write("constant.csv", "group,x,y\n0,7,2\n0,7,2.5\n1,7,3\n1,7,4\n");
        write("alias.yaml", "seeds: [1]\ndata:\n  - &d {system: box-events}\n  - *d\nmethods:\n  - name: s\n"
                + "    run: {}\n");
        write("noseeds.yaml", "seeds: []\ndata: [box-events]\nmethods: [{name: siamese, run: {}}]\n");
        write("export.yaml", "seeds: [1]\ndata:\n  - file: traj.csv\n    timeColumn: t\n    truth:\n"
                + "      E: x+0*Export(\"/tmp/pwned\",x)\nmethods: [{name: siamese, run: {}}]\n");
        write("export-spec.yaml", "file:\n  path: traj.csv\n  truth: {E: 'Table(x,{i,1,10^8})'}\n");
        write("record.yaml", "system: box-events\nfile: 3\n");
    }

    private static void write(String name, String text) throws IOException {
        Files.writeString(tmp.resolve(name), text);
    }

    static Stream<Arguments> cases() {
        String p = "--plugins-dir=" + plugins;
        String out = "--out=" + tmp.resolve("never");
        return Stream.of(
                // usage errors: exit 2
                Arguments.of(args("sytems"), 2, "unexpected argument 'sytems'; did you mean systems"),
                // issue 17, items 8, 9, 11, 15-17
                Arguments.of(args("run", "--data", spec("data.csv"), "--truth", "E=Table(x,{i,1,10^8})", out, p), 2,
                        "unknown function Table in truth 'E=Table(x,{i,1,10^8})'"),
                Arguments.of(args("run", "--data", spec("data.csv"), "--truth", "E=x+0*Export(\"f\",x)", out, p), 2,
                        "unknown function Export"),
                Arguments.of(args("run", "--data", spec("data.csv"), "--truth", "E=Pause(1000)+x", out, p), 2,
                        "unknown function Pause"),
                Arguments.of(args("compare", spec("export.yaml"), out, p), 2, "export.yaml line 3: unknown function Export"),
                Arguments.of(args("run", spec("export-spec.yaml"), out, p), 2, "unknown function Table"),
                Arguments.of(args("compare", spec("noseeds.yaml"), out, p), 2, "the grid has no cells"),
                Arguments.of(args("compare", spec("grid.yaml"), "--parallel", "0", out, p), 2,
                        "--parallel must be between 1 and 256, got 0"),
                Arguments.of(args("compare", spec("alias.yaml"), out, p), 2, "anchors and aliases (&name, *name) are not "
                        + "supported"),
                Arguments.of(args("count", "--data", spec("traj.csv"), "--time-column", "t", out, p), 2,
                        "the test part holds 1 trajectory (3 of them, test fraction 0.1)"),
                Arguments.of(args("count", "--system", "box-events", "--states-per-trajectory", "1", out, p), 2,
                        "--states-per-trajectory must be at least 2, got 1"),
                Arguments.of(args("run", "--data", spec("three.csv"), "--epochs", "1", out, p), 2,
                        "needs at least 2 groups in each part of the data"),
                Arguments.of(args("run", "--data", spec("huge.csv"), out, p), 2,
                        "variable 'x' has values as large as 1.00e+300"),
                Arguments.of(args("run", "--data", spec("constant.csv"), out, p), 2, "variable 'x' is constant"),
                Arguments.of(args("run", "--data", spec("suffix.csv"), out, p), 2, "'1.5d' is not a number"),
                Arguments.of(args("run", "--data", spec("hex.csv"), out, p), 2, "'0x1p3' is not a number"),
                Arguments.of(args("run", "--system", "box-events", "--epochs", "1e12", out, p), 2,
                        "--epochs takes a whole number, got '1e12'"),
                Arguments.of(args("run", "--system", "box-events", "--epohcs", "3", out, p), 2,
                        "unknown option '--epohcs'; did you mean --epochs?"),
                Arguments.of(args("run", "--system", "box-events", "a.yaml", "b.yaml", out, p), 2,
                        "unexpected argument 'b.yaml'"),
                Arguments.of(args("run", "--system", "box-events", p), 2, "missing --out DIR"),
                Arguments.of(args("run", spec("record.yaml"), out, p), 2, "file must be a set of keys indented under 'file:'"),
                Arguments.of(args("systems", "--plugins-dir", tmp.resolve("bad\u001b[31mname").toString()), 2,
                        "bad?[31mname"),
                Arguments.of(args("sample", "box-events", "--groups", "many", "--out", "x.csv", p), 2, "--groups"),
                Arguments.of(args("sample", "box-events", "--groups", "0", "--out", "x.csv", p), 2, "--groups must be at least 1, got 0"),
                Arguments.of(args("sample", "kepler", "--out", "k.csv", "--plugins-dir=" + empty), 2,
                        "unknown physical system 'kepler'"),
                Arguments.of(args("run", "--system", "kepleer", out, p), 2, "unknown physical system 'kepleer'"),
                Arguments.of(args("count", "--system", "box-events", out, p), 2,
                        "system 'box-events' has no vector field h(x); count works on dynamical systems"),
                Arguments.of(args("count", "--system", "box-events", "--method", "pca", out, p), 2,
                        "unknown counting method 'pca'; known here: svd, deflation, all"),
                Arguments.of(args("count", "--system", "box-events", "--activation", "relu", out, p), 2,
                        "--activation relu has no second derivative"),
                Arguments.of(args("count", "--system", "box-events", "--max", "-1", out, p), 2, "--max must be between"),
                Arguments.of(args("count", out, p), 2, "give --system ID or --data FILE (one of them)"),
                Arguments.of(args("count", "--system", "box-events", "--check-horizon", "3", out, p), 2,
                        "--check-horizon needs a factor above 1 and a system with a tMax parameter"),
                Arguments.of(args("count", "--data", spec("data.csv"), out, p), 2,
                        "column 't' would be a state variable; if it is the time of each state, say so with --time-column t"),
                Arguments.of(args("count", "--data", spec("data.csv"), "--ignore", "t", "--method", "deflation", out, p), 2,
                        "has no time stamps, so no directions of motion, which method deflation needs"),
                Arguments.of(args("count", "--data", spec("data.csv"), "--time-column", "t", out, p), 2,
                        "trajectory '0' has the time 1.0 twice"),
                Arguments.of(args("count", "--data", spec("traj.csv"), "--time-column", "t", "--canonical", "x:q", out,
                        p), 2, "'q' is not a variable of the data (x, px)"),
                Arguments.of(args("count", "--data", spec("traj.csv"), "--time-column", "t", "--trajectories", "9", out,
                        p), 2, "a data file is split by --split"),
                Arguments.of(args("count", "--system", "box-events", "--canonical", "x:y", out, p), 2,
                        "a system declares its own (remove --canonical)"),
                Arguments.of(args("run", "--system", "box-events", "--head", "siamese", out, p), 2, "unknown network head"),
                Arguments.of(args("compare", spec("missing.yaml"), out, p), 2, "grid file " + tmp.resolve("missing.yaml")
                        + " does not exist or is not a file; see examples/grids for the format"),
                Arguments.of(args("compare", spec("grid.yaml"), "--executor", "slurm", out, p), 2,
                        "unknown executor 'slurm'; available: local"),
                Arguments.of(args("compare", spec("grid.yaml"), "--master", "local[2]", out, p), 2,
                        "--master is the Spark master of --executor spark"),
                Arguments.of(args("compare", spec("badgrid.yaml"), out, p), 2,
                        "badgrid.yaml line 2: data 'box-events' with method counting (line 4): system 'box-events' has no vector field"),
                Arguments.of(args("report", tmp.toString(), p), 2, "is not a comparison folder (it has no plan.json)"),
                Arguments.of(args("rerun", tmp.toString(), p), 2, "is not a finished cell of a comparison"),
                Arguments.of(args("sample", "box-events", "--out", "b.csv", "-p", "halfWidth=0", p), 2,
                        "'box-events': parameter 'halfWidth' = 0 is outside its range (0, 1000000]: it must be greater than 0"),
                Arguments.of(args("sample", "box-events", "--out", "b.csv", "-p", "width=2", p), 2,
                        "'box-events' has no parameter 'width'; known parameters: halfWidth, maxRapidity"),
                Arguments.of(args("run", "--system", "box-events", "--interpreter-param", "degree=9", out, p), 2,
                        "parameter 'degree' = 9 is outside its range [0, 6]"),
                Arguments.of(args("run", "--system", "box-events", "--epochs", "0", out, p), 2, "training.epochs must be at least 1"),
                Arguments.of(args("run", "--system", "box-events", "--activation", "sigmoidal", "--epochs", "1",
                        "--train-groups", "10", "--validation-groups", "5", "--test-groups", "5", out, p), 2,
                        "unknown value 'sigmoidal'"),
                Arguments.of(args("run", out, p), 2, "say what to run"),
                // your own data
                Arguments.of(args("run", "--data", tmp.resolve("absent.csv").toString(), out, p), 2, "does not exist"),
                Arguments.of(args("run", "--data", tmp.resolve("a-file").toString(), "--system", "box-events", out, p), 2,
                        "give --system ID or --data FILE, not both"),
                Arguments.of(args("run", "--system", "box-events", "--truth", "Q=x*y", out, p), 2,
                        "give --data FILE too"),
                Arguments.of(args("run", "--data", tmp.resolve("a-file").toString(), "--train-groups", "10", out, p), 2,
                        "a data file is split by --split"),
                Arguments.of(args("run", "--system", "box-events", "--noise", "-0.1", out, p), 2,
                        "data.noise must be 0"),
                Arguments.of(args("run", spec("null.yaml"), out, p), 2, "holds no settings"),
                Arguments.of(args("run", spec("comments.yaml"), out, p), 2, "holds no settings"),
                Arguments.of(args("run", spec("list.yaml"), out, p), 2, "holds a list at the top level"),
                Arguments.of(args("run", spec("scalar.yaml"), out, p), 2, "holds a single value ('box-events')"),
                Arguments.of(args("run", spec("float.yaml"), out, p), 2,
                        "float.yaml line 3: training.epochs must be a whole number, got '1.7'"),
                Arguments.of(args("run", spec("type.yaml"), out, p), 2,
                        "type.yaml line 3: data.trainGroups must be a whole number, got 'lots'"),
                Arguments.of(args("run", spec("dup.yaml"), out, p), 2, "dup.yaml line 3: key 'seed' appears a second time"),
                Arguments.of(args("run", spec("unknown.yaml"), out, p), 2, "unknown.yaml line 2: unknown key 'epochs'"),
                Arguments.of(args("run", spec("two.yaml"), out, p), 2, "two.yaml line 2: a second YAML document starts here"),
                Arguments.of(args("run", spec("data.csv"), out, p), 2, "data.csv looks like a CSV data file"),
                Arguments.of(args("run", spec("binary.yaml"), out, p), 2, "binary.yaml is a binary file"),
                Arguments.of(args("run", spec("latin1.yaml"), out, p), 2, "latin1.yaml is not UTF-8 text"),
                Arguments.of(args("run", spec("missing.yaml"), out, p), 2, "missing.yaml does not exist"),
                Arguments.of(args("run", tmp.toString(), out, p), 2, ": is a directory"),
                Arguments.of(args("systems", "--plugins-dir", tmp.resolve("nowhere").toString()), 2,
                        "plugins directory " + tmp.resolve("nowhere") + " (from --plugins-dir) does not exist"),
                Arguments.of(args("systems", "--plugins-dir", tmp.resolve("a-file").toString()), 2,
                        "(from --plugins-dir) is a file, not a directory"),
                Arguments.of(args("sample", "box-events", "--out", tmp.resolve("a-file").toString(), p), 2,
                        "already exists; choose another output or pass --force"),
                Arguments.of(args("reproduce", "wetzel2021", out, "--plugins-dir=" + empty), 2, "wetzel2021"),
                // an output under a file is checked before sampling: a usage error
                Arguments.of(args("sample", "box-events", "--groups", "4", "--out",
                        tmp.resolve("a-file").resolve("b.csv").toString(), p), 2, "a-file is a file, not a folder"));
    }

    private static String spec(String name) {
        return tmp.resolve(name).toString();
    }

    private static String[] args(String... a) {
        return a;
    }

    @ParameterizedTest(name = "{index}: {0} -> {1}")
    @MethodSource("cases")
    void oneShortPlainLineAndTheRightExitCode(String[] args, int code, String fragment) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        String message = err.toString().strip();
        assertEquals(code, exit, String.join(" ", args) + " -> " + message);
        assertTrue(message.contains(fragment), "expected '" + fragment + "' in: " + message);
        if (message.startsWith("error: ")) {
            assertEquals(1, message.lines().count(), "one line: " + message);
        }
        String first = message.lines().findFirst().orElse("");
        assertTrue(first.length() < 300, "short (" + first.length() + " chars): " + first);
        assertTrue(message.length() < 2000, "no echo of the input: " + message.length() + " chars");
        for (String name : List.of("Exception", "java.", "com.fasterxml", "jackson", "StreamReadFeature",
                "DirectedInfinity", "Unmatched argument", "is not an int", "Usage:", "aliases for non-scalar",
                "something else", "invalid block type")) {
            assertFalse(message.contains(name), "no library words (" + name + "): " + message);
        }
        assertTrue(message.codePoints().noneMatch(c -> c != '\n' && Character.isISOControl(c)),
                "no control characters reach the terminal: " + message);
    }

    @Test
    void helpListsTheExitCodes() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(args("--help"), new PrintWriter(out), new PrintWriter(new StringWriter())));
        String help = out.toString();
        assertTrue(help.contains("Exit codes:"), help);
        List<String> missing = new ArrayList<>();
        for (String code : List.of("0   the command did what was asked", "1   a failure while running",
                "2   a usage error", "3   the run finished but the network failed to learn")) {
            if (!help.contains(code)) {
                missing.add(code);
            }
        }
        assertTrue(missing.isEmpty(), "missing " + missing + " in:\n" + help);
    }

    /**
     * A class path put together by someone else (spark-submit with a Spark jars/ whose Guava lacks failureaccess)
     * ends in one line that names the fix, not in a stack trace.
     */
    @Test
    void aLibraryMissingFromTheClassPathIsOnePlainLine() {
        String guava = Main.linkage(new NoClassDefFoundError(
                "com/google/common/util/concurrent/internal/InternalFutureFailureAccess"));
        assertTrue(guava.startsWith("the Guava loaded from ") && guava.contains("has no failureaccess beside it")
                && guava.contains("failureaccess-1.0.3.jar"), guava);
        String other = Main.linkage(new NoSuchMethodError("'void org/x/Y.z()'"));
        assertTrue(other.startsWith("a library on the class path is missing or of another version (the method "
                + "'void org.x.Y.z()' is not there)"), other);
        for (String m : List.of(guava, other)) {
            assertFalse(m.contains("\n"), m);
        }
    }
}
