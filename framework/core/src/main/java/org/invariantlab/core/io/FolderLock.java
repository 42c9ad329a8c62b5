package org.invariantlab.core.io;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer at a time for a folder that is filled in place (a comparison, a reproduction): a lock file
 * {@value #FILE} in the folder names the process that holds it (pid, host, start, command), and the operating
 * system's lock on that file says whether it is still held. A second process on the same folder is refused with
 * that name; the lock of a process that died (killed, crashed, machine restarted) is released by the operating
 * system and taken over by the next process, which says so. The holder empties the file when it finishes.
 */
public final class FolderLock implements AutoCloseable {

    /** The lock file inside the locked folder. */
    public static final String FILE = ".invariantlab.lock";

    private static final Logger LOG = LoggerFactory.getLogger(FolderLock.class);

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (which must exist) for this process.
     *
     * @param command what this process does there, recorded for whoever is refused
     * @throws InvalidInputException when another live process holds the folder
     */
    public static FolderLock acquire(Path dir, String command) {
        Path file = dir.resolve(FILE);
        FileChannel ch = null;
        try {
            if (Files.isSymbolicLink(file)) {
                throw new InvalidInputException(file + " is a symbolic link; InvariantLab never writes through links"
                        + " in its folders: remove it");
            }
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // held by this very process (another thread)
            }
            String before = read(ch);
            if (l == null) {
                ch.close();
                throw new InvalidInputException(dir + " is in use by another InvariantLab process (" + holder(before)
                        + "); wait for it to finish, or choose another --out");
            }
            if (!before.isBlank()) {
                LOG.warn("{} was locked by a process that is no longer running ({}); taking it over", dir,
                        holder(before));
            }
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(describeThis(command).getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
            return new FolderLock(file, ch, l);
        } catch (IOException e) {
            close(ch);
            throw new InvariantLabException("cannot lock " + dir + ": " + IoErrors.describe(e, file), e);
        }
    }

    private static String read(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(4096, ch.size()));
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    private static String describeThis(String command) {
        return "pid " + ProcessHandle.current().pid() + "\nhost " + host() + "\nstarted " + Instant.now() + "\ncommand "
                + command.replaceAll("[\\p{Cntrl}]", " ") + "\n";
    }

    /** "pid 123 on host h since T: command", from a lock file's text. */
    private static String holder(String text) {
        String pid = field(text, "pid");
        String host = field(text, "host");
        String started = field(text, "started");
        String command = field(text, "command");
        if (pid.isEmpty()) {
            return "no details recorded";
        }
        return "pid " + pid + " on " + host + (started.isEmpty() ? "" : " since " + started)
                + (command.isEmpty() ? "" : ": " + InvalidInputException.excerpt(command));
    }

    private static String field(String text, String key) {
        return text.lines().filter(l -> l.startsWith(key + " ")).map(l -> l.substring(key.length() + 1).strip())
                .findFirst().orElse("");
    }

    /** This machine's name, as the lock records it. */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }

    private static void close(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }

    /**
     * Empties the lock file and releases the lock. The (empty) file stays: removing it could let a process that
     * opened it a moment before lock a file no longer in the folder while a third locks a new one.
     */
    @Override
    public void close() {
        try {
            channel.truncate(0);
            lock.release();
        } catch (IOException e) {
            LOG.debug("could not release {}", file, e);
        }
        close(channel);
    }
}
