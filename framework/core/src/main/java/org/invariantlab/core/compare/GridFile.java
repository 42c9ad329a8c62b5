package org.invariantlab.core.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.core.count.CountSettings;
import org.invariantlab.core.io.IoErrors;
import org.invariantlab.core.job.DataFile;
import org.invariantlab.core.io.YamlDocument;
import org.invariantlab.core.run.RunSpec;
import org.invariantlab.core.run.Slot;

/**
 * Reads a grid file (YAML; docs/comparing-methods.md) into a {@link Grid}. Every problem the file itself shows —
 * syntax, unknown or repeated keys, a value of the wrong kind, a setting out of range, a method named twice — is
 * collected with its line and reported at once, as one {@link InvalidInputException} with a line per problem.
 * Whether ids exist and parameters fit the plugins is checked later, with the plugins loaded
 * ({@link GridPlan#validate}).
 */
public final class GridFile {

    /** Largest grid file read, in bytes. */
    static final long MAX_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP = Set.of("name", "description", "seeds", "data", "methods", "sweep", "quick");
    private static final Set<String> DATA = Set.of("system", "params", "file", "label", "methods", "variables",
            "groupColumn", "timeColumn", "ignore", "statesArray", "timesArray", "truth", "split", "canonical", "features",
            "paper");
    private static final Set<String> RUN = Set.of("sampler", "samplerParams", "head", "headParams", "interpreter",
            "interpreterParams", "data", "training");

    private final YamlDocument tree;
    private final String source;
    private final Path folder;
    private final List<GridProblem> problems = new ArrayList<>();
    /** Every method name the grid lists, valid or not, so that data entries can refer to them. */
    private final Set<String> methodNames = new LinkedHashSet<>();

    private GridFile(YamlDocument tree, String source, Path folder, List<GridProblem> earlier) {
        this.tree = tree;
        this.source = source;
        this.folder = folder;
        problems.addAll(earlier);
    }

