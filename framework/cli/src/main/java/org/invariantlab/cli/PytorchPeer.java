package org.invariantlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.invariantlab.core.train.TrainerBenchmark;

/**
 * The PyTorch peer of {@code invariantlab benchmark}: {@code bench/pytorch_peer.py} of the installation, run with
 * {@code /usr/bin/python3} (Debian's {@code python3-torch}) on the same workloads, one thread, after InvariantLab's
 * own rows (never at the same time). Each line {@code peer ENGINE RATE} becomes a row {@code peer:ENGINE}.
 */
final class PytorchPeer {

    static final String PYTHON = "/usr/bin/python3";
    static final long TIMEOUT_SECONDS = 600;

    private PytorchPeer() {
    }

    /** The peer's rows, or none (with one line saying why) when it is not installed or fails. */
    static List<TrainerBenchmark.Row> run(TrainerBenchmark.Settings s, PrintWriter out) {
        String home = System.getProperty("invariantlab.home");
        Path script = home == null ? null : Path.of(home, "bench", "pytorch_peer.py");
        if (script == null || !Files.isRegularFile(script)) {
            out.println("PyTorch peer: skipped (no bench/pytorch_peer.py in this installation)");
            return List.of();
        }
        if (!Files.isExecutable(Path.of(PYTHON))) {
            out.println("PyTorch peer: skipped (" + PYTHON + " not found; install Debian's python3-torch to compare)");
            return List.of();
        }
        List<String> command = List.of(PYTHON, script.toString(), "--inputs", String.valueOf(s.inputs()),
                "--widths", s.widths().stream().map(String::valueOf).collect(Collectors.joining(",")),
                "--batch", String.valueOf(s.batchSize()), "--threads", "1");
        out.println("PyTorch peer: " + String.join(" ", command));
        out.flush();
        List<String> lines;
        int exit;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("OMP_NUM_THREADS", "1");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                out.println("PyTorch peer: skipped (no result within " + TIMEOUT_SECONDS + " s)");
                return List.of();
            }
            lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            exit = p.exitValue();
        } catch (IOException e) {
            out.println("PyTorch peer: skipped (" + e.getMessage() + ")");
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        if (exit != 0) {
            String why = lines.stream().filter(l -> l.contains("ModuleNotFoundError")).findFirst()
                    .map(l -> "python3-torch is not installed").orElse("exit " + exit);
            out.println("PyTorch peer: skipped (" + why + ")");
            return List.of();
        }
        List<TrainerBenchmark.Row> rows = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[0].equals("peer") && f[2].matches("[0-9.]+")) {
                String type = "float"; // the peer's default: float32 throughout (--double is not passed)
                rows.add(new TrainerBenchmark.Row("peer:" + f[1], type, new double[] {Double.parseDouble(f[2])},
                        s.batchSize()));
            } else if (f.length >= 3 && f[1].equals("torch")) {
                out.println("PyTorch peer: torch " + String.join(" ", java.util.Arrays.copyOfRange(f, 2, f.length)));
            } else if (f.length == 3 && f[1].equals("blas")) {
                boolean optimised = f[2].contains("openblas") || f[2].contains("mkl") || f[2].contains("blis");
                out.println("PyTorch peer: BLAS " + f[2] + (optimised ? "" : " -- the reference BLAS: the peer runs "
                        + "about 4x slower than with OpenBLAS; install libopenblas0-pthread for a fair comparison"));
            }
        }
        return rows;
    }

    /** Lines {@code ENGINE: InvariantLab / peer = R×} for every engine measured by both. */
    static String ratios(List<TrainerBenchmark.Row> rows) {
        StringBuilder sb = new StringBuilder("Measured in this run, InvariantLab against the PyTorch peer:\n");
        for (TrainerBenchmark.Row ours : rows) {
            for (TrainerBenchmark.Row theirs : rows) {
                if (theirs.engine().equals("peer:" + ours.engine())) {
                    sb.append(String.format(Locale.ROOT, "  %-16s %-6s %8.0f / %8.0f = %.2fx%n", ours.engine(),
                            ours.dataType(), ours.median(), theirs.median(), ours.median() / theirs.median()));
                }
            }
        }
        return sb.toString();
    }
}
