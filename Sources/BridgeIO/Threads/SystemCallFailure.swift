/// A system call that failed, with its `errno`: what the thread helpers (``EventThread``,
/// ``DescriptorPoller``) throw; each source wraps it in its own typed error.
struct SystemCallFailure: Error, Sendable, Hashable {
    /// The call, as in `pthread_create` or `pipe`.
    let call: String
    /// Its `errno` (or the returned code, for pthread calls).
    let errno: Int32
}
