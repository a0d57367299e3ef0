import LightProtocols
import PropertyBased
import Testing

/// A second, bitwise CRC-32 (IEEE, reflected 0xEDB88320, init and xorout 0xFFFFFFFF), written
/// independently of the library's table-driven one to check it.
func heliospectraBitwiseCRC32(_ bytes: some Sequence<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
        crc ^= UInt32(byte)
        for _ in 0..<8 {
            let lsb = crc & 1
            crc >>= 1
            if lsb != 0 { crc ^= 0xEDB8_8320 }
        }
    }
    return ~crc
}

/// `bytes` with the CRC field (offset 8) recomputed over offset 12 to the end.
func heliospectraWithFixedCRC(_ bytes: [UInt8]) -> [UInt8] {
    var b = bytes
    let crc = heliospectraBitwiseCRC32(b[12...])
    b[8] = UInt8(crc >> 24)
    b[9] = UInt8(crc >> 16 & 0xFF)
    b[10] = UInt8(crc >> 8 & 0xFF)
    b[11] = UInt8(crc & 0xFF)
    return b
}

/// Master light-setting packages: seed 000, PROTOCOLS.md §5.
@Suite struct HeliospectraMasterTests {
    let decoder = HeliospectraMasterDecoder()
    let encoder = HeliospectraMasterEncoder()

    /// The seed's example light setting, exactly as printed in the seed.
    static let seedPairsHex = "0190 0064 01a4 0064 01c2 0064 0212 0064 0276 0064 0294 0064 02df 0064"
    /// The example channel map of §5.
    static let channelMap: [UInt16] = [400, 420, 450, 530, 630, 660, 735]

    static let golden = HeliospectraMasterPackage(
        timestamp: 0x0102_0304_0506_0708, multicast: IPv4Address(239, 1, 2, 3),
        channels: channelMap.map { HeliospectraChannel(wavelength: $0, relativePower: 100) })

    static let goldenHex =
        "01 02 03 04 05 06 07 08  D0 64 57 E4  00 1C  00 09  00 00 00 07  EF 01 02 03  " + seedPairsHex

    @Test func crcCheckValue() {
        #expect(HeliospectraCRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(heliospectraBitwiseCRC32(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(HeliospectraCRC32.checksum([]) == 0)
    }

    @Test func tableCRCMatchesBitwiseCRC() async {
        let gen = Generator<[UInt8], Shrink.None<[UInt8]>> { rng in HeliospectraArbitrary.bytes(0...300, &rng) }
        await propertyCheck(count: 1000, input: gen) { bytes in
            #expect(HeliospectraCRC32.checksum(bytes) == heliospectraBitwiseCRC32(bytes))
        }
    }

    @Test func goldenPackageFieldByField() throws {
        let bytes = try encoder.encode(Self.golden)
        #expect(bytes.count == 24 + 7 * 4)
        #expect(Array(bytes[0..<8]) == [1, 2, 3, 4, 5, 6, 7, 8], "timestamp u64 big-endian")
        #expect(Array(bytes[12..<14]) == [0x00, 0x1C], "data length = 4 × 7 pairs")
        #expect(Array(bytes[14..<16]) == [0x00, 0x09], "command 9")
        #expect(Array(bytes[16..<20]) == [0, 0, 0, 7], "command data = number of wavelengths")
        #expect(Array(bytes[20..<24]) == [239, 1, 2, 3], "master multicast address")
        #expect(Array(bytes[24...]) == Hex.decode(Self.seedPairsHex), "the seed's pairs, byte for byte")
        let crc = heliospectraBitwiseCRC32(bytes[12...])
        #expect(crc == 0xD064_57E4, "zlib.crc32 of bytes 12… (computed with Python's zlib)")
        #expect(Array(bytes[8..<12]) == [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        #expect(bytes == Hex.decode(Self.goldenHex))
    }

    @Test func goldenPackageDecodes() throws {
        let bytes = try #require(Hex.decode(Self.goldenHex))
        let package = try decoder.decodeDatagram(bytes)
        #expect(package == Self.golden)
        #expect(package.channels.map(\.wavelength) == Self.channelMap)
        #expect(package.channels.allSatisfy { $0.relativePower == 100 })
        #expect(decodeAll(decoder, bytes).map(\.value) == [Self.golden])
    }

