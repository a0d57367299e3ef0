import CConcurrencyHook
import NIOCore
import NIOPosix

/// The daemon's threads (issue 5 item 7; BENCHMARKS.md "Trigger-to-wire latency"): one SwiftNIO
/// event loop that is also Swift concurrency's global executor, so a mode frame goes from the
/// serial read through the bridge, its light's worker and the driver to the socket write on
/// one thread without waking another; and one thread for blocking file work (the state file,
/// ``NIOThreadPool/singleton``). Threads that must block (GPIO, libusb, udev) keep their own;
/// nothing else may block in a task.
///
/// SwiftNIO's own `unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()`
/// does the same, but finds the runtime's hook with `dlsym`, which fails in the static release
/// binary (the static runtime keeps the symbol hidden); `CConcurrencyHook` sets it directly.
enum DaemonThreads {
    /// The runtime's hook type: `SWIFT_CC(swift) void (*)(Job *, original)`.
    private typealias Hook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    /// Call first thing in `lightbridge run`, before anything uses the NIO singletons.
    static func configure() {
        NIOSingletons.groupLoopCountSuggestion = 1
        NIOSingletons.blockingPoolThreadCountSuggestion = 1
        let hook: Hook = { job, _ in
            MultiThreadedEventLoopGroup.singleton.any().enqueue(ExecutorJob(job))
        }
        lightbridge_set_enqueue_global_hook(unsafeBitCast(hook, to: UnsafeMutableRawPointer.self))
    }
}
