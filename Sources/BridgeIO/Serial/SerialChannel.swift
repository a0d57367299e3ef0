import NIOCore
import NIOPosix

/// Runs an open ``SerialPort`` on a SwiftNIO event loop: reads arrive as `ByteBuffer`s in the
/// pipeline, writes go out through the channel. NIO owns and closes the descriptor from here on.
/// A hang-up (`EIO`, end of file, `EPOLLHUP`) closes the channel: its `closeFuture` completes and
/// the handlers see `channelInactive` — "device gone", never a crash or a busy loop.
public enum SerialChannel {
    /// Starts reading `port` with `handlers` in the pipeline.
    public static func start(
        _ port: SerialPort, on group: any EventLoopGroup,
        handlers: @escaping @Sendable () -> [any ChannelHandler & Sendable]
    ) async throws -> any Channel {
        let descriptor = port.takeDescriptor()
        do {
            return try await NIOPipeBootstrap(group: group)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandlers(handlers()) }
                }
                .takingOwnershipOfDescriptor(inputOutput: descriptor)
                .get()
        } catch {
            // On failure the descriptor is still ours (NIOPipeBootstrap's contract).
            _ = close(descriptor)
            throw error
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif
