package org.invariantlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes, against every kind of output that must not be written (issue 17, items 1, 2, 5, 7):
 * a character device, a named pipe, a dangling symbolic link, a symbolic link into the command's own input, a
 * file, and (with {@code --force}) a folder of someone else's files. Each is refused with exit code 2 and one line,
 * before any work, and nothing anywhere under the test folder changes: not a byte, not a file type, not a link.
 */
class OutputPathRulesTest {

    @TempDir
    static Path tmp;

    private static Path plugins;
    private static Path inputs;
    private static Path baseRun;
    private static Path cell;
    private static boolean root;

    /** A kind of bad output; {@code make} creates it under the given name, {@code null} if it cannot be made here. */
    private record Kind(String name, String refusal, Function<Path, Path> make) {
    }

    @BeforeAll
    static void setUp() throws Exception {
        plugins = CliRun.circlePlugin(tmp);
        inputs = Files.createDirectories(tmp.resolve("inputs"));
        StringBuilder groups = new StringBuilder("group,x,y\n");
        StringBuilder trajectories = new StringBuilder("trajectory,t,x,y\n");
        for (int g = 0; g < 40; g++) {
            double r = 0.5 + g / 40.0;
            for (int m = 0; m < 6; m++) {
                double t = 0.3 * m;
                groups.append(g).append(',').append(r * Math.cos(g + 1.1 * m)).append(',').append(r * Math.sin(g + 1.1 * m))
                        .append('\n');
                trajectories.append(g).append(',').append(t).append(',').append(r * Math.cos(t + g)).append(',')
                        .append(r * Math.sin(t + g)).append('\n');
            }
        }
        Files.writeString(inputs.resolve("groups.csv"), groups);
        Files.writeString(inputs.resolve("orbits.csv"), trajectories);
        Files.writeString(inputs.resolve("grid.yaml"), "name: tiny\nseeds: [1]\ndata:\n  - system: circle\nmethods:\n"
                + "  - name: siamese\n    run:\n      data: {trainGroups: 300, validationGroups: 60, testGroups: 60}\n"
                + "      training: {hidden: [8], epochs: 1}\n");
        baseRun = tmp.resolve("base");
        CliRun r = run("run", "--system", "circle", "--train-groups", "300", "--validation-groups", "60", "--test-groups",
                "60", "--hidden", "8", "--epochs", "1", "--out", baseRun.toString());
        assertTrue(Files.isDirectory(baseRun.resolve("model")), r.out() + r.err());
        Path cmp = tmp.resolve("cmp");
        r = run("compare", inputs.resolve("grid.yaml").toString(), "--out", cmp.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        cell = cmp.resolve("cells").resolve("circle--siamese--s1");
        assertTrue(Files.isRegularFile(cell.resolve("cell.json")));
        root = "root".equals(System.getProperty("user.name"));
    }

    private static CliRun run(String... args) {
        return CliRun.withPlugins(plugins, args);
    }

    private static Path mk(String... command) {
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            return p.waitFor() == 0 ? Path.of(command[1]) : null;
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private static List<Kind> kinds(Path intoInput) {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind("device", "is a character device", p -> root ? mk("mknod", p.toString(), "c", "1", "3") : null));
        kinds.add(new Kind("fifo", "is a named pipe", p -> mk("mkfifo", p.toString())));
        kinds.add(new Kind("dangling", "which does not exist", p -> link(p, tmp.resolve("nowhere"))));
        if (intoInput != null) {
            kinds.add(new Kind("into-input", "", p -> link(p, intoInput)));
        }
        kinds.add(new Kind("file", "is a file", p -> write(p, "a file of the user's")));
        kinds.add(new Kind("foreign", "", p -> {
            Path dir = p;
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("thesis.tex"), "years of work");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return dir;
        }));
        return kinds;
    }

