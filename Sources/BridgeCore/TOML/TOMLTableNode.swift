/// A table while the document is parsed: it remembers how it came to exist, which decides
/// whether a later header or dotted key may add to it (TOML 1.0 "Table").
final class TOMLTableNode {
    enum Origin: Equatable {
        /// Named only as a prefix of a header (`a` in `[a.b]`): a header may still define it.
        case implicit
        /// Defined by a header (or the root, or an element of an array of tables).
        case header
        /// Made by dotted keys in section `section`; only that section may add to it.
        case dotted(section: Int)
    }

    enum Slot {
        case value(TOMLValue, key: TOMLPosition)
        case table(TOMLTableNode, key: TOMLPosition)
        case tableArray([TOMLTableNode], key: TOMLPosition, at: TOMLPosition)
    }

    /// How deep tables may nest (headers, dotted keys and inline tables together).
    static let maximumDepth = 128

    var origin: Origin
    var position: TOMLPosition
    let depth: Int
    private(set) var keys: [String] = []
    private var slots: [String: Slot] = [:]

    init(_ origin: Origin, at position: TOMLPosition, depth: Int) {
        self.origin = origin
        self.position = position
        self.depth = depth
    }

    subscript(key: String) -> Slot? {
        get { slots[key] }
        set {
            if slots[key] == nil { keys.append(key) }
            slots[key] = newValue
        }
    }

    /// A new child table, or a syntax error when it would nest too deep.
    func child(_ origin: Origin, at position: TOMLPosition) throws(TOMLError) -> TOMLTableNode {
        guard depth < Self.maximumDepth else {
            throw .syntax("tables nest deeper than \(Self.maximumDepth) levels", at: position)
        }
        return TOMLTableNode(origin, at: position, depth: depth + 1)
    }

    /// The finished, immutable table.
    func table() -> TOMLTable {
        var table = TOMLTable()
        for key in keys {
            switch slots[key] {
            case .value(let value, let keyPosition): table.append(key, at: keyPosition, value)
            case .table(let node, let keyPosition):
                table.append(key, at: keyPosition, TOMLValue(.table(node.table()), at: node.position))
            case .tableArray(let nodes, let keyPosition, let position):
                let elements = nodes.map { TOMLValue(.table($0.table()), at: $0.position) }
                table.append(key, at: keyPosition, TOMLValue(.array(elements), at: position))
            case nil: break
            }
        }
        return table
    }
}
