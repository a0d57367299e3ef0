/// The rules for which header or dotted key may define or extend which table (TOML 1.0
/// "Table", "Inline Table", "Array of Tables").
extension TOMLParser {
    /// Finds or makes the table a `[header]` or `[[header]]` names.
    mutating func defineTable(_ key: [TOMLKeyPart], isArray: Bool, at start: TOMLPosition) throws(TOMLError)
        -> TOMLTableNode
    {
        var node = root
        var path: [String] = []
        for part in key.dropLast() {
            path.append(part.name)
            switch node[part.name] {
            case nil:
                let child = try node.child(.implicit, at: part.position)
                node[part.name] = .table(child, key: part.position)
                node = child
            case .table(let child, _): node = child
            case .tableArray(let elements, _, _):
                guard let last = elements.last else { throw .notATable(Self.render(path), at: part.position) }
                node = last
            case .value(let value, _): throw Self.cannotExtend(value, path, at: part.position)
            }
        }
        guard let part = key.last else { throw .syntax("expected a key", at: start) }
        path.append(part.name)
        let name = Self.render(path)
        switch node[part.name] {
        case nil:
            let child = try node.child(.header, at: start)
            node[part.name] = isArray ? .tableArray([child], key: part.position, at: start) : .table(child, key: part.position)
            return child
        case .table(let child, _):
            guard !isArray, child.origin == .implicit else { throw .redefinedTable(name, at: part.position) }
            child.origin = .header
            child.position = start
            return child
        case .tableArray(let elements, let keyPosition, let position):
            guard isArray else { throw .redefinedTable(name, at: part.position) }
            let child = try node.child(.header, at: start)
            node[part.name] = .tableArray(elements + [child], key: keyPosition, at: position)
            return child
        case .value(let value, _):
            if value.table != nil { throw .redefinedTable(name, at: part.position) }
            throw .duplicateKey(name, at: part.position)
        }
    }

    /// Puts a key/value pair into `table` (the current section's table, or an inline table),
    /// making the tables a dotted key names on the way.
    mutating func insert(
        _ value: TOMLValue, at key: [TOMLKeyPart], into table: TOMLTableNode, section: Int, path: [String]
    ) throws(TOMLError) {
        var node = table
        var path = path
        for part in key.dropLast() {
            path.append(part.name)
            switch node[part.name] {
            case nil:
                let child = try node.child(.dotted(section: section), at: part.position)
                node[part.name] = .table(child, key: part.position)
                node = child
            case .table(let child, _):
                switch child.origin {
                case .dotted(section): break
                case .implicit: child.origin = .dotted(section: section)
                case .header, .dotted: throw .redefinedTable(Self.render(path), at: part.position)
                }
                node = child
            case .tableArray: throw .notATable(Self.render(path), at: part.position)
            case .value(let value, _): throw Self.cannotExtend(value, path, at: part.position)
            }
        }
        guard let part = key.last else { return }
        path.append(part.name)
        guard node[part.name] == nil else { throw .duplicateKey(Self.render(path), at: part.position) }
        node[part.name] = .value(value, key: part.position)
    }

    /// A value is in the way of a table: an inline table is closed, anything else is no table.
    private static func cannotExtend(_ value: TOMLValue, _ path: [String], at position: TOMLPosition) -> TOMLError {
        value.table != nil ? .closedInlineTable(render(path), at: position) : .notATable(render(path), at: position)
    }
}
