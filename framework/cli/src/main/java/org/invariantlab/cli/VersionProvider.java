package org.invariantlab.cli;

import org.invariantlab.api.ApiVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code invariantlab --version}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {
            "InvariantLab " + ApiVersion.current() + " (plugin API " + ApiVersion.current() + ")",
            "Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")
        };
    }
}
