extension BridgeConfiguration {
    /// Where `lightbridge run` looks when no `--config` is given.
    public static let defaultPath = "/etc/lightbridge/lightbridge.toml"

    /// Reads, parses and checks the configuration at `path` (problems name the path).
    public static func load(path: String) throws(ConfigurationError) -> BridgeConfiguration {
        switch SmallTextFile.read(path) {
        case .success(let text): return try BridgeConfiguration(toml: text, source: path)
        case .failure(let failure): throw .unreadable(path: path, errno: failure.errno)
        }
    }
}
