package org.invariantlab.core.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.invariantlab.api.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer per comparison or reproduction folder (issue 17, item 6): a second holder is refused with the name of
 * the first; the lock of a process that died is taken over; a finished holder leaves the folder free.
 */
class FolderLockTest {

    @TempDir
    Path tmp;

    @Test
    void aSecondHolderIsRefusedWithTheFirstOnesName() {
        try (FolderLock first = FolderLock.acquire(tmp, "invariantlab compare a.yaml")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> FolderLock.acquire(tmp, "invariantlab compare b.yaml"));
            assertTrue(e.getMessage().contains("is in use by another InvariantLab process (pid "
                    + ProcessHandle.current().pid()) && e.getMessage().contains("invariantlab compare a.yaml"),
                    e.getMessage());
        }
        try (FolderLock again = FolderLock.acquire(tmp, "invariantlab compare b.yaml")) {
            assertTrue(Files.exists(tmp.resolve(FolderLock.FILE)), "free again once the first holder finished");
        }
    }

    @Test
    void theLockOfAProcessThatDiedIsTakenOver() throws IOException {
        // what a killed process leaves: its details in the file, but no lock held by the operating system
        Files.writeString(tmp.resolve(FolderLock.FILE), "pid 999999999\nhost " + FolderLock.host()
                + "\nstarted 2026-01-01T00:00:00Z\ncommand invariantlab compare old.yaml\n");
        try (FolderLock taken = FolderLock.acquire(tmp, "invariantlab compare new.yaml")) {
            assertTrue(Files.readString(tmp.resolve(FolderLock.FILE)).contains("pid " + ProcessHandle.current().pid()));
        }
        assertFalse(Files.readString(tmp.resolve(FolderLock.FILE)).contains("pid"), "emptied when released");
    }

    @Test
    void aLockFileThatIsALinkIsNeverWrittenThrough() throws IOException {
        Path victim = Files.writeString(tmp.resolve("victim.txt"), "keep");
        Path dir = Files.createDirectories(tmp.resolve("cmp"));
        Files.createSymbolicLink(dir.resolve(FolderLock.FILE), victim);
        assertThrows(InvalidInputException.class, () -> FolderLock.acquire(dir, "x"));
        assertTrue(Files.readString(victim).equals("keep"));
    }
}
