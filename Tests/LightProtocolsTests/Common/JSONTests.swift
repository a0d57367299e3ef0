import LightProtocols
import Testing

@Suite struct JSONTests {
    @Test func parsesAndWritesEveryKindOfValue() throws {
        let text = #"{"a":[1,-2,3.5,true,false,null],"b":"x\"\\\n\u00e9\ud83d\ude00","c":{},"d":18446744073709551615}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"] == .array([.int(1), .int(-2), .double(3.5), .bool(true), .bool(false), .null]))
        #expect(value["b"] == .string("x\"\\\né😀"))
        #expect(value["d"] == .uint(UInt64.max))
        #expect(try JSONParser.parse(value.jsonText) == value)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "\"\\x\"", "01", "1.", "tru", "[1] 2", "\"\u{01}\"", "\"\\ud800\""])
    func rejectsMalformedText(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
    }

    struct Sample: Codable, Equatable {
        var name: String
        var count: UInt8
        var values: [Int16]
        var nested: [String: Bool]?
        var optional: Double?
    }

    @Test func codableRoundTripAndTypedErrors() throws {
        let sample = Sample(name: "a", count: 7, values: [-1, 2], nested: nil, optional: 1.25)
        let json = try JSONValueEncoder.encode(sample)
        #expect(json.jsonText == #"{"name":"a","count":7,"values":[-1,2],"optional":1.25}"#)
        #expect(try JSONValueDecoder.decode(Sample.self, from: json) == sample)
        #expect(throws: JSONDecodingError.self) {
            try JSONValueDecoder.decode(Sample.self, fromText: #"{"name":"a","count":300,"values":[]}"#)
        }
        #expect(throws: JSONDecodingError.self) {
            try JSONValueDecoder.decode(Sample.self, fromText: #"{"name":"a","values":[]}"#)
        }
    }
}
