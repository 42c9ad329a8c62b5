package org.invariantlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.ExampleSampler;
import org.invariantlab.core.InvariantLab;
import org.invariantlab.core.run.InterpreterBenchmark;
import org.invariantlab.core.compare.GridReproduction;
import org.invariantlab.core.run.Reproductions;
import org.invariantlab.core.run.Runner;
import org.invariantlab.core.train.TrainerBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code invariantlab benchmark}: training throughput of the default architecture and, with
 * {@code --reproduce}, the wall time and peak resident memory (JVM heap plus ND4J's off-heap buffers, read
 * from {@code /proc/self/status}) of the Wetzel et al. reproduction. Prints tables to paste into
 * {@code docs/results.md}.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure training speed (pairs/s of the siamese trainer, states/s of the group and second-order "
            + "trainers; 64-64-64 swish, batch 256 by default) beside the PyTorch peer and every installed interpreter, "
            + "and with --reproduce the wall time and peak memory of 'reproduce wetzel2020'.",
            "Prints markdown tables."})
final class BenchmarkCommand extends LabCommand {

    @Option(names = "--pairs", paramLabel = "N", defaultValue = "100000", description = "Training pairs (default ${DEFAULT-VALUE}).")
    int pairs;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "3", description = "Epochs per repeat (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", description = "Repeats (default ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "256", description = "Pairs per step (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--hidden", split = ",", paramLabel = "W", defaultValue = "64,64,64",
            description = "Hidden widths (default ${DEFAULT-VALUE}; the reproduction trains 32,32,32).")
    List<Integer> hidden;

    @Option(names = "--types", split = ",", paramLabel = "T", defaultValue = "float", description = "float and/or double (default ${DEFAULT-VALUE}).")
    List<String> types;

    @Option(names = "--reference", description = "Also time the plain DL4J recipe (feedForward + backpropGradient + updater).")
    boolean reference;

    @Option(names = "--peer", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time the PyTorch peer (bench/pytorch_peer.py of the installation, with /usr/bin/python3 "
                    + "and Debian's python3-torch) on the same workloads, and print the ratios (default: on; "
                    + "--no-peer skips it).")
    boolean peer;

    @Option(names = "--interpreters", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also time one call of every installed interpreter at its default parameters on fixed "
                    + "workloads (a smooth function of a declared invariant of lorentz, kepler, hajeong-s1, "
                    + "lotka-volterra, hajeong-s2), with the formula read and its verdict (default: on).")
    boolean interpreters;

    @Option(names = "--reproduce", description = "Also run 'reproduce wetzel2020' into a temporary folder and time it.")
    boolean reproduce;

    @Option(names = "--quick", description = "With --reproduce: the quick variant.")
    boolean quick;

    @Override
    int run(InvariantLab lab, PrintWriter out) {
        // the reproduction's grid is found before minutes of speed measurements, not after
        ReproductionGrids.Chosen wetzel;
        try {
            wetzel = reproduce ? ReproductionGrids.choose("wetzel2020") : null;
        } catch (org.invariantlab.api.InvariantLabException e) {
            return refuse(e);
        }
        out.printf(Locale.ROOT, "InvariantLab benchmark, %s, %d cores, Java %s, %s%n%n", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), cpuModel());
        TrainerBenchmark.Settings s = new TrainerBenchmark.Settings(pairs, epochs, batchSize, 4, hidden,
                types, repeats, reference);
        out.println(TrainerBenchmark.header(s));
        out.flush();
        List<TrainerBenchmark.Row> speed = new ArrayList<>(TrainerBenchmark.run(s,
                lab.registry().get(NetworkHead.class, "distance-logistic")));
        // the group loss of Ha & Jeong beside it, when its plugin is installed
        var groupHead = lab.registry().find(NetworkHead.class, "noise-variance");
        var groupSampler = lab.registry().find(ExampleSampler.class, "ha-jeong");
        if (groupHead.isPresent() && groupSampler.isPresent()) {
            ExampleSampler sampler = groupSampler.get().extension();
            speed.add(TrainerBenchmark.runGroups(s, groupHead.get().extension(),
                    sampler.perturbation(Parameters.resolve(sampler.id(), sampler.parameters(), Map.of())).orElse(null)));
        }
        // training on input gradients (second order): AI Poincare 2.0's loss for 1 and 3 outputs, a deflation stage
        GradientLoss orthogonality = lab.registry().get(GradientLoss.class, "gradient-orthogonality");
        speed.addAll(TrainerBenchmark.runGradient(s, "orthogonality-1", orthogonality, Map.of(), 1, 0));
        speed.addAll(TrainerBenchmark.runGradient(s, "orthogonality-3", orthogonality, Map.of(), 3, 0));
        lab.registry().find(GradientLoss.class, "neural-deflation").ifPresent(d -> speed.addAll(
                TrainerBenchmark.runGradient(s, "deflation-2", d.extension(), Map.of(), 1, 1)));
        List<TrainerBenchmark.Row> peerRows = peer ? PytorchPeer.run(s, out) : List.of();
        speed.addAll(peerRows);
        out.println(TrainerBenchmark.table(speed));
        if (!peerRows.isEmpty()) {
            out.println(PytorchPeer.ratios(speed));
        }
        out.println("trainer: siamese pairs/s; trainer-groups: states/s of whole groups with fresh perturbations "
                + "(Ha-Jeong's noise-variance loss); both cost two network evaluations each");
        out.println("orthogonality-k: states/s of k outputs trained jointly on gradient-orthogonality; deflation-2: "
                + "states/s of a second deflation stage (one frozen network, Poisson bracket); second order, in each "
                + "precision (float: sgemm and Vector API activations" + (TrainerBenchmark.vectorActivations() ? "" : ", here "
                + "without the Vector API") + ")");
        if (interpreters) {
            out.println();
            out.println("Interpreters, one call each at default parameters (this takes a while for searching ones):");
            out.flush();
            out.println(InterpreterBenchmark.table(InterpreterBenchmark.run(lab.registry(),
                    InterpreterBenchmark.WORKLOADS)));
        }
        if (reproduce) {
            Path tmp;
            try {
                tmp = Files.createTempDirectory("invariantlab-benchmark-");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            long t0 = System.nanoTime();
            List<Reproductions.Row> rows = Reproductions.run(job(lab, Runner.class), "wetzel2020", quick,
                    GridReproduction.experiments(wetzel.grid(), quick),
                    tmp.resolve("reproduction"), false, commandLineText(), ProgressPrinter.forConsole(out));
            double seconds = (System.nanoTime() - t0) / 1e9;
            out.println();
            out.println(ReproduceCommand.table(wetzel.name(), rows, quick, seconds));
            out.printf(Locale.ROOT, "| reproduction | wall time | peak resident memory (heap + off-heap) | peak JVM heap |%n");
            out.printf(Locale.ROOT, "|---|---|---|---|%n");
            out.printf(Locale.ROOT, "| wetzel2020 %s | %.1f s | %s | %.0f MB |%n", quick ? "quick" : "full", seconds,
                    peakResident(), peakHeapMb());
            out.printf(Locale.ROOT, "%nResults kept in %s%n", tmp);
        }
        return ExitCodes.OK;
    }

    /** VmHWM of this process (Linux), i.e. the peak resident set including native ND4J memory. */
    static String peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.0f MB", kb / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
        return "unavailable (no VmHWM)";
    }

    private static double peakHeapMb() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / (1024.0 * 1024.0);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
