#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

extension BoardProfile {
    /// Reads, parses and validates the profile at `path`.
    public static func load(path: String) throws(BoardProfileError) -> BoardProfile {
        try BoardProfile(toml: try readText(path), source: path)
    }

    /// Loads `<directory>/<name>.toml` (e.g. `boards/raspberry-pi-4.toml`); the profile's own
    /// `name` must match, so a renamed file is caught.
    public static func load(named name: String, in directory: String) throws(BoardProfileError) -> BoardProfile {
        let path = directory + "/" + name + ".toml"
        let profile = try load(path: path)
        guard profile.name == name else {
            throw .invalid(source: path, problems: [.nameMismatch(name: profile.name, expected: name)])
        }
        return profile
    }

    private static func readText(_ path: String) throws(BoardProfileError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, errno: errno) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, errno: errno)
            }
            bytes += chunk[0..<n]
            // Profiles are tiny; refuse anything absurd instead of reading it all.
            if bytes.count > 1 << 20 { throw .unreadable(path: path, errno: EFBIG) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
