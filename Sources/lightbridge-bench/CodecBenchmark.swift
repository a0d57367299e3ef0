import LightProtocols

/// One stream to decode: its bytes and how many frames it holds.
struct BenchmarkStream {
    var bytes: [UInt8]
    var frames: Int
}

/// A named decoder benchmark.
struct CodecBenchmark {
    var name: String
    /// Builds a stream of about the given size.
    var stream: (Int) -> BenchmarkStream
    /// Decodes a whole stream in 64 KiB pieces; returns (messages, errors).
    var decode: ([UInt8]) -> (Int, Int)
}

/// Repeats `frames` (cycling) until the stream reaches `size` bytes.
func repeated(_ frames: [[UInt8]], toSize size: Int) -> BenchmarkStream {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size + 64)
    var count = 0
    while bytes.count < size {
        bytes += frames[count % frames.count]
        count += 1
    }
    return BenchmarkStream(bytes: bytes, frames: count)
}

/// Feeds `bytes` to `decoder` in 64 KiB pieces and counts what comes out.
func run<D: StreamDecoder>(_ decoder: D, _ bytes: [UInt8]) -> (Int, Int) {
    var decoder = decoder
    var messages = 0
    var errors = 0
    let chunk = 65536
    bytes.withUnsafeBytes { all in
        var offset = 0
        while offset < all.count {
            let end = min(all.count, offset + chunk)
            decoder.feed(UnsafeRawBufferPointer(rebasing: all[offset..<end]))
            while let result = decoder.next() {
                switch result {
                case .success: messages += 1
                case .failure: errors += 1
                }
            }
            offset = end
        }
    }
    return (messages, errors)
}

/// Every benchmark, in the order BENCHMARKS.md lists them.
func codecBenchmarks() -> [CodecBenchmark] {
    [
        CodecBenchmark(
            name: "smartlight-rs232 mode frames",
            stream: { size in
                // Mode numbers of 1 to 5 digits, as a PLC cycling through its recipe would send.
                let frames = [1, 42, 255, 1000, 65535, 7, 99].map { Array("~~~~~M\($0)~~".utf8) }
                return repeated(frames, toSize: size)
            },
            decode: { run(SmartLightFrameDecoder(), $0) }
        ),
        CodecBenchmark(
            name: "smartlight-rs232 mixed frames",
            stream: { size in
                let frames = ["M12", "S2RSGB30", "LBG071", "R2BX53", "UFF8000", "C"].map { Array("~~~~~\($0)~~".utf8) }
                return repeated(frames, toSize: size)
            },
            decode: { run(SmartLightFrameDecoder(), $0) }
        ),
        CodecBenchmark(
            name: "helvarnet-ascii scene recalls",
            stream: { size in
                // The seed's example, as a router pushes recalls to every client.
                repeated([Array(">V:1,C:11,G:1234,B:5,S:6,F:3200#".utf8)], toSize: size)
            },
            decode: { run(HelvarDecoder(), $0) }
        ),
        CodecBenchmark(
            name: "helvarnet-ascii mixed",
            stream: { size in
                let messages = [
                    ">V:1,C:11,G:1234,B:5,S:6,F:3200#", ">V:2,C:14,L:50,F:100,@1.2.3.4#", "?V:2,C:185=1456495650#",
                    "!V:1,C:104,@2.2.1.1=11#", ">V:2,C:13,G:17,L:75.5#",
                ]
                return repeated(messages.map { Array($0.utf8) }, toSize: size)
            },
            decode: { run(HelvarDecoder(), $0) }
        ),
    ]
}
