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
        switch SmallTextFile.read(path) {
        case .success(let text): return text
        case .failure(let failure): throw .unreadable(path: path, errno: failure.errno)
        }
    }
}
