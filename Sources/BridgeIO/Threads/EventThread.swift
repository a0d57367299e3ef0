import CTermios

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// A POSIX thread running one closure: the GPIO source's event thread and the serial inputs'
/// reader threads block in `poll`, which would tie up a Swift concurrency or NIO thread. Join
/// it, or detach it when nobody will.
struct EventThread: Sendable {
    private let handle: pthread_t

    /// Starts `body` on a new thread named `name` (at most 15 bytes show in `top -H` and perf).
    /// The closure and what it captures move to that thread.
    static func start(name: String, _ body: @escaping () -> Void) throws(SystemCallFailure) -> EventThread {
        final class Box: @unchecked Sendable {
            let body: () -> Void
            init(_ body: @escaping () -> Void) { self.body = body }
        }
        let box = Unmanaged.passRetained(
            Box {
                _ = lightbridge_name_this_thread(String(decoding: name.utf8.prefix(15), as: UTF8.self))
                body()
            }
        ).toOpaque()
        var handle = pthread_t()
        let result = pthread_create(
            &handle, nil,
            { argument in
                guard let argument else { return nil }
                Unmanaged<Box>.fromOpaque(argument).takeRetainedValue().body()
                return nil
            }, box)
        guard result == 0 else {
            Unmanaged<Box>.fromOpaque(box).release()
            throw SystemCallFailure(call: "pthread_create", errno: result)
        }
        return EventThread(handle: handle)
    }

    /// Waits for the thread to end.
    func join() { pthread_join(handle, nil) }

    /// Lets the thread's resources go when it ends, without a join.
    func detach() { pthread_detach(handle) }
}
