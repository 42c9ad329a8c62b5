package org.invariantlab.core.plugin;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses the plugins directory. The first of these that is given wins:
 * <ol>
 *   <li>the directory named explicitly, e.g. by the command-line option {@code --plugins-dir};</li>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE}, when set and not blank;</li>
 *   <li>{@code plugins/} inside the installation directory (the launcher passes it);</li>
 *   <li>{@code plugins/} inside the current working directory.</li>
 * </ol>
 * The result is absolute and normalised, so messages show exactly which directory was used. Whether it
 * exists is checked when plugins are loaded, not here.
 */
public final class PluginsDirectory {

    /** Environment variable naming the plugins directory. */
    public static final String ENVIRONMENT_VARIABLE = "INVARIANTLAB_PLUGINS_DIR";

    /** Name of the plugins directory inside an installation or the working directory. */
    public static final String DIRECTORY_NAME = "plugins";

    private PluginsDirectory() {
    }

    /**
     * @param explicitOption   the directory the user named, or {@code null}
     * @param environment      the process environment, e.g. {@code System.getenv()}
     * @param installationHome the installation directory, or {@code null} when unknown
     * @return the plugins directory, absolute and normalised
     */
    public static Path resolve(Path explicitOption, Map<String, String> environment, Path installationHome) {
        Objects.requireNonNull(environment, "environment");
        Path chosen;
        String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
        if (explicitOption != null) {
            chosen = explicitOption;
        } else if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            chosen = Path.of(fromEnvironment.strip());
        } else if (installationHome != null) {
            chosen = installationHome.resolve(DIRECTORY_NAME);
        } else {
            chosen = Path.of(DIRECTORY_NAME);
        }
        return chosen.toAbsolutePath().normalize();
    }
}
