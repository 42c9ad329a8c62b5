package org.invariantlab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --feature NAME=EXPR}: extra library terms for the interpreters, shared by {@code run}, {@code count}, {@code check}. */
final class FeatureOptions {

    @Option(names = "--feature", paramLabel = "NAME=EXPR",
            description = "An extra term the formulas may use (repeatable), e.g. --feature invR=1/Sqrt(x^2+y^2), "
                    + "--feature logS=Log(S), --feature c=Cos(q); the formula whitelist of docs/safety.md.")
    Map<String, String> features = new LinkedHashMap<>();
}