    @Test func emptyPackageIsHeaderOnly() throws {
        let package = HeliospectraMasterPackage(timestamp: 0, multicast: IPv4Address(239, 0, 0, 1), channels: [])
        let bytes = try encoder.encode(package)
        #expect(bytes.count == 24)
        #expect(try decoder.decodeDatagram(bytes) == package)
    }

    @Test func dataLengthCanCountAllBytesAfterTheLengthField() throws {
        let format = HeliospectraMasterFormat(dataLength: .bytesAfterLengthField)
        let bytes = try HeliospectraMasterEncoder(format: format).encode(Self.golden)
        #expect(Array(bytes[12..<14]) == [0x00, 0x26], "10 + 28")
        #expect(bytes.count - 14 == 0x26)
        #expect(try HeliospectraMasterDecoder(format: format).decodeDatagram(bytes) == Self.golden)
        #expect(throws: HeliospectraError.dataLengthMismatch(declared: 0x26, expected: 0x1C, wavelengthCount: 7)) {
            try decoder.decodeDatagram(bytes)
        }
    }

    @Test func crcScopeAndCommandAreSettings() throws {
        let whole = HeliospectraMasterFormat(crcScope: .wholePackageWithZeroedCRC)
        let bytes = try HeliospectraMasterEncoder(format: whole).encode(Self.golden)
        var zeroed = bytes
        zeroed.replaceSubrange(8..<12, with: [0, 0, 0, 0])
        let crc = heliospectraBitwiseCRC32(zeroed)
        #expect(Array(bytes[8..<12]) == [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
        #expect(try HeliospectraMasterDecoder(format: whole).decodeDatagram(bytes) == Self.golden)

        let unchecked = HeliospectraMasterFormat(crcScope: .unchecked)
        let plain = try HeliospectraMasterEncoder(format: unchecked).encode(Self.golden)
        #expect(Array(plain[8..<12]) == [0, 0, 0, 0])
        var garbled = plain
        garbled[9] = 0x55
        #expect(try HeliospectraMasterDecoder(format: unchecked).decodeDatagram(garbled) == Self.golden)

        let five = HeliospectraMasterFormat(command: 5)
        let withFive = try HeliospectraMasterEncoder(format: five).encode(Self.golden)
        #expect(Array(withFive[14..<16]) == [0, 5])
        #expect(try HeliospectraMasterDecoder(format: five).decodeDatagram(withFive) == Self.golden)
        #expect(throws: HeliospectraError.unexpectedCommand(5, expected: 9)) { try decoder.decodeDatagram(withFive) }
    }

    @Test func roundTrip() async {
        await propertyCheck(count: 1000, input: HeliospectraArbitrary.package) { package in
            let bytes = try encoder.encode(package)
            #expect(bytes.count == 24 + 4 * package.channels.count)
            #expect(try decoder.decodeDatagram(bytes) == package)
            #expect(decodeAll(decoder, bytes).map(\.value) == [package])
        }
    }

    @Test func roundTripUnderEveryFormat() async {
        await propertyCheck(count: 1000, input: HeliospectraArbitrary.masterFormat, HeliospectraArbitrary.package) {
            format, package in
            let bytes = try HeliospectraMasterEncoder(format: format).encode(package)
            #expect(try HeliospectraMasterDecoder(format: format).decodeDatagram(bytes) == package)
            #expect(decodeAll(HeliospectraMasterDecoder(format: format), bytes).map(\.value) == [package])
        }
    }

    /// Bad datagrams, each a variation of the golden package, and the error each must give.
    static var badDatagrams: [(String, [UInt8], HeliospectraError)] {
        let good = Hex.decode(goldenHex) ?? []
        var wrongCommand = good
        wrongCommand[15] = 8
        var tooMany = good
        tooMany[19] = 65
        var countDisagrees = good
        countDisagrees[19] = 6
        var lengthDisagrees = good
        lengthDisagrees[13] = 0x1D
        var badCRC = good
        badCRC[11] ^= 0x01
        var flipped = good
        flipped[30] ^= 0x80
        var tooBright = good
        tooBright[31] = 0xE9  // 0x03E9 = 1001 at 420 nm (second pair)
        tooBright[30] = 0x03
        return [
            ("short", Array(good[0..<23]), .packageTooShort(byteCount: 23)),
            ("command", heliospectraWithFixedCRC(wrongCommand), .unexpectedCommand(8, expected: 9)),
            ("count above max", heliospectraWithFixedCRC(tooMany), .tooManyWavelengths(count: 65, max: 64)),
            (
                "count vs length", heliospectraWithFixedCRC(countDisagrees),
                .dataLengthMismatch(declared: 28, expected: 24, wavelengthCount: 6)
            ),
            (
                "length vs count", heliospectraWithFixedCRC(lengthDisagrees),
                .dataLengthMismatch(declared: 29, expected: 28, wavelengthCount: 7)
            ),
            ("extra byte", good + [0], .packageSizeMismatch(expected: 52, actual: 53)),
            ("missing byte", Array(good.dropLast()), .packageSizeMismatch(expected: 52, actual: 51)),
            ("crc field", badCRC, .crcMismatch(received: 0xD064_57E5, computed: 0xD064_57E4)),
            ("payload bit", flipped, .crcMismatch(received: 0xD064_57E4, computed: heliospectraBitwiseCRC32(flipped[12...]))),
            ("power 1001", heliospectraWithFixedCRC(tooBright), .relativePowerOutOfRange(wavelength: 420, value: 1001)),
        ]
    }

    @Test(arguments: badDatagrams)
    func badDatagramsAreTypedErrors(_ name: String, _ bytes: [UInt8], _ error: HeliospectraError) {
        #expect(throws: error, "\(name)") { try decoder.decodeDatagram(bytes) }
    }

    @Test(arguments: [
        HeliospectraMasterPackage(
            timestamp: 1, multicast: IPv4Address(239, 0, 0, 1), channels: [.init(wavelength: 450, relativePower: 1001)]),
        HeliospectraMasterPackage(
            timestamp: 1, multicast: IPv4Address(239, 0, 0, 1),
            channels: Array(repeating: .init(wavelength: 450, relativePower: 1), count: 65)),
    ])
    func encoderRejectsBadValues(_ package: HeliospectraMasterPackage) {
        #expect(throws: HeliospectraError.self) { try encoder.encode(package) }
    }

    @Test func encoderErrorsAreSpecific() {
        let bright = HeliospectraMasterPackage(
            timestamp: 1, multicast: IPv4Address(239, 0, 0, 1), channels: [.init(wavelength: 450, relativePower: 1001)])
        #expect(throws: HeliospectraError.relativePowerOutOfRange(wavelength: 450, value: 1001)) { try encoder.encode(bright) }
        let many = HeliospectraMasterPackage(
            timestamp: 1, multicast: IPv4Address(239, 0, 0, 1),
            channels: Array(repeating: .init(wavelength: 1, relativePower: 1), count: 65))
        #expect(throws: HeliospectraError.tooManyWavelengths(count: 65, max: 64)) { try encoder.encode(many) }
    }

    func package(_ timestamp: UInt64) throws -> [UInt8] {
        var p = Self.golden
        p.timestamp = timestamp
        return try encoder.encode(p)
    }

    @Test func goodPackagesAroundGarbageAndABadCRC() throws {
        var corrupt = try package(2)
        corrupt[40] ^= 0xFF
        let stream = [0xAA, 0xBB, 0x00, 0x09, 0xCC] + (try package(1)) + corrupt + (try package(3)) + [0x00, 0x09]
        for chunk in [stream.count, 1, 7] {
            var d = HeliospectraMasterDecoder()
            var results: [Result<HeliospectraMasterPackage, HeliospectraError>] = []
            var i = 0
            while i < stream.count {
                d.feed(stream[i..<min(i + chunk, stream.count)])
                results += d.drain()
                i += chunk
            }
            #expect(results.compactMap(\.value).map(\.timestamp) == [1, 3], "chunk \(chunk)")
            let errors = results.compactMap(\.error)
            #expect(errors.count == 2, "one report per bad stretch: \(errors)")
            if case .crcMismatch? = errors.last {} else { Issue.record("second error should be the CRC: \(errors)") }
            #expect(d.bufferedByteCount == 2)
        }
    }

    @Test func streamWaitsForAPlausibleHeaderOnly() throws {
        var d = HeliospectraMasterDecoder()
        let bytes = try package(9)
        d.feed(bytes[0..<30])
        #expect(d.next() == nil)
        #expect(d.bufferedByteCount == 30)
        d.feed(bytes[30...])
        #expect(d.next()?.value?.timestamp == 9)
        #expect(d.bufferedByteCount == 0)
    }

    @Test func outOfRangePowerWithGoodCRCIsConsumedWhole() throws {
        var bright = try package(5)
        bright[30] = 0x03
        bright[31] = 0xE9
        bright = heliospectraWithFixedCRC(bright)
        let results = decodeAll(decoder, bright + (try package(6)))
        #expect(results.map(\.error) == [.relativePowerOutOfRange(wavelength: 420, value: 1001), nil])
        #expect(results.last?.value?.timestamp == 6)
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        let samples = [
            try package(1), try encoder.encode(.init(timestamp: 7, multicast: IPv4Address(239, 9, 9, 9), channels: [])),
            try encoder.encode(
                .init(
                    timestamp: 3, multicast: IPv4Address(239, 0, 0, 1),
                    channels: (0..<64).map {
                        HeliospectraChannel(wavelength: UInt16(380 + $0 * 5), relativePower: UInt16($0 * 15))
                    })),
        ]
        checkRobustness(
            seed: 0x4E11_0001, makeDecoder: { HeliospectraMasterDecoder() }, samples: samples,
            good: (
                try package(42),
                {
                    var p = Self.golden; p.timestamp = 42; return p
                }()
            ), maxBuffered: 279)
    }
}

