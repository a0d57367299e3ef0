import LightProtocols
import PropertyBased
import Testing

/// `ABC321` discovery frames: PROTOCOLS.md §5.
@Suite struct HeliospectraDiscoveryTests {
    let decoder = HeliospectraDiscoveryDecoder()
    let encoder = HeliospectraDiscoveryEncoder()
    static let lamp = HeliospectraMAC([0x00, 0x11, 0x22, 0x33, 0x44, 0x55]) ?? .broadcast

    static let infoXML =
        "<MACAddress>00:11:22:33:44:55</MACAddress><IPAddress>192.168.1.20</IPAddress><FwVersion>2.2.27</FwVersion><SerialNr>LX0042</SerialNr>"
    static let info = HeliospectraDeviceInfo(elements: [
        .init(tag: "MACAddress", value: "00:11:22:33:44:55"), .init(tag: "IPAddress", value: "192.168.1.20"),
        .init(tag: "FwVersion", value: "2.2.27"), .init(tag: "SerialNr", value: "LX0042"),
    ])

    static var golden: [(String, HeliospectraDiscoveryFrame)] {
        [
            // Query to every light: ABC321, FF×6, command 0, 0x00, length 0 (little-endian).
            ("41 42 43 33 32 31 FF FF FF FF FF FF 00 00 00 00", HeliospectraDiscoveryFrame(mac: .broadcast, message: .query)),
            (
                "41 42 43 33 32 31 00 11 22 33 44 55 06 00 " + Hex.encode([UInt8(infoXML.utf8.count), 0])
                    + Hex.encode(infoXML.utf8),
                HeliospectraDiscoveryFrame(mac: lamp, message: .info(info))
            ),
            (
                "41 42 43 33 32 31 00 11 22 33 44 55 08 00 04 00 EF 01 02 03",
                HeliospectraDiscoveryFrame(mac: lamp, message: .masterAnnounce(data: [239, 1, 2, 3]))
            ),
            (
                "41 42 43 33 32 31 FF FF FF FF FF FF 09 00 02 00 03 E8",
                HeliospectraDiscoveryFrame(mac: .broadcast, message: .masterRelativePower(data: [0x03, 0xE8]))
            ),
            (
                "41 42 43 33 32 31 00 11 22 33 44 55 05 00 01 00 7A",
                HeliospectraDiscoveryFrame(mac: lamp, message: .other(command: 5, data: [0x7A]))
            ),
        ]
    }

    @Test func goldenFramesDecodeAndEncode() throws {
        for (hex, frame) in Self.golden {
            let bytes = try #require(Hex.decode(hex))
            #expect(try decoder.decodeDatagram(bytes) == frame, "\(hex)")
            #expect(decodeAll(decoder, bytes).map(\.value) == [frame], "\(hex)")
            #expect(try encoder.encode(frame) == bytes, "\(hex)")
        }
    }

    @Test func infoXMLStartsAtOffset16AndFieldsAreNamed() throws {
        let bytes = try encoder.encode(HeliospectraDiscoveryFrame(mac: Self.lamp, message: .info(Self.info)))
        #expect(Array(bytes[16...]) == Array(Self.infoXML.utf8))
        #expect(Self.info.macAddress == "00:11:22:33:44:55")
        #expect(Self.info.ipAddress == "192.168.1.20")
        #expect(Self.info.firmwareVersion == "2.2.27")
        #expect(Self.info.serialNumber == "LX0042")
        #expect(Self.info["Missing"] == nil)
    }

