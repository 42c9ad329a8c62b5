package org.invariantlab.distribution;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs a real Maven build as a subprocess, offline, on the Maven that runs this test (or {@code $MAVEN_HOME},
 * or {@code mvn} on the {@code PATH}). The build gets a fresh local repository of its own, so nothing it
 * resolves is looked up in, or written to, the user's {@code ~/.m2}: the user's repository only serves as a
 * read-only stand-in for Maven Central (third-party libraries and Maven plugins, which {@code mvn verify}
 * of this project has already downloaded). That stand-in is a view without this project's own artefacts
 * ({@code org/invariantlab}): an earlier {@code mvn install} must not be able to serve the API in place of
 * the installation's SDK folder.
 */
final class Maven {

    /** A plugin build compiles, runs a dozen contract tests and packs a jar: well under a minute. */
    private static final long TIMEOUT_SECONDS = 600;

    private final Path executable;
    private final Path settings;
    private final Path localRepository;

    private Maven(Path executable, Path settings, Path localRepository) {
        this.executable = executable;
        this.settings = settings;
        this.localRepository = localRepository;
    }

    /**
     * A Maven whose local repository is {@code work/repository} and whose "Central" is the user's local
     * repository (a {@code file:} URL).
     *
     * @throws AssertionError if no Maven executable can be found
     */
    static Maven offline(Path work) throws IOException {
        Path userRepository = Path.of(Optional.ofNullable(System.getProperty("invariantlab.userRepository"))
                .orElse(System.getProperty("user.home") + "/.m2/repository")).toAbsolutePath();
        Path local = Files.createDirectories(work.resolve("repository"));
        Path view = centralView(userRepository, work.resolve("central"));
        String central = """
                    <repository><id>central</id><url>%s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>
                    </repository>
                """.formatted(view.toUri());
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <localRepository>%s</localRepository>
                  <profiles><profile><id>user-repository-as-central</id>
                    <repositories>%s</repositories>
                    <pluginRepositories>%s</pluginRepositories>
                  </profile></profiles>
                  <activeProfiles><activeProfile>user-repository-as-central</activeProfile></activeProfiles>
                </settings>
                """.formatted(local, central, central.replace("repository>", "pluginRepository>")));
        return new Maven(executable(), settings, local);
    }

    /** This project's group in a Maven repository: kept out of the stand-in Central. */
    private static final Path PROJECT_GROUP = Path.of("org", "invariantlab");

    /**
     * A folder of symbolic links to the user's repository, every entry but {@link #PROJECT_GROUP}: cheap (one
     * link per top-level group) and read-only towards the user's repository.
     */
    private static Path centralView(Path userRepository, Path view) throws IOException {
        Files.createDirectories(view);
        linkAllBut(userRepository, view, PROJECT_GROUP);
        return view;
    }

    private static void linkAllBut(Path source, Path target, Path excluded) throws IOException {
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> entries = Files.list(source)) {
            for (Path entry : entries.toList()) {
                Path name = entry.getFileName();
                if (excluded.getNameCount() > 1 && name.toString().equals(excluded.getName(0).toString())) {
                    Path dir = Files.createDirectories(target.resolve(name.toString()));
                    linkAllBut(entry, dir, excluded.subpath(1, excluded.getNameCount()));
                } else if (!(excluded.getNameCount() == 1 && name.toString().equals(excluded.toString()))) {
                    Files.createSymbolicLink(target.resolve(name.toString()), entry.toAbsolutePath());
                }
            }
        }
    }

    /** The fresh local repository the builds fill. */
    Path localRepository() {
        return localRepository;
    }

    /** Output of one build: exit code and the combined log. */
    record Build(int exitCode, String log) {
        /** The last {@code n} lines of the log, for assertion messages. */
        String tail(int n) {
            List<String> lines = log.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        }
    }

    /** Runs {@code mvn -B -o <goals>} in {@code project}. */
    Build run(Path project, String... goals) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(executable.toString(), "-B", "-o",
                // offline mode refuses even file: repositories unless told otherwise
                "-Daether.offline.protocols=file", "-s", settings.toString()));
        cmd.addAll(List.of(goals));
        Path log = Files.createTempFile(project.getParent(), "maven", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("MAVEN_OPTS", "-Xmx512m");
        pb.environment().remove("MAVEN_ARGS");
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("Maven build timed out after " + TIMEOUT_SECONDS + " s: " + cmd);
        }
        return new Build(p.exitValue(), Files.readString(log));
    }

    /**
     * The Maven running this test ({@code maven.home}, passed by failsafe), else {@code $MAVEN_HOME}, else
     * {@code mvn} on the {@code PATH}.
     */
    private static Path executable() {
        List<String> tried = new ArrayList<>();
        for (String home : new String[] {System.getProperty("invariantlab.maven.home"), System.getenv("MAVEN_HOME")}) {
            if (home != null && !home.isBlank()) {
                Path mvn = Path.of(home, "bin", "mvn");
                if (Files.isExecutable(mvn)) {
                    return mvn;
                }
                tried.add(mvn.toString());
            }
        }
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        Optional<Path> onPath = Stream.of(path.split(File.pathSeparator)).filter(d -> !d.isBlank())
                .map(d -> Path.of(d, "mvn")).filter(Files::isExecutable).findFirst();
        if (onPath.isPresent()) {
            return onPath.get();
        }
        tried.add("mvn on PATH");
        throw new AssertionError("no Maven executable found (tried " + String.join(", ", tried) + "); this test runs"
                + " the plugin template's real Maven build: install Maven 3.8+ or set MAVEN_HOME");
    }
}
