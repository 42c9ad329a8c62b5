package org.invariantlab.core.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Says in words why a file operation failed: "no such file or directory", "permission denied", "disk full",
 * "is a directory", and so on, never an exception class name. Every command reports I/O errors through it.
 */
public final class IoErrors {

    private IoErrors() {
    }

    /**
     * The file and the reason, e.g. {@code /data/run.yaml: no such file or directory}; just the reason when the
     * exception names no file.
     */
    public static String describe(IOException e) {
        Objects.requireNonNull(e, "e");
        String file = e instanceof FileSystemException fse ? fse.getFile() : null;
        if (file == null && e instanceof FileNotFoundException) {
            String m = e.getMessage();
            int paren = m == null ? -1 : m.lastIndexOf(" (");
            file = paren > 0 ? m.substring(0, paren) : null;
        }
        String reason = reason(e);
        return file == null || file.isBlank() ? reason : file + ": " + reason;
    }

    /**
     * Why writing or reading {@code subject} failed: just the reason when the exception is about {@code subject}
     * itself (or names no file), else the other file and its reason, e.g. {@code /out: not a directory} when a
     * folder on the way is a file.
     */
    public static String describe(IOException e, Path subject) {
        String file = e instanceof FileSystemException fse ? fse.getFile() : null;
        if (file == null || subject == null || Path.of(file).toAbsolutePath().normalize()
                .equals(subject.toAbsolutePath().normalize())) {
            return reason(e);
        }
        if (e instanceof FileAlreadyExistsException && !java.nio.file.Files.isDirectory(Path.of(file))) {
            return file + " is a file, not a folder";
        }
        return file + ": " + reason(e);
    }

    /** {@link #describe(IOException)} of the cause of an {@link UncheckedIOException}. */
    public static String describe(UncheckedIOException e) {
        return describe(e.getCause());
    }

    /** Only the reason, in lower-case words, without the file: e.g. {@code permission denied}. */
    public static String reason(IOException e) {
        Objects.requireNonNull(e, "e");
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemLoopException) {
            return "symbolic links form a loop";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        String text = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (e instanceof FileNotFoundException && text != null && text.lastIndexOf(" (") > 0 && text.endsWith(")")) {
            text = text.substring(text.lastIndexOf(" (") + 2, text.length() - 1);
        }
        return fromSystemText(text);
    }

    /** Maps the operating system's wording (e.g. "No space left on device") to the words used here. */
    private static String fromSystemText(String text) {
        if (text == null || text.isBlank()) {
            return "input/output error";
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.contains("no space left") || t.contains("disk quota exceeded") || t.contains("not enough space")) {
            return "disk full (no space left on the device)";
        }
        if (t.contains("permission denied") || t.contains("access is denied") || t.contains("operation not permitted")) {
            return "permission denied";
        }
        if (t.contains("no such file")) {
            return "no such file or directory";
        }
        if (t.contains("is a directory")) {
            return "is a directory";
        }
        if (t.contains("not a directory")) {
            return "not a directory";
        }
        if (t.contains("read-only file system")) {
            return "read-only file system";
        }
        if (t.contains("file name too long")) {
            return "file name too long";
        }
        if (t.contains("too many open files")) {
            return "too many open files";
        }
        // an unknown reason: its first line, without any "some.Class:" prefix a library may have put in front
        String line = text.strip().lines().findFirst().orElse("").replaceAll("^([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error):\\s*", "");
        return line.isBlank() ? "input/output error" : line;
    }
}