    private static Path link(Path at, Path to) {
        try {
            return Files.createSymbolicLink(at, to);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(Path at, String text) {
        try {
            return Files.writeString(at, text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything under the test folder: path, type, size, time and link target (links are not followed). */
    private static Map<String, String> snapshot() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String type = a.isSymbolicLink() ? "link->" + Files.readSymbolicLink(p) : a.isDirectory() ? "dir"
                        : a.isRegularFile() ? "file" : "other";
                out.put(tmp.relativize(p).toString(), type + " " + (a.isDirectory() ? "" : a.size() + " "
                        + a.lastModifiedTime().toMillis()));
            }
        }
        return out;
    }

    /** Fails naming just the entries that differ from {@code before}. */
    private static void assertUnchanged(Map<String, String> before, String what) throws IOException {
        Map<String, String> now = snapshot();
        List<String> diff = new ArrayList<>();
        java.util.SortedSet<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(now.keySet());
        for (String k : keys) {
            if (!java.util.Objects.equals(before.get(k), now.get(k))) {
                diff.add(k + ": " + before.get(k) + " -> " + now.get(k));
            }
        }
        assertTrue(diff.isEmpty(), what + " changed files: " + diff);
    }

    private interface Command {
        String[] args(Path out);
    }

    private static void refusedEverywhere(String name, Path intoInput, Command command) throws IOException {
        List<String> checked = new ArrayList<>();
        for (Kind k : kinds(intoInput)) {
            Path out = tmp.resolve("out-" + name + "-" + k.name());
            Path made = k.make().apply(out);
            if (made == null) {
                continue; // this machine cannot make it (a device needs root)
            }
            Map<String, String> before = snapshot();
            CliRun r = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(command.args(out)),
                    name + " against " + k.name());
            assertEquals(ExitCodes.USAGE, r.code(), name + " against " + k.name() + ": " + r.out() + r.err());
            assertTrue(r.err().contains(k.refusal()), name + " against " + k.name() + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
            assertFalse(r.out().contains("epoch"), "refused before any work: " + r.out());
            assertUnchanged(before, name + " against " + k.name());
            checked.add(k.name());
        }
        assertTrue(checked.size() >= 4, name + ": only " + checked);
    }

    @Test
    void runRefusesEveryBadOutput() throws IOException {
        refusedEverywhere("run-system", null, out -> new String[] {"run", "--system", "circle", "--epochs", "1",
            "--out", out.toString(), "--force"});
        refusedEverywhere("run-data", inputs, out -> new String[] {"run", "--data", inputs.resolve("groups.csv").toString(),
            "--epochs", "1", "--out", out.toString(), "--force"});
    }

    @Test
    void countRefusesEveryBadOutput() throws IOException {
        refusedEverywhere("count", inputs, out -> new String[] {"count", "--data", inputs.resolve("orbits.csv").toString(),
            "--group-column", "trajectory", "--time-column", "t", "--epochs", "1", "--out", out.toString(), "--force"});
    }

    @Test
    void readRefusesEveryBadOutputAndNeverItsOwnInput() throws IOException {
        Path viaLink = link(tmp.resolve("run-link"), baseRun);
        refusedEverywhere("read", baseRun, out -> new String[] {"read", viaLink.toString(), "--out", out.toString(),
            "--force"});
        Map<String, String> before = snapshot();
        for (Path target : List.of(baseRun, viaLink)) {
            CliRun r = run("read", viaLink.toString(), "--out", target.toString(), "--force");
            assertEquals(ExitCodes.USAGE, r.code(), r.err());
            assertTrue(r.err().contains("the run being read"), r.err());
        }
        assertUnchanged(before, "the run being read is intact");
    }

    @Test
    void reproduceCompareAndRerunRefuseEveryBadOutput() throws IOException {
        refusedEverywhere("reproduce", null, out -> new String[] {"reproduce", "wetzel2020", "--quick", "--out",
            out.toString(), "--force"});
        refusedEverywhere("compare", inputs, out -> new String[] {"compare", inputs.resolve("grid.yaml").toString(),
            "--out", out.toString(), "--force"});
        Path comparison = cell.getParent().getParent();
        List<Kind> rerunKinds = kinds(comparison).stream().filter(k -> !k.name().equals("foreign")).toList();
        for (Kind k : rerunKinds) {
            Path out = tmp.resolve("out-rerun-" + k.name());
            if (k.make().apply(out) == null) {
                continue;
            }
            Map<String, String> before = snapshot();
            CliRun r = run("rerun", cell.toString(), "--out", out.toString());
            assertEquals(ExitCodes.USAGE, r.code(), k.name() + ": " + r.out() + r.err());
            assertFalse(r.out().contains("Running cell"), "refused before the cell runs: " + r.out());
            assertUnchanged(before, "rerun against " + k.name());
        }
    }

    @Test
    void sampleRefusesEveryBadFile() throws IOException {
        for (Kind k : kinds(null)) {
            if (k.name().equals("foreign")) {
                continue; // a folder: covered by ResultSafetyTest
            }
            Path out = tmp.resolve("sample-" + k.name() + ".csv");
            if (k.make().apply(out) == null) {
                continue;
            }
            Map<String, String> before = snapshot();
            CliRun r = k.name().equals("file") ? run("sample", "circle", "--groups", "5", "--out", out.toString())
                    : run("sample", "circle", "--groups", "5", "--out", out.toString(), "--force");
            assertEquals(ExitCodes.USAGE, r.code(), k.name() + ": " + r.err());
            assertUnchanged(before, "sample against " + k.name());
        }
    }

    /** Issue 17, item 5: a cell folder that is a link is never written through, even with --force. */
    @Test
    void compareNeverFollowsACellFolderThatIsALink() throws IOException {
        Path cmp = tmp.resolve("cmp-links");
        assertEquals(0, run("compare", inputs.resolve("grid.yaml").toString(), "--out", cmp.toString()).code());
        Path victim = Files.createDirectories(tmp.resolve("victim"));
        Path cellDir = cmp.resolve("cells").resolve("circle--siamese--s1");
        org.invariantlab.core.io.Leftovers.deleteTree(cellDir);
        link(cellDir, victim);
        Map<String, String> before = snapshot();
        CliRun r = run("compare", inputs.resolve("grid.yaml").toString(), "--out", cmp.toString(), "--force");
        assertEquals(ExitCodes.USAGE, r.code(), r.err());
        assertTrue(r.err().contains("cells/circle--siamese--s1 is a symbolic link"), r.err());
        assertUnchanged(before, "compare with a linked cell");
        try (Stream<Path> s = Files.list(victim)) {
            assertEquals(0, s.count(), "nothing written into the link's target");
        }
    }
}
