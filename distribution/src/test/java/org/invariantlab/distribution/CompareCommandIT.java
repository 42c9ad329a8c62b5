package org.invariantlab.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compare}, {@code report} and {@code rerun} through the installed launcher with the real plugins: a grid
 * killed with SIGKILL halfway is finished by the same command, which runs only the missing cells; the report is
 * rebuilt without training; a cell reruns to the same metrics; and the HTML report is opened in a real headless
 * browser (Debian's {@code chromium}, which {@code .ci/run} installs): it must load without console errors and show
 * its tables, formulas and plots. The screenshot is kept in {@code target/browser/report.png}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CompareCommandIT {

    static final String GRID = """
            name: it
            description: three data sets, three methods, three seeds, at sizes that take a second or two per cell
            seeds: [1, 2, 3]
            data:
              - {system: lorentz, methods: [siamese]}
              - {system: oscillator-2d, methods: [svd]}
              - {system: damped-oscillator, label: control, methods: [deflation]}
            methods:
              - name: siamese
                run:
                  data: {trainGroups: 4000, validationGroups: 500, testGroups: 1000}
                  training: {hidden: [16, 16], epochs: 3}
              - name: svd
                count: {method: svd, epochs: 10, trajectories: 64, hidden: [16, 16], batchSize: 64}
              - name: deflation
                count: {method: deflation, epochs: 5, trajectories: 64, hidden: [16, 16], batchSize: 64, max: 1}
            """;

    @TempDir
    static Path tmp;

    static Path grid;
    static Path out;

    @BeforeAll
    static void write() throws IOException {
        grid = tmp.resolve("it.yaml");
        Files.writeString(grid, GRID);
        out = tmp.resolve("cmp");
    }

    private static long finished() throws IOException {
        Path cells = out.resolve("cells");
        if (!Files.isDirectory(cells)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(cells)) {
            return s.filter(d -> Files.isRegularFile(d.resolve("cell.json"))).count();
        }
    }

    @Test
    @Order(1)
    void aBadGridIsRefusedWithItsLinesAndNothingIsWritten() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, GRID.replace("system: lorentz", "system: lorenz").replace("epochs: 3", "epochz: 3"));
        Installation.Result r = Installation.run("compare", bad.toString(), "--out", tmp.resolve("bad").toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("line 12: unknown setting 'epochz'"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(Files.notExists(tmp.resolve("bad")), "nothing written");
        Files.writeString(bad, GRID.replace("system: lorentz", "system: lorenz"));
        r = Installation.run("compare", bad.toString(), "--out", tmp.resolve("bad").toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("line 5: data 'lorenz' with method siamese (line 9): unknown physical system 'lorenz'"),
                r.err());
    }

    @Test
    @Order(2)
    void aKilledComparisonIsFinishedByTheSameCommand() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Installation.launcher().toString(), "compare", grid.toString(),
                "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("killed.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (finished() < 2 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(p.isAlive(), "the grid ended before it could be killed: " + Files.readString(tmp.resolve("killed.log")));
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        p.waitFor(30, TimeUnit.SECONDS);
        long before = finished();
        assertTrue(before >= 2 && before < 9, "killed halfway: " + before + " of 9 cells finished");

        Installation.Result r = Installation.run("compare", grid.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains(before + " of 9 cells are finished already (reused)"), r.out());
        assertTrue(r.out().contains("9 cells: " + before + " reused, " + (9 - before) + " run"), r.out());
        assertEquals(9, finished());
        try (Stream<Path> s = Files.list(out.resolve("cells"))) {
            assertEquals(List.of(), s.map(x -> x.getFileName().toString()).filter(n -> n.startsWith(".")).toList(),
                    "no staging folder of the killed process is left");
        }
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("## lorentz") && md.contains("## oscillator-2d") && md.contains("## control"), md);
        assertTrue(md.contains("| deflation | 3 |"), md);
        assertEquals(10, Files.readAllLines(out.resolve("results.csv")).size());
    }

    @Test
    @Order(3)
    void theReportIsRegeneratedAndACellRerunsToTheSameMetrics() throws IOException {
        byte[] html = Files.readAllBytes(out.resolve("report.html"));
        Files.delete(out.resolve("report.html"));
        Installation.Result r = Installation.run("report", out.toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("Report of 9 of 9 cells"), r.out());
        assertEquals(new String(html, StandardCharsets.UTF_8), Files.readString(out.resolve("report.html")),
                "the report is a function of the stored cells");

        r = Installation.run("rerun", out.resolve("cells/control--deflation--s2").toString());
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.out().contains("Identical metrics"), r.out());

        r = Installation.run("report", tmp.toString());
        assertEquals(2, r.exitCode(), r.all());
        assertTrue(r.err().contains("is not a comparison folder"), r.err());
    }

    @Test
    @Order(4)
    void theHtmlReportLoadsInARealBrowserWithoutErrors() throws Exception {
        String chromium = browser();
        Path shots = Path.of(System.getProperty("invariantlab.installation")).getParent().resolve("browser");
        Files.createDirectories(shots);
        Path png = shots.resolve("report.png");
        Files.deleteIfExists(png);
        String url = out.resolve("report.html").toUri().toString();
        List<String> common = List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-extensions", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + tmp.resolve("profile"));
        List<String> shot = new ArrayList<>(common);
        shot.addAll(List.of("--window-size=1280,2400", "--screenshot=" + png, url));
        String log = run(shot);
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 20_000, "a screenshot of the rendered page: " + log);
        List<String> dump = new ArrayList<>(common);
        dump.addAll(List.of("--dump-dom", url));
        String dom = run(dump);
        for (String line : (log + dom).split("\n")) {
            assertFalse(line.contains(":CONSOLE") || line.contains("Failed to load resource")
                    || line.contains("Not allowed to load"), "a console message or a failed load: " + line);
        }
        // the scoreboard first: a row per data set, a coloured mark per cell (the legend has one per outcome)
        int board = dom.indexOf("<table id=\"scoreboard\">");
        assertTrue(board > 0 && board < dom.indexOf("<table class=\"means\">"), "the scoreboard comes first");
        String scoreboard = dom.substring(board, dom.indexOf("</table>", board));
        assertEquals(3, count(scoreboard, "<tr><td>"), "a row per data set");
        assertEquals(9, count(scoreboard, "<span class=\"cell o-"), "a mark per cell");
        assertTrue(dom.contains("<p class=\"legend\">"), "the colours explained");
        assertEquals(3, count(dom, "<table class=\"means\">"), "one table of means per data set");
        assertTrue(count(dom, "<math") >= 1, "formulas as MathML");
        assertTrue(dom.contains("<h2>control</h2>"), "the data set headings");
        // no empty plot: every image is a PNG with content, and no chart of a yes/no metric is drawn
        List<String> images = List.of(dom.split("src=\"data:image/png;base64,", -1)).subList(1, count(dom,
                "src=\"data:image/png;base64,") + 1);
        assertTrue(images.size() >= 6, "the plots, inline: " + images.size());
        for (String img : images) {
            assertTrue(img.indexOf('"') > 4_000, "a plot of a few kB at least, not an empty frame");
        }
        for (String yesNo : List.of("independent_right", "involution_right", "independent_uncertain")) {
            assertFalse(dom.contains("--" + yesNo + ".png"), "no chart of booleans: " + yesNo);
        }
    }

    private static String browser() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p.toString();
                }
            }
        }
        throw new AssertionError("no chromium on PATH: the report's browser test needs it; install it "
                + "(apt-get install chromium) or run .ci/run, which does");
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        p.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String stdout = read(p.getInputStream());
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "chromium did not finish: " + cmd);
        return stdout + "\n" + err.join();
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
