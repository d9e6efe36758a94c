// A minimal JSON writer that keeps keys in the order they are written, so reports
// follow the documented schema order and are byte-for-byte stable.

struct JSONWriter {
    private(set) var output = ""
    private var needsComma: [Bool] = [false]
    private let indentUnit = "  "

    private var indent: String { String(repeating: indentUnit, count: needsComma.count - 1) }

    private mutating func separator() {
        if needsComma[needsComma.count - 1] { output += "," }
        if needsComma.count > 1 { output += "\n" + indent }
        needsComma[needsComma.count - 1] = true
    }

    mutating func beginObject(_ key: String? = nil) { open(key, "{") }
    mutating func endObject() { close("}") }
    mutating func beginArray(_ key: String? = nil) { open(key, "[") }
    mutating func endArray() { close("]") }

    private mutating func open(_ key: String?, _ bracket: String) {
        separator()
        if let key { output += Self.quote(key) + ": " }
        output += bracket
        needsComma.append(false)
    }

    private mutating func close(_ bracket: String) {
        let hadItems = needsComma.removeLast()
        if hadItems { output += "\n" + indent }
        output += bracket
    }

    mutating func string(_ key: String?, _ value: String?) {
        separator()
        if let key { output += Self.quote(key) + ": " }
        output += value.map(Self.quote) ?? "null"
    }

    mutating func number(_ key: String?, _ value: Int?) {
        separator()
        if let key { output += Self.quote(key) + ": " }
        output += value.map(String.init) ?? "null"
    }

    mutating func double(_ key: String, _ value: Double) {
        separator()
        output += Self.quote(key) + ": " + String(format3(value))
    }

    private func format3(_ v: Double) -> String {
        let scaled = (v * 1000).rounded() / 1000
        return "\(scaled)"
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
