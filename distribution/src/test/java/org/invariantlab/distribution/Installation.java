package org.invariantlab.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The installation under test and a way to run its launcher. */
final class Installation {

    /** Wall-clock limit for one command; generous, listing commands take about a second. */
    private static final long TIMEOUT_SECONDS = 120;

    static Path home() {
        String p = System.getProperty("invariantlab.installation");
        if (p == null) {
            throw new IllegalStateException("system property invariantlab.installation is not set (run through Maven failsafe)");
        }
        return Path.of(p);
    }

    static Path launcher() {
        return home().resolve("bin/invariantlab");
    }

    static Path examples() {
        return Path.of(System.getProperty("invariantlab.examples"));
    }

    /** Output of one command. */
    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Result run(Map<String, String> env, String... args) {
        return runLauncher(launcher(), env, args);
    }

    /** Runs {@code launcher} (this installation's or a copy's) with {@code env} added to a clean environment. */
    static Result runLauncher(Path launcher, Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("INVARIANTLAB_PLUGINS_DIR");
        pb.environment().remove("INVARIANTLAB_CDS");
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + cmd);
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    /** Copies the installed plugin jars into {@code dir}, for tests that add jars of their own. */
    static void copyPlugins(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> jars = Files.list(home().resolve("plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, dir.resolve(jar.getFileName()));
            }
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Installation() {
    }
}
