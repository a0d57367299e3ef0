#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Keeps the last applied mode across restarts (issue 5 item 2; DESIGN.md): one small file,
/// `last-mode`, in the state directory, replaced atomically (write a temporary file, fsync it,
/// rename it over the old one, fsync the directory), so a power cut leaves the old mode or
/// the new one, never a torn file.
public struct StateStore: Sendable {
    /// Why the state could not be saved.
    public struct SaveError: Error, Sendable, CustomStringConvertible {
        /// What failed.
        public var step: String
        /// errno.
        public var errno: Int32
        public var description: String { "cannot save the last mode: \(step) failed (errno \(errno))" }
    }

    /// The directory.
    public let directory: String
    /// The file's path.
    public var path: String { directory + "/last-mode" }

    /// A store in `directory` (created if missing, as systemd's `StateDirectory=` would).
    public init(directory: String) {
        self.directory = directory
    }

    /// The saved mode, or `nil` if there is none or the file is not a mode (a damaged file is
    /// ignored, not fatal).
    public func load() -> Int? {
        guard case .success(let text) = SmallTextFile.read(path, limit: 64) else { return nil }
        let trimmed = text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\r" })
        guard trimmed.count == 2, trimmed[0] == "mode", trimmed[1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let mode = Int(trimmed[1]), (0...65535).contains(mode)
        else { return nil }
        return mode
    }

    /// Removes the saved mode, a temporary file an interrupted save left, and the directory when
    /// that leaves it empty: for throw-away state directories (the demo's, the tests'). A
    /// daemon's `StateDirectory=` is systemd's to keep.
    public func remove() {
        unlink(path)
        unlink(path + ".tmp")
        rmdir(directory)
    }

    /// Saves `mode` atomically.
    public func save(mode: Int) throws(SaveError) {
        _ = mkdir(directory, 0o755)
        let temporary = path + ".tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SaveError(step: "open \(temporary)", errno: errno) }
        let bytes = Array("mode \(mode)\n".utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if written != bytes.count {
            let e = errno
            close(fd)
            throw SaveError(step: "write \(temporary)", errno: e)
        }
        if fsync(fd) != 0 {
            let e = errno
            close(fd)
            throw SaveError(step: "fsync \(temporary)", errno: e)
        }
        close(fd)
        guard rename(temporary, path) == 0 else { throw SaveError(step: "rename to \(path)", errno: errno) }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryFD >= 0 {
            _ = fsync(directoryFD)
            close(directoryFD)
        }
    }
}
