#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Reads small text files (configuration, board profiles) without Foundation.
enum SmallTextFile {
    /// The errno that stopped a read.
    struct Failure: Error {
        var errno: Int32
    }

    /// The whole file as UTF-8 text, or the errno that stopped it (`EFBIG` past `limit` bytes).
    static func read(_ path: String, limit: Int = 1 << 20) -> Result<String, Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(Failure(errno: errno)) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Failure(errno: errno))
            }
            bytes += chunk[0..<n]
            // Refuse anything absurd instead of reading it all.
            if bytes.count > limit { return .failure(Failure(errno: EFBIG)) }
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }
}
