import NIOCore
import NIOPosix
@_spi(ExperimentalCustomExecutors) @_spi(ExperimentalScheduling) import _Concurrency

/// The daemon's threads (issue 5 item 7; BENCHMARKS.md "Trigger-to-wire latency"): one SwiftNIO
/// event loop that is also Swift concurrency's default executor, so a mode frame goes from the
/// serial read through the bridge, its light's worker and the driver to the socket write on
/// one thread without waking another; and one thread for blocking file work (the state file,
/// ``NIOThreadPool/singleton``). Threads that must block (GPIO, libusb, udev) keep their own;
/// nothing else may block in a task.
///
/// Swift 6.3 sends `Task.yield()`, `Task.sleep` and every time-out straight to the default
/// executor (Dispatch, with its own timer and worker threads), past the old
/// `swift_task_enqueueGlobal_hook` that SwiftNIO's
/// `unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()` sets; so the
/// loop is installed as the default executor itself, through the runtime's executor factory
/// (`swift_createExecutors`), with delayed jobs on the loop's own timers.
enum DaemonThreads {
    /// Call first thing in `lightbridge run`, before anything uses the NIO singletons.
    static func configure() {
        NIOSingletons.groupLoopCountSuggestion = 1
        NIOSingletons.blockingPoolThreadCountSuggestion = 1
        _createExecutors(factory: EventLoopExecutorFactory.self)
    }
}

/// Keeps the platform's main executor and makes the NIO singleton loop the default one.
struct EventLoopExecutorFactory: ExecutorFactory {
    static var mainExecutor: any MainExecutor { PlatformExecutorFactory.mainExecutor }
    static var defaultExecutor: any TaskExecutor { EventLoopTaskExecutor.shared }
}

/// Swift concurrency's default executor on one SwiftNIO event loop: jobs run in the loop's
/// task queue, delayed jobs (`Task.sleep`, time-outs) on its timer heap.
final class EventLoopTaskExecutor: TaskExecutor, SchedulingExecutor, @unchecked Sendable {
    /// The executor on the singleton group's loop (one loop in `lightbridge run`).
    static let shared = EventLoopTaskExecutor(loop: MultiThreadedEventLoopGroup.singleton.next())

    private let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        let job = UnownedJob(job)
        let wait: TimeAmount
        if let duration = delay as? Duration {
            let (seconds, attoseconds) = duration.components
            wait = .nanoseconds(max(0, seconds * 1_000_000_000 + attoseconds / 1_000_000_000))
        } else {
            // A clock of other units: hand the job to the platform's executor, which knows it.
            let fallback = PlatformExecutorFactory.defaultExecutor as? any SchedulingExecutor
            if let fallback {
                fallback.enqueue(ExecutorJob(job), after: delay, tolerance: tolerance, clock: clock)
            } else {
                enqueue(ExecutorJob(job))
            }
            return
        }
        loop.scheduleTask(in: wait) { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
