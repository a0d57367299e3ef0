import BridgeCore
import Testing

/// Every value and key knows where it is written, so configuration errors can name the line;
/// the typed accessors configuration code uses.
@Suite struct TOMLPositionTests {
    static let document = """
        # a configuration
        name = "bridge"
        [gpio]
        inputs = [17,
                  27]
        timing = { settle = 20, strobe.edge = "rising" }

        [[light]]
        address = "10.0.0.5"
        [[light]]
          level = 0.5
        [a.b]
        [a]
        c.d = true
        """

    @Test func valuesAndKeysCarryTheirPositions() throws {
        let root = try TOMLTable(parsing: Self.document)
        #expect(root.keys == ["name", "gpio", "light", "a"])
        #expect(root["name"]?.position == at(2, 8))
        #expect(root.entry("name")?.keyPosition == at(2, 1))
        let gpio = try #require(root["gpio"])
        #expect(gpio.position == at(3, 1))
        #expect(root.entry("gpio")?.keyPosition == at(3, 2))
        #expect(gpio["inputs"]?.position == at(4, 10))
        #expect(gpio["inputs"]?.array?.map(\.position) == [at(4, 11), at(5, 11)])
        #expect(gpio.table?.entry("inputs")?.keyPosition == at(4, 1))
        let timing = try #require(gpio["timing"])
        #expect(timing.position == at(6, 10))
        #expect(timing["settle"]?.position == at(6, 21))
        #expect(timing["strobe"]?.position == at(6, 25))
        #expect(timing["strobe"]?["edge"]?.position == at(6, 39))
        #expect(timing.table?.entry("settle")?.keyPosition == at(6, 12))
        let lights = try #require(root["light"]?.array)
        #expect(root["light"]?.position == at(8, 1))
        #expect(lights.map(\.position) == [at(8, 1), at(10, 1)])
        #expect(lights[1]["level"]?.position == at(11, 11))
        // `a` is named by `[a.b]` first, then defined by `[a]`: it starts at its own header.
        #expect(root["a"]?.position == at(13, 1))
        #expect(root.entry("a")?.keyPosition == at(12, 2))
        #expect(root["a"]?["c"]?.position == at(14, 1))
        #expect(root["a"]?["c"]?["d"]?.position == at(14, 7))
    }

    @Test func columnsCountUnicodeScalarsAndLinesCountCRLF() throws {
        let root = try TOMLTable(parsing: "\"é\" = \"ü\"\r\n\"☃\" = 1\r\n\tx = 2")
        #expect(root["é"]?.position == at(1, 7))
        #expect(root["☃"]?.position == at(2, 7))
        #expect(root["x"]?.position == at(3, 6))
        #expect(root.entry("x")?.keyPosition == at(3, 2))
    }

    @Test func typedAccessorsAnswerOnlyForTheirType() throws {
        let root = try TOMLTable(parsing: "s = \"x\"\ni = 7\nf = 7.0\nb = true\na = [1]\nt = {k = 1}")
        let values = try ["s", "i", "f", "b", "a", "t"].map { try #require(root[$0]) }
        #expect(values.map(\.typeName) == ["string", "integer", "floating-point number", "bool", "array", "table"])
        #expect(values.map { $0.string != nil } == [true, false, false, false, false, false])
        #expect(values.map { $0.integer != nil } == [false, true, false, false, false, false])
        #expect(values.map { $0.float != nil } == [false, false, true, false, false, false])
        #expect(values.map { $0.bool != nil } == [false, false, false, true, false, false])
        #expect(values.map { $0.array != nil } == [false, false, false, false, true, false])
        #expect(values.map { $0.table != nil } == [false, false, false, false, false, true])
        #expect(root["i"]?.integer == 7 && root["f"]?.float == 7.0 && root["s"]?.string == "x")
        #expect(root["t"]?["k"]?.integer == 1)
        #expect(root["s"]?["k"] == nil)
        #expect(root["missing"] == nil && root.entry("missing") == nil)
        #expect(!root.isEmpty && TOMLTable().isEmpty)
        #expect(at(1, 9) < at(2, 1) && at(2, 1) < at(2, 3) && at(3, 4).description == "3:4")
    }
}
