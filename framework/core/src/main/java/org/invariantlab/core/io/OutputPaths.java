package org.invariantlab.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Objects;
import org.invariantlab.api.InvalidInputException;

/**
 * The rules every output path of every command obeys, checked before any work (docs/output-paths.md):
 * <ul>
 *   <li>a path is taken as its <em>real</em> location: a symbolic link is followed to the folder or file it names
 *       (and a link that names nothing is refused, so a typo is found before training, not after); a folder on the
 *       way that is a link is followed too, so two spellings of one place compare equal;</li>
 *   <li>only an absent path, a folder or (for file outputs) a regular file can be an output: a character or block
 *       device, a named pipe or a socket is refused (writing a result "into" {@code /dev/null} would replace the
 *       device with a folder);</li>
 *   <li>the nearest existing folder on the way must be a folder one may write in;</li>
 *   <li>an output never overlaps an input of the same command: not the same place, not inside it, not around it.</li>
 * </ul>
 * Whether an existing folder may be filled or replaced is the result's business ({@code ResultDirectory}).
 */
public final class OutputPaths {

    private OutputPaths() {
    }

    /**
     * The real, absolute location {@code out} stands for, after the checks above for an output folder.
     *
     * @param option how the user named it, for messages (e.g. {@code --out})
     * @throws InvalidInputException naming what is wrong and how to fix it
     */
    public static Path folder(Path out, String option) {
        Path real = real(out, option);
        if (Files.exists(real, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            String what = describe(real);
            throw new InvalidInputException(option + " " + shown(out, real) + " is " + what
                    + ", not a folder; give a new folder for the results");
        }
        checkAncestor(real, option, out);
        return real;
    }

    /**
     * The real, absolute location of an output <em>file</em> {@code out}: absent or a regular file, in a folder that
     * exists (nothing is created).
     */
    public static Path file(Path out, String option) {
        Path real = real(out, option);
        if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(option + " " + shown(out, real) + " is a folder; give a file name");
        }
        if (Files.exists(real, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidInputException(option + " " + shown(out, real) + " is " + describe(real)
                    + ", not a file; give the name of a new file");
        }
        Path dir = real.getParent();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new InvalidInputException(dir + " is " + describe(dir) + ", not a folder; choose another output");
        }
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException("the folder " + dir + " of " + option + " does not exist; create it first "
                    + "or choose another output");
        }
        if (!Files.isWritable(dir)) {
            throw new InvalidInputException("cannot write into " + dir + " (permission denied); choose another output");
        }
        return real;
    }

    /**
     * Refuses an output folder {@code out} (a real path from {@link #folder}) that is, contains or lies inside one
     * of {@code inputs} (files or folders the command reads): replacing the output would destroy the input.
     *
     * @param what how to name the inputs in the message, e.g. {@code the run being read}
     */
    public static void refuseOverlap(Path out, Collection<Path> inputs, String what) {
        for (Path in : inputs) {
            if (in == null) {
                continue;
            }
            Path input = realOrAbsolute(in);
            if (out.equals(input) || input.startsWith(out) || out.startsWith(input)) {
                String relation = out.equals(input) ? "is" : input.startsWith(out) ? "contains" : "lies inside";
                throw new InvalidInputException("the output " + out + " " + relation + " " + what + " (" + input
                        + "); writing there could destroy it, so choose an --out outside it");
            }
        }
    }

    /** The real path of {@code p} if it exists, else its absolute normal form with its existing ancestors resolved. */
    public static Path realOrAbsolute(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        try {
            return abs.toRealPath();
        } catch (IOException e) {
            return resolveAncestors(abs);
        }
    }

    /** Follows a final link (refusing one that names nothing) and resolves the existing folders on the way. */
    private static Path real(Path out, String option) {
        Objects.requireNonNull(out, "out");
        Path abs = out.toAbsolutePath().normalize();
        if (Files.isSymbolicLink(abs)) {
            try {
                return abs.toRealPath();
            } catch (NoSuchFileException e) {
                String to;
                try {
                    to = String.valueOf(Files.readSymbolicLink(abs));
                } catch (IOException ex) {
                    to = "?";
                }
                throw new InvalidInputException(option + " " + abs + " is a symbolic link to " + to + ", which does not "
                        + "exist; give an existing folder or a new name (the link is left as it is)");
            } catch (IOException e) {
                throw new InvalidInputException(option + " " + abs + " is a symbolic link that cannot be followed ("
                        + IoErrors.reason(e) + "); give a plain folder");
            }
        }
        return resolveAncestors(abs);
    }

    /** {@code abs} with its longest existing prefix replaced by that prefix's real path. */
    private static Path resolveAncestors(Path abs) {
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            Path real = existing.toRealPath();
            return real.resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }

    private static void checkAncestor(Path real, String option, Path out) {
        Path existing = real.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        if (!Files.isDirectory(existing)) {
            throw new InvalidInputException(option + " " + out + ": " + existing + " on the way is " + describe(existing)
                    + ", not a folder; choose another output");
        }
        if (!Files.exists(real) && !Files.isWritable(existing)) {
            throw new InvalidInputException("cannot create " + real + ": no permission to write in " + existing
                    + "; choose another output");
        }
    }

    private static String shown(Path out, Path real) {
        Path abs = out.toAbsolutePath().normalize();
        return abs.equals(real) ? abs.toString() : abs + " (" + real + ")";
    }

    /** What kind of thing is at {@code p}, in words: "a file", "a character device", "a named pipe", … */
    public static String describe(Path p) {
        if (Files.isSymbolicLink(p)) {
            return "a symbolic link";
        }
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            return "a folder";
        }
        if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return "a file";
        }
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            return switch (mode & 0170000) {
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0010000 -> "a named pipe";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }
}