    /** Reads and checks {@code file}; relative data-file paths are taken from the grid's folder. */
    public static Grid read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("grid file " + file + " does not exist or is not a file; see examples/grids "
                    + "for the format");
        }
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new InvalidInputException("grid file " + file + " is larger than 1 MB; a grid lists data, methods and "
                        + "seeds, not data");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read grid file " + file + ": " + IoErrors.describe(e, file));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException("grid file " + file + " is not UTF-8 text; a grid is a YAML file (see "
                    + "examples/grids)");
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        return parse(text, file.getFileName().toString(), folder);
    }

    /** Parses grid text; {@code folder} resolves relative data-file paths. */
    public static Grid parse(String text, String source, Path folder) {
        List<YamlDocument.Problem> syntax = new ArrayList<>();
        YamlDocument tree = YamlDocument.parse(text, source, "a grid", syntax);
        if (tree.empty()) {
            throw new InvalidInputException(source + " is empty; a grid lists data, methods and seeds (see "
                    + "examples/grids)");
        }
        return new GridFile(tree, source, folder,
                syntax.stream().map(p -> new GridProblem(p.line(), p.message())).toList()).grid();
    }

    private Grid grid() {
        JsonNode root = tree.root();
        if (!root.isObject()) {
            throw new InvalidInputException(source + " line 1: a grid is a mapping with 'data', 'methods' and 'seeds' (see "
                    + "examples/grids)");
        }
        keys(root, "", TOP);
        String name = text(root.get("name"), "/name");
        if (name == null) {
            name = source.replaceFirst("\\.ya?ml$", "");
        }
        String description = text(root.get("description"), "/description");
        List<Long> seeds = new ArrayList<>();
        JsonNode seedNode = root.get("seeds");
        if (seedNode == null || seedNode.isNull()) {
            seeds.add(1L);
        } else {
            for (int i = 0; i < list(seedNode, "/seeds").size(); i++) {
                Long s = integer(seedNode.isArray() ? seedNode.get(i) : seedNode, "/seeds" + (seedNode.isArray() ? "/" + i : ""));
                if (s != null) {
                    if (seeds.contains(s)) {
                        problem("/seeds", "seed " + s + " is listed twice");
                    }
                    seeds.add(s);
                }
            }
        }
        JsonNode quick = root.get("quick");
        JsonNode quickRun = null;
        JsonNode quickCount = null;
        if (quick != null && !quick.isNull()) {
            if (!quick.isObject()) {
                problem("/quick", "'quick' holds overrides for --quick: 'run:' and/or 'count:' settings");
            } else {
                keys(quick, "/quick", Set.of("run", "count"));
                quickRun = quick.get("run");
                quickCount = quick.get("count");
            }
        }
        List<Grid.Method> methods = methods(root.get("methods"), quickRun, quickCount);
        List<Grid.Data> data = data(root.get("data"), methods);
        List<Double> noise = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        JsonNode sweep = root.get("sweep");
        if (sweep != null && !sweep.isNull()) {
            if (!sweep.isObject()) {
                problem("/sweep", "'sweep' holds 'noise: [...]' and/or 'size: [...]'");
            } else {
                keys(sweep, "/sweep", Set.of("noise", "size"));
                JsonNode n = sweep.get("noise");
                if (n != null) {
                    List<JsonNode> items = list(n, "/sweep/noise");
                    for (int i = 0; i < items.size(); i++) {
                        Double v = real(items.get(i), "/sweep/noise/" + i);
                        if (v != null && (!(v >= 0) || v > 10)) {
                            problem("/sweep/noise/" + i, "a noise level is 0 (none) or a positive fraction of each "
                                    + "variable's spread (e.g. 0.01), got " + v);
                        } else if (v != null) {
                            noise.add(v);
                        }
                    }
                    for (Grid.Method m : methods) {
                        if (m.kind() == Grid.Kind.COUNT) {
                            problem("/sweep/noise", "the noise sweep applies to run methods; method '" + m.name()
                                    + "' counts (line " + m.line() + "): put counts in a grid of their own");
                        }
                    }
                }
                JsonNode s = sweep.get("size");
                if (s != null) {
                    List<JsonNode> items = list(s, "/sweep/size");
                    for (int i = 0; i < items.size(); i++) {
                        Long v = integer(items.get(i), "/sweep/size/" + i);
                        if (v != null && (v < 2 || v > 100_000_000)) {
                            problem("/sweep/size/" + i, "a data size (training groups of a run, trajectories of a "
                                    + "count) is between 2 and 100000000, got " + v);
                        } else if (v != null) {
                            sizes.add(v.intValue());
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(source, problems);
        }
        return new Grid(name, description == null ? "" : description, source, data, methods, seeds, noise, sizes);
    }

    /** All problems as one exception, a line each, sorted by line. */
    static InvalidInputException invalid(String source, List<GridProblem> problems) {
        List<GridProblem> sorted = new ArrayList<>(new LinkedHashSet<>(problems));
        sorted.sort(java.util.Comparator.comparingInt(GridProblem::line));
        if (sorted.size() == 1) {
            GridProblem p = sorted.get(0);
            return new InvalidInputException(source + (p.line() > 0 ? " line " + p.line() : "") + ": " + p.message()
                    + " (nothing was run)");
        }
        StringBuilder b = new StringBuilder(source + " has " + sorted.size() + " problems; nothing was run:");
        for (GridProblem p : sorted) {
            b.append("\n  ").append(p);
        }
        return new InvalidInputException(b.toString());
    }

    private List<Grid.Method> methods(JsonNode node, JsonNode quickRun, JsonNode quickCount) {
        List<Grid.Method> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            problem("", "the grid lists no methods; add e.g. 'methods: [{name: siamese, run: {}}]'");
            return out;
        }
        List<JsonNode> items = list(node, "/methods");
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = "/methods/" + i;
            JsonNode m = items.get(i);
            if (!m.isObject()) {
                problem(at, "a method is a mapping: 'name:' and one of 'run:' or 'count:'");
                continue;
            }
            keys(m, at, Set.of("name", "run", "count", "quick"));
            String name = text(m.get("name"), at + "/name");
            if (name == null) {
                problem(at, "this method has no 'name'");
                continue;
            }
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                problem(at + "/name", "method name '" + name + "' may use letters, digits, '.', '_' and '-' only");
                continue;
            }
            methodNames.add(name);
            if (!names.add(name)) {
                problem(at + "/name", "method '" + name + "' is named twice; give each method its own name");
            }
            boolean run = m.has("run");
            boolean count = m.has("count");
            if (run == count) {
                problem(at, "method '" + name + "' needs exactly one of 'run:' (train and read a network) or 'count:' "
                        + "(count conserved quantities)");
                continue;
            }
            int line = tree.line(at);
            JsonNode own = m.get("quick");
            String ownAt = at + "/quick";
            if (run) {
                JsonNode quickOver = own != null ? own : quickRun;
                String quickOverAt = own != null ? ownAt : "/quick/run";
                Grid.RunTemplate t = runTemplate(m.get("run"), at + "/run", null, null);
                Grid.RunTemplate q = quickOver == null ? t : runTemplate(m.get("run"), at + "/run", quickOver, quickOverAt);
                if (t != null && q != null) {
                    out.add(new Grid.Method(name, Grid.Kind.RUN, t, q, null, null, line));
                }
            } else {
                Grid.CountTemplate t = countTemplate(m.get("count"), at + "/count", null, null);
                JsonNode quickOver = own != null ? own : quickCount;
                String quickOverAt = own != null ? ownAt : "/quick/count";
                Grid.CountTemplate q = quickOver == null ? t
                        : countTemplate(m.get("count"), at + "/count", quickOver, quickOverAt);
                if (t != null && q != null) {
                    out.add(new Grid.Method(name, Grid.Kind.COUNT, null, null, t, q, line));
                }
            }
        }
        return out;
    }

    private Grid.RunTemplate runTemplate(JsonNode settings, String at, JsonNode quick, String quickAt) {
        ObjectNode base = JSON.createObjectNode();
        base.put("sampler", "permutation");
        base.set("samplerParams", JSON.createObjectNode());
        base.put("head", "distance-logistic");
        base.set("headParams", JSON.createObjectNode());
        base.put("interpreter", "polynomial");
        base.set("interpreterParams", JSON.createObjectNode());
        ObjectNode data = JSON.valueToTree(RunSpec.Data.defaults());
        data.put("testFrom", RunSpec.TestFrom.FRESH_GROUPS.word()); // a spec file leaves the default out; a grid may set it
        base.set("data", data);
        ObjectNode training = JSON.valueToTree(RunSpec.Training.defaults());
        training.put("trackEvery", 0); // left out of spec files at its default; a grid may set it
        base.set("training", training);
        int before = problems.size();
        if (settings != null && !settings.isNull()) {
            if (quick == null) {
                keys(settings, at, RUN);
            }
            merge(base, settings, at);
        }
        if (quick != null) {
            merge(base, quick, quickAt);
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return new Grid.RunTemplate(slot(base, "sampler"), slot(base, "head"), slot(base, "interpreter"),
                    JSON.treeToValue(base.get("data"), RunSpec.Data.class),
                    JSON.treeToValue(base.get("training"), RunSpec.Training.class));
        } catch (IOException | RuntimeException e) {
            problem(quick != null ? quickAt : at, reason(e));
            return null;
        }
    }

    private static Slot slot(ObjectNode base, String kind) {
        Map<String, String> params = new LinkedHashMap<>();
        base.get(kind + "Params").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
        return new Slot(base.get(kind).asText(), params);
    }

    private Grid.CountTemplate countTemplate(JsonNode settings, String at, JsonNode quick, String quickAt) {
        ObjectNode base = JSON.valueToTree(CountSettings.defaults());
        base.remove("seed"); // the grid's seeds decide
        base.put("checkHorizon", Double.NaN); // the data's default: 1 for a system, 2 for a file (CountSpec)
        int before = problems.size();
        if (settings != null && !settings.isNull()) {
            merge(base, settings, at);
        }
        if (quick != null) {
            merge(base, quick, quickAt);
        }
        if (problems.size() > before) {
            return null;
        }
        double horizon = base.get("checkHorizon").asDouble();
        base.remove("checkHorizon");
        base.put("seed", 1);
        try {
            return new Grid.CountTemplate(JSON.treeToValue(base, CountSettings.class), horizon);
        } catch (IOException | RuntimeException e) {
            problem(quick != null ? quickAt : at, reason(e));
            return null;
        }
    }

    /**
     * Overlays {@code over} on {@code base} key by key: a key {@code base} does not have is a problem (it names the
     * known ones); mappings merge, except parameter maps ({@code …Params}), which {@code over} replaces.
     */
    private void merge(ObjectNode base, JsonNode over, String at) {
        if (!over.isObject()) {
            problem(at, "expected a mapping of settings here");
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (!base.has(key)) {
                List<String> known = new ArrayList<>();
                base.fieldNames().forEachRemaining(known::add);
                problem(at + "/" + key, "unknown setting '" + key + "'; known here: " + String.join(", ", known));
                continue;
            }
            JsonNode old = base.get(key);
            if (key.endsWith("Params")) {
                if (value.isNull()) {
                    base.set(key, JSON.createObjectNode());
                } else if (!value.isObject()) {
                    problem(at + "/" + key, "'" + key + "' is a mapping of parameter names to values");
                } else {
                    base.set(key, value);
                }
            } else if (old.isObject()) {
                if (value.isObject()) {
                    merge((ObjectNode) old, value, at + "/" + key);
                } else {
                    problem(at + "/" + key, "'" + key + "' is a mapping of settings");
                }
            } else if (old.isArray() && !value.isArray()) {
                problem(at + "/" + key, "'" + key + "' is a list, e.g. [64, 64, 64]");
            } else if (!old.isArray() && (value.isObject() || value.isArray())) {
                problem(at + "/" + key, "'" + key + "' is a single value");
            } else {
                base.set(key, value);
            }
        }
    }

    private List<Grid.Data> data(JsonNode node, List<Grid.Method> methods) {
        List<Grid.Data> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            problem("", "the grid lists no data; add e.g. 'data: [{system: kepler}]'");
            return out;
        }
        Set<String> labels = new LinkedHashSet<>();
        List<JsonNode> items = list(node, "/data");
        for (int i = 0; i < items.size(); i++) {
            String at = "/data/" + i;
            JsonNode d = items.get(i);
            if (d.isTextual()) {
                d = JSON.createObjectNode().put("system", d.asText());
                tree.lines().put(at + "/system", tree.line(at));
            }
            if (!d.isObject()) {
                problem(at, "a data entry is a system id or a mapping with 'system:' or 'file:'");
                continue;
            }
            keys(d, at, DATA);
            String system = text(d.get("system"), at + "/system");
            String file = text(d.get("file"), at + "/file");
            if ((system == null) == (file == null)) {
                problem(at, "a data entry names one of 'system:' (see 'invariantlab systems') or 'file:' (your data)");
                continue;
            }
            Map<String, String> params = stringMap(d.get("params"), at + "/params");
            DataFile df = null;
            if (file != null) {
                if (d.has("params")) {
                    problem(at + "/params", "'params' are a system's parameters; a file has none");
                }
                Path p = Path.of(file);
                String path = (p.isAbsolute() || folder == null ? p : folder.resolve(p)).normalize().toString();
                try {
                    df = new DataFile(path, strings(d.get("variables"), at + "/variables"),
                            text(d.get("groupColumn"), at + "/groupColumn"), text(d.get("timeColumn"), at + "/timeColumn"),
                            strings(d.get("ignore"), at + "/ignore"), text(d.get("statesArray"), at + "/statesArray"),
                            text(d.get("timesArray"), at + "/timesArray"), stringMap(d.get("truth"), at + "/truth"),
                            reals(d.get("split"), at + "/split"));
                } catch (RuntimeException e) {
                    problem(at, reason(e));
                    continue;
                }
            } else {
                for (String k : List.of("variables", "groupColumn", "timeColumn", "ignore", "statesArray", "timesArray",
                        "truth", "split", "canonical")) {
                    if (d.has(k)) {
                        problem(at + "/" + k, "'" + k + "' describes a data file; system '" + system + "' has none");
                    }
                }
            }
            String label = text(d.get("label"), at + "/label");
            if (label == null) {
                label = file != null ? Path.of(file).getFileName().toString().replaceFirst("\\.[^.]*$", "")
                        : system + suffix(params);
            }
            label = label.replaceAll("[^A-Za-z0-9._-]+", "_");
            if (!labels.add(label)) {
                problem(at, "data set '" + label + "' appears twice; give one of them its own 'label:'");
            }
            List<String> only = strings(d.get("methods"), at + "/methods");
            for (String m : only == null ? List.<String>of() : only) {
                if (!methodNames.contains(m)) {
                    problem(at + "/methods", "no method is named '" + m + "'; the grid's methods are "
                            + String.join(", ", methodNames));
                }
            }
            Map<String, String> features = stringMap(d.get("features"), at + "/features");
            for (Map.Entry<String, String> f : features == null ? Map.<String, String>of().entrySet() : features.entrySet()) {
                try {
                    org.invariantlab.core.symbolic.SafeExpression.check(f.getValue(), "feature '"
                            + org.invariantlab.api.InvalidInputException.excerpt(f.getKey() + "=" + f.getValue()) + "'");
                } catch (RuntimeException e) {
                    problem(at + "/features/" + f.getKey(), reason(e));
                }
            }
            Grid.Paper paper = null;
            if (d.hasNonNull("paper")) {
                try {
                    paper = JSON.treeToValue(d.get("paper"), Grid.Paper.class);
                } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
                    problem(at + "/paper/" + e.getPropertyName(), "'" + e.getPropertyName() + "' is not a key of "
                            + "'paper'; its keys are about, trainAccuracy, testAccuracy, formula, expected, scoredOn");
                } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                    problem(at + "/paper", "'paper' holds what a paper reported: about, trainAccuracy, testAccuracy "
                            + "(numbers), formula, expected, scoredOn");
                }
            }
            out.add(new Grid.Data(label, system, params, df, text(d.get("canonical"), at + "/canonical"),
                    only == null ? List.of() : only, tree.line(at), features == null ? Map.of() : features, paper));
        }
        return out;
    }

    private static String suffix(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        params.forEach((k, v) -> b.append('_').append(k).append('=').append(v));
        return b.toString();
    }

    private void keys(JsonNode node, String at, Set<String> allowed) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problem(at + "/" + k, "unknown key '" + k + "'; known here: " + String.join(", ",
                        new java.util.TreeSet<>(allowed)));
            }
        });
    }

    private List<JsonNode> list(JsonNode node, String at) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else if (node.isNull()) {
            problem(at, "expected a list here");
        } else {
            out.add(node);
        }
        return out;
    }

    private String text(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            problem(at, "expected a single value here");
            return null;
        }
        return node.asText().strip();
    }

    private Long integer(JsonNode node, String at) {
        String t = text(node, at);
        if (t == null) {
            return null;
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            problem(at, "expected a whole number, got '" + t + "'");
            return null;
        }
    }

    private Double real(JsonNode node, String at) {
        String t = text(node, at);
        if (t == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            problem(at, "expected a number, got '" + t + "'");
            return null;
        }
    }

    private List<String> strings(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : list(node, at)) {
            String t = text(n, at);
            if (t != null) {
                out.add(t);
            }
        }
        return out;
    }

    private List<Double> reals(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        List<JsonNode> items = list(node, at);
        for (int i = 0; i < items.size(); i++) {
            Double v = real(items.get(i), at + "/" + i);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    private Map<String, String> stringMap(JsonNode node, String at) {
        Map<String, String> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            problem(at, "expected a mapping of names to values here");
            return out;
        }
        node.fields().forEachRemaining(f -> {
            String v = text(f.getValue(), at + "/" + f.getKey());
            if (v != null) {
                out.put(f.getKey(), v);
            }
        });
        return out;
    }

    private void problem(String pointer, String message) {
        problems.add(new GridProblem(tree.line(pointer), message));
    }

    /** The plain reason of a conversion failure: the innermost message, without exception or class names. */
    static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int cut = m.indexOf("\n at [Source");
        m = cut > 0 ? m.substring(0, cut) : m;
        if (t instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f) {
            return "'" + f.getValue() + "' is not a valid " + f.getTargetType().getSimpleName().toLowerCase(java.util.Locale.ROOT)
                    + " for " + path(f);
        }
        return m;
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (var r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.length() == 0 ? "" : ".").append(r.getFieldName());
            }
        }
        return b.length() == 0 ? "this setting" : "'" + b + "'";
    }
}