/// The stale-package filter (PROTOCOLS.md §5: drop a timestamp that is not newer).
@Suite struct HeliospectraMasterFilterTests {
    let a = IPv4Address(239, 1, 1, 1)
    let b = IPv4Address(239, 2, 2, 2)

    @Test func newerIsAcceptedOlderAndEqualAreDropped() {
        var f = HeliospectraMasterFilter()
        #expect(f.check(timestamp: 100, from: a) == .first)
        #expect(f.check(timestamp: 101, from: a) == .newer)
        #expect(f.check(timestamp: 101, from: a) == .duplicate)
        #expect(f.check(timestamp: 50, from: a) == .stale)
        #expect(!HeliospectraMasterFilter.Verdict.stale.isAccepted)
        #expect(f.check(timestamp: 102, from: a) == .newer)
        #expect(f.lastTimestamp(from: a) == 102)
    }

    @Test func mastersAreIndependent() {
        var f = HeliospectraMasterFilter()
        #expect(f.check(timestamp: 100, from: a) == .first)
        #expect(f.check(timestamp: 5, from: b) == .first)
        #expect(f.check(timestamp: 6, from: b) == .newer)
        #expect(f.check(timestamp: 99, from: a) == .stale)
        f.forget(a)
        #expect(f.check(timestamp: 99, from: a) == .first)
    }

