package org.invariantlab.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output-path rules (issue 17, items 1, 2, 7): only absent paths, folders and (for files) regular files are
 * outputs; links are followed to where they lead, and a link that leads nowhere is refused before any work; an
 * output never overlaps an input. Only file types are looked at (nothing is written here).
 */
public class OutputPathsTest {

    @TempDir
    Path tmp;

    /** A named pipe at {@code at}, made with mkfifo (the test is skipped where there is none). */
    public static Path fifo(Path at) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", at.toString()).inheritIO().start();
        Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        return at;
    }

    @Test
    void aCharacterDeviceOrANamedPipeIsNeverAnOutput() throws Exception {
        InvalidInputException dev = assertThrows(InvalidInputException.class,
                () -> OutputPaths.folder(Path.of("/dev/null"), "--out"));
        assertTrue(dev.getMessage().contains("/dev/null is a character device, not a folder"), dev.getMessage());
        dev = assertThrows(InvalidInputException.class, () -> OutputPaths.file(Path.of("/dev/null"), "--out"));
        assertTrue(dev.getMessage().contains("is a character device, not a file"), dev.getMessage());
        Path pipe = fifo(tmp.resolve("pipe"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OutputPaths.folder(pipe, "--out"));
        assertTrue(e.getMessage().contains("is a named pipe, not a folder"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> AtomicFiles.checkNewFile(pipe, true));
        assertTrue(e.getMessage().contains("is a named pipe"), e.getMessage());
        assertEquals("a named pipe", OutputPaths.describe(pipe), "the pipe is still there");
    }

    @Test
    void aLinkIsFollowedAndALinkToNothingIsRefused() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
        assertEquals(real.toRealPath(), OutputPaths.folder(link, "--out"));
        assertEquals(real.toRealPath().resolve("new"), OutputPaths.folder(link.resolve("new"), "--out"),
                "a folder on the way is resolved too");
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> OutputPaths.folder(dangling, "--out"));
        assertTrue(e.getMessage().contains("is a symbolic link to " + tmp.resolve("nowhere") + ", which does not exist"),
                e.getMessage());
        assertTrue(Files.isSymbolicLink(dangling), "the link is left as it is");
    }

    @Test
    void aFileOnTheWayIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OutputPaths.folder(file.resolve("sub"), "--out"));
        assertTrue(e.getMessage().contains("is a file, not a folder"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> OutputPaths.folder(file, "--out"));
        assertTrue(e.getMessage().contains("is a file, not a folder; give a new folder"), e.getMessage());
    }

    @Test
    void anOutputMayNotBeContainOrLieInsideAnInput() throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), run);
        Path data = Files.writeString(run.resolve("data.csv"), "x");
        for (Path out : List.of(run, link, run.resolve("sub"), tmp)) {
            Path target = OutputPaths.folder(out, "--out");
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> OutputPaths.refuseOverlap(target, List.of(link), "the run being read"), out.toString());
            assertTrue(e.getMessage().contains("the run being read"), e.getMessage());
        }
        Path data2 = OutputPaths.folder(tmp.resolve("elsewhere"), "--out");
        OutputPaths.refuseOverlap(data2, List.of(data, run), "an input"); // disjoint: fine
    }
}