    @Test func lengthIsLittleEndian() throws {
        let data = [UInt8](repeating: 0x5A, count: 0x0102)
        let bytes = try encoder.encode(HeliospectraDiscoveryFrame(mac: Self.lamp, message: .masterAnnounce(data: data)))
        #expect(bytes[14] == 0x02 && bytes[15] == 0x01)
        #expect(bytes.count == 16 + 258)
        #expect(
            try decoder.decodeDatagram(bytes) == HeliospectraDiscoveryFrame(mac: Self.lamp, message: .masterAnnounce(data: data)))
    }

    @Test func tolerantXMLReaderKeepsUnknownTags() throws {
        let xml =
            "<?xml version=\"1.0\"?>\n<!-- light -->\n<Info kind=\"LX\">\n  <MACAddress>00:11:22:33:44:55</MACAddress>\n"
            + "  <Name>Row &lt;3&gt; &amp; &#65;&#x42;</Name>\n  <Empty/>\n  <Blank>  </Blank>\n  <Zone>é°</Zone>\n</Info>\n"
        var data = Array(xml.utf8)
        data += [0, 0]
        let bytes = Array("ABC321".utf8) + Self.lamp.bytes + [6, 0, UInt8(data.count), 0] + data
        let frame = try decoder.decodeDatagram(bytes)
        guard case .info(let info) = frame.message else {
            Issue.record("not an info reply: \(frame)")
            return
        }
        #expect(
            info.elements == [
                .init(tag: "MACAddress", value: "00:11:22:33:44:55"), .init(tag: "Name", value: "Row <3> & AB"),
                .init(tag: "Empty", value: ""), .init(tag: "Blank", value: "  "), .init(tag: "Zone", value: "é°"),
            ])
        // The writer escapes what must be escaped, and the result reads back the same.
        let again = try encoder.encode(frame)
        #expect(String(decoding: again[16...], as: UTF8.self).contains("<Name>Row &lt;3&gt; &amp; AB</Name>"))
        #expect(try decoder.decodeDatagram(again) == frame)
    }

    @Test func roundTrip() async {
        await propertyCheck(count: 1000, input: HeliospectraArbitrary.discoveryFrame) { frame in
            let bytes = try encoder.encode(frame)
            #expect(Array(bytes[0..<6]) == Array("ABC321".utf8))
            #expect(Int(bytes[14]) | Int(bytes[15]) << 8 == bytes.count - 16)
            #expect(try decoder.decodeDatagram(bytes) == frame)
            #expect(decodeAll(decoder, bytes).map(\.value) == [frame])
        }
    }

    static func frame(_ command: UInt8, _ data: [UInt8], reserved: UInt8 = 0) -> [UInt8] {
        Array("ABC321".utf8) + lamp.bytes + [command, reserved, UInt8(data.count & 0xFF), UInt8(data.count >> 8)] + data
    }

    static var badDatagrams: [(String, [UInt8], HeliospectraError)] {
        let xml = { (s: String) in frame(6, Array(s.utf8)) }
        return [
            ("short", Array("ABC321".utf8), .frameTooShort(byteCount: 6)),
            ("magic", Array("ABD321".utf8) + [UInt8](repeating: 0, count: 10), .badMagic(Array("ABD321".utf8))),
            ("reserved", frame(0, [], reserved: 1), .nonZeroReservedByte(1)),
            ("too long", Array(frame(8, [])[0..<14]) + [0xB1, 0x05], .frameDataTooLong(length: 1457, max: 1456)),
            ("size", frame(8, [1, 2]) + [3], .frameSizeMismatch(expected: 18, actual: 19)),
            ("query data", frame(0, [1]), .unexpectedData(command: 0, byteCount: 1)),
            ("unclosed", xml("<A>1"), .malformedXML(offset: 4, reason: "unclosed <A>")),
            ("container", xml("<A><B>1</B>"), .malformedXML(offset: 11, reason: "unclosed <A>")),
            ("closing", xml("<A>1</A></B>"), .malformedXML(offset: 8, reason: "unexpected closing tag </B>")),
            ("text", xml("hello"), .malformedXML(offset: 0, reason: "text outside an element")),
            ("entity", xml("<A>&nbsp;</A>"), .malformedXML(offset: 3, reason: "unknown entity &nbsp;")),
            ("mixed", xml("<A>x<B>1</B></A>"), .malformedXML(offset: 3, reason: "text mixed with elements inside <A>")),
            ("name", xml("<1>x</1>"), .malformedXML(offset: 1, reason: "expected a tag name")),
            ("control", xml("<A>\u{1}</A>"), .malformedXML(offset: 3, reason: "control character 0x01 in a value")),
            (
                "utf8", frame(6, Array("<A>".utf8) + [0xC3] + Array("</A>".utf8)),
                .malformedXML(offset: 3, reason: "value is not UTF-8")
            ),
        ]
    }

    @Test(arguments: badDatagrams)
    func badDatagramsAreTypedErrors(_ name: String, _ bytes: [UInt8], _ error: HeliospectraError) {
        #expect(throws: error, "\(name)") { try decoder.decodeDatagram(bytes) }
    }

    @Test(arguments: [
        (
            HeliospectraDiscoveryFrame(mac: .broadcast, message: .info(.init(elements: [.init(tag: "1x", value: "")]))),
            HeliospectraError.invalidXMLTag("1x")
        ),
        (
            HeliospectraDiscoveryFrame(mac: .broadcast, message: .info(.init(elements: [.init(tag: "", value: "")]))),
            .invalidXMLTag("")
        ),
        (
            HeliospectraDiscoveryFrame(mac: .broadcast, message: .info(.init(elements: [.init(tag: "A", value: "\u{0}")]))),
            .unencodableText(field: "XML value of A", text: "\u{0}")
        ),
        (HeliospectraDiscoveryFrame(mac: .broadcast, message: .other(command: 6, data: [])), .commandHasOwnCase(6)),
        (
            HeliospectraDiscoveryFrame(mac: .broadcast, message: .masterAnnounce(data: [UInt8](repeating: 0, count: 1457))),
            .frameDataTooLong(length: 1457, max: 1456)
        ),
    ])
    func encoderRejectsBadValues(_ frame: HeliospectraDiscoveryFrame, _ error: HeliospectraError) {
        #expect(throws: error) { try encoder.encode(frame) }
    }

    @Test func goodFramesAroundGarbage() throws {
        let query = try #require(Hex.decode(Self.golden[0].0))
        let announce = try #require(Hex.decode(Self.golden[2].0))
        let badXML = Self.frame(6, Array("<A>".utf8))
        let stream =
            Array("noise ABC".utf8) + query + Self.frame(0, [], reserved: 7) + Array("ABC32".utf8) + announce + badXML + query
            + Array("AB".utf8)
        for chunk in [stream.count, 1, 5] {
            var d = HeliospectraDiscoveryDecoder()
            var results: [Result<HeliospectraDiscoveryFrame, HeliospectraError>] = []
            var i = 0
            while i < stream.count {
                d.feed(stream[i..<min(i + chunk, stream.count)])
                results += d.drain()
                i += chunk
            }
            // The stretch is reported once, with the bytes skippable when it is first seen.
            guard case .garbage(let skipped)? = results.first?.error, (1...9).contains(skipped) else {
                Issue.record("chunk \(chunk): first result should report the noise: \(results)")
                continue
            }
            #expect(
                results.dropFirst().map(\.error) == [
                    nil, .nonZeroReservedByte(7), nil, .malformedXML(offset: 3, reason: "unclosed <A>"), nil,
                ], "chunk \(chunk)")
            #expect(results.compactMap(\.value).map(\.message.command) == [0, 8, 0])
            #expect(d.bufferedByteCount == 2, "a partial magic waits")
        }
    }

    @Test func survivesRandomAndMutatedBuffers() throws {
        // The good frame is long enough that seven of them fill any header a mutation leaves
        // waiting (16 + 1456 bytes), so recovery is always within the eight copies.
        let good = HeliospectraDiscoveryFrame(
            mac: Self.lamp, message: .masterAnnounce(data: (0..<200).map { UInt8(truncatingIfNeeded: $0 * 7) }))
        let goodBytes = try encoder.encode(good)
        #expect(goodBytes.count * 7 > 16 + 1456)
        let samples = try Self.golden.map { try #require(Hex.decode($0.0)) }
        checkRobustness(
            seed: 0x4E11_0002, makeDecoder: { HeliospectraDiscoveryDecoder() }, samples: samples, good: (goodBytes, good),
            maxBuffered: 16 + 1456)
    }
}