    @Test func counterWrapIsNewerBySerialArithmetic() {
        var f = HeliospectraMasterFilter()
        #expect(f.check(timestamp: UInt64.max - 1, from: a) == .first)
        #expect(f.check(timestamp: UInt64.max, from: a) == .newer)
        #expect(f.check(timestamp: 0, from: a) == .newer)
        #expect(f.check(timestamp: 3, from: a) == .newer)
        #expect(f.check(timestamp: UInt64.max, from: a) == .stale)
    }

    @Test func restartIsAcceptedAfterThresholdOlderPackages() {
        var f = HeliospectraMasterFilter(restartThreshold: 3)
        #expect(f.check(timestamp: 1_000_000, from: a) == .first)
        #expect(f.check(timestamp: 1, from: a) == .stale)
        #expect(f.check(timestamp: 2, from: a) == .stale)
        #expect(f.check(timestamp: 3, from: a) == .stale)
        #expect(f.check(timestamp: 4, from: a) == .restarted)
        #expect(f.check(timestamp: 5, from: a) == .newer)
        #expect(f.check(timestamp: 5, from: a) == .duplicate)
    }

    @Test func duplicatesDoNotCountTowardsARestart() {
        var f = HeliospectraMasterFilter(restartThreshold: 1)
        #expect(f.check(timestamp: 10, from: a) == .first)
        for _ in 0..<5 { #expect(f.check(timestamp: 10, from: a) == .duplicate) }
        #expect(f.check(timestamp: 9, from: a) == .stale)
        #expect(f.check(timestamp: 8, from: a) == .restarted)
    }

    @Test func packagesCarryTheirMaster() throws {
        var f = HeliospectraMasterFilter()
        let p = HeliospectraMasterTests.golden
        #expect(f.check(p) == .first)
        #expect(f.check(p) == .duplicate)
        #expect(f.lastTimestamp(from: IPv4Address(239, 1, 2, 3)) == p.timestamp)
    }
}
