package org.invariantlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariantlab.testkit.PluginJarBuilder;

/** One in-process run of the command line: its exit code and what it printed on each stream. */
record CliRun(int code, String out, String err) {

    /** Runs {@code args} as given. */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Runs {@code args} with {@code --plugins-dir plugins} appended. */
    static CliRun withPlugins(Path plugins, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--plugins-dir");
        all.add(plugins.toString());
        return of(all.toArray(String[]::new));
    }

    /** A plugins folder {@code dir/plugins} holding one real plugin jar, {@code circle}, with {@link CircleSystem}. */
    static Path circlePlugin(Path dir) throws IOException {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJarBuilder.plugin("circle").version("1.0.0").extensions(CircleSystem.class).writeTo(plugins);
        return plugins;
    }
}
