#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// Shell-style wildcard matching (`*`, `?`, `[…]`) with the C library's `fnmatch`; `*` does not
/// cross a `/` (`FNM_PATHNAME`).
enum Glob {
    static func matches(_ pattern: String, _ text: String) -> Bool {
        fnmatch(pattern, text, FNM_PATHNAME) == 0
    }
}
