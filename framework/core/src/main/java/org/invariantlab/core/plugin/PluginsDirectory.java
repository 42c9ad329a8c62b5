package org.invariantlab.core.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;

/**
 * Chooses the plugins directory. The first of these that is given wins:
 * <ol>
 *   <li>the directory named explicitly, e.g. by the command-line option {@code --plugins-dir};</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE}, when set and not blank;</li>
 *   <li>{@code plugins/} inside the installation directory (the launcher passes it);</li>
 *   <li>{@code plugins/} inside the current working directory.</li>
 * </ol>
 * The result is absolute and normalised, so messages show exactly which directory was used, and
 * {@link #choose} also says which rule chose it, so a message can say "(from $INVARIANTLAB_PLUGINS_DIR)".
 * Whether it exists is checked by {@link Choice#check()} and again when plugins are loaded.
 */
public final class PluginsDirectory {

    /** Environment variable naming the plugins directory. */
    public static final String ENVIRONMENT_VARIABLE = "INVARIANTLAB_PLUGINS_DIR";

    /** Name of the plugins directory inside an installation or the working directory. */
    public static final String DIRECTORY_NAME = "plugins";

    private PluginsDirectory() {
    }

    /** Where the chosen directory came from; messages about the directory say it. */
    public enum Origin {
        /** Named by the command-line option {@code --plugins-dir}. */
        OPTION("from --plugins-dir"),
        /** Named by the environment variable {@value PluginsDirectory#ENVIRONMENT_VARIABLE}. */
        ENVIRONMENT("from $" + ENVIRONMENT_VARIABLE),
        /** {@code plugins/} of the installation. */
        INSTALLATION("the installation's plugins folder"),
        /** {@code plugins/} of the working directory, when nothing else named one. */
        WORKING_DIRECTORY("plugins/ of the working directory; no installation, option or $" + ENVIRONMENT_VARIABLE
                + " named another");

        private final String words;

        Origin(String words) {
            this.words = words;
        }

        /** How a message says it, e.g. {@code from $INVARIANTLAB_PLUGINS_DIR}. */
        public String words() {
            return words;
        }

        /** Whether the user named the directory, so a wrong one is a usage error rather than a broken installation. */
        public boolean namedByUser() {
            return this == OPTION || this == ENVIRONMENT;
        }
    }

    /**
     * The chosen plugins directory and where it came from.
     *
     * @param path   absolute and normalised
     * @param origin which rule chose it
     */
    public record Choice(Path path, Origin origin) {

        public Choice {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(origin, "origin");
        }

        /** {@code /x (from $INVARIANTLAB_PLUGINS_DIR)}: the path as messages name it. */
        @Override
        public String toString() {
            return path + " (" + origin.words() + ")";
        }

        /**
         * Checks that the directory exists, is a directory and can be read.
         *
         * @throws InvalidInputException when the user named a directory that cannot be used (exit code 2)
         * @throws InvariantLabException when the installation's own directory cannot be used
         */
        public void check() {
            PluginsDirectory.check(path, this.toString(), origin.namedByUser());
        }
    }

    /**
     * @param explicitOption   the directory the user named, or {@code null}
     * @param environment      the process environment, e.g. {@code System.getenv()}
     * @param installationHome the installation directory, or {@code null} when unknown
     * @return the plugins directory, absolute and normalised
     */
    public static Path resolve(Path explicitOption, Map<String, String> environment, Path installationHome) {
        return choose(explicitOption, environment, installationHome).path();
    }

    /** Like {@link #resolve}, and says which rule chose the directory. */
    public static Choice choose(Path explicitOption, Map<String, String> environment, Path installationHome) {
        Objects.requireNonNull(environment, "environment");
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (explicitOption != null) {
            return choice(explicitOption, Origin.OPTION);
        } else if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return choice(Path.of(fromEnvironment.strip()), Origin.ENVIRONMENT);
        } else if (installationHome != null) {
            return choice(installationHome.resolve(DIRECTORY_NAME), Origin.INSTALLATION);
        }
        return choice(Path.of(DIRECTORY_NAME), Origin.WORKING_DIRECTORY);
    }

    private static Choice choice(Path p, Origin origin) {
        return new Choice(p.toAbsolutePath().normalize(), origin);
    }

    /**
     * The one home of the messages about an unusable plugins directory.
     *
     * @param dir       the directory
     * @param named     how messages name it, e.g. {@code /x (from --plugins-dir)}
     * @param usage     whether a refusal is a usage error ({@link InvalidInputException})
     */
    static void check(Path dir, String named, boolean usage) {
        String choose = "; or choose another directory with --plugins-dir or $" + ENVIRONMENT_VARIABLE;
        String problem = null;
        if (!Files.exists(dir)) {
            problem = "does not exist; create it and put plugin jars into it" + choose;
        } else if (!Files.isDirectory(dir)) {
            problem = "is a file, not a directory" + choose;
        } else if (!Files.isReadable(dir)) {
            problem = "cannot be read (permission denied); fix its permissions" + choose;
        }
        if (problem != null) {
            String message = "plugins directory " + named + " " + problem;
            throw usage ? new InvalidInputException(message) : new InvariantLabException(message);
        }
    }
}
