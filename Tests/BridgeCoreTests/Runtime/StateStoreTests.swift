import BridgeCore
import Glibc
import Testing

/// The persisted last mode (issue 5 item 2).
@Suite struct StateStoreTests {
    func temporaryDirectory() -> String {
        var template = Array("/tmp/lightbridge-state-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.flatMap { mkdtemp($0) } }
        return path.map { String(cString: $0) } ?? "/tmp"
    }

    @Test func savesAndLoadsAndReplaces() throws {
        let parent = temporaryDirectory()
        let store = StateStore(directory: parent + "/sub")
        defer {
            store.remove()
            rmdir(parent)
        }
        #expect(store.load() == nil)
        try store.save(mode: 12)
        #expect(store.load() == 12)
        try store.save(mode: 65535)
        #expect(StateStore(directory: store.directory).load() == 65535)
        #expect(access(store.path + ".tmp", F_OK) != 0, "no temporary file is left behind")
    }

    @Test(arguments: ["", "mode", "mode x", "mode 70000", "mode -1", "mode 3 4", "garbage\n"])
    func aDamagedFileIsIgnored(_ text: String) {
        let store = StateStore(directory: temporaryDirectory())
        defer { store.remove() }
        let fd = open(store.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        _ = text.withCString { write(fd, $0, strlen($0)) }
        close(fd)
        #expect(store.load() == nil)
    }

    @Test func removeLeavesNothingBehind() throws {
        let store = StateStore(directory: temporaryDirectory())
        try store.save(mode: 7)
        let leftover = open(store.path + ".tmp", O_WRONLY | O_CREAT, 0o644)  // an interrupted save
        close(leftover)
        store.remove()
        #expect(access(store.directory, F_OK) != 0, "the directory is gone")
        #expect(store.load() == nil)
    }

    @Test func removeKeepsADirectoryWithOtherFiles() throws {
        let store = StateStore(directory: temporaryDirectory())
        try store.save(mode: 7)
        let other = open(store.directory + "/other", O_WRONLY | O_CREAT, 0o644)
        close(other)
        store.remove()
        #expect(access(store.path, F_OK) != 0, "the saved mode is gone")
        #expect(access(store.directory + "/other", F_OK) == 0, "a file that is not the store's stays")
        unlink(store.directory + "/other")
        rmdir(store.directory)
    }

    @Test func anUnwritableDirectoryIsATypedError() {
        #expect(throws: StateStore.SaveError.self) { try StateStore(directory: "/proc/lightbridge").save(mode: 1) }
    }
}
