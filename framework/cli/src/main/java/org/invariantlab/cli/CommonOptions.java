package org.invariantlab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command accepts. */
final class CommonOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Plugin directory (default: $INVARIANTLAB_PLUGINS_DIR, else plugins/ of the installation).")
    Path pluginsDir;

    @Option(names = {"-v", "--verbose"}, description = "Log details and print stack traces of errors.")
    boolean verbose;
}
