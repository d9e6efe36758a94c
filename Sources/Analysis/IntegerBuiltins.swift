// The integer builtins of SIL computed exactly on known operands (SimulatedTripCount.swift):
// arithmetic that wraps at its width, the `_with_overflow` forms with their overflow bit,
// comparisons, bit operations and shifts, width changes. Anything else, or an operand that is
// not a known integer, gives an unknown value: never a guess.

enum IntegerBuiltins {
    typealias Value = SimulatedTripCount.Value

    /// `Int64` → 64, `Int1` → 1; `Word` is 32 or 64 bits by target: no width, so never computed.
    static func bits<S: StringProtocol>(_ spelling: S) -> Int? {
        guard spelling.hasPrefix("Int"), let n = Int(spelling.dropFirst(3)), n >= 1, n <= 64 else { return nil }
        return n
    }

    static func evaluate(_ name: String, _ ops: [Value]) -> Value {
        let parts = name.split(separator: "_")
        guard let widthName = parts.last, let bits = bits(widthName) else { return .unknown }
        // Positional: an unknown operand is never skipped over.
        let ints: [Int64?] = ops.map { if case .int(let v, _) = $0 { return v } else { return nil } }
        func known(_ k: Int) -> Int64? { k < ints.count ? ints[k] : nil }
        let op = String(parts[0])
        if ["zextOrBitCast", "sextOrBitCast", "truncOrBitCast", "zext", "sext", "trunc"].contains(op) {
            guard parts.count == 3, let from = Self.bits(parts[1]), let to = Self.bits(parts[2]), let v = known(0) else { return .unknown }
            let widened = op.hasPrefix("z") ? Int64(bitPattern: unsigned(v, from)) : v
            return .int(SimulatedTripCount.normalized(widened, to), bits: to)
        }
        if op == "assumeNonNegative" || op == "int" && name.hasPrefix("int_expect") {
            guard let first = ops.first, case .int = first else { return .unknown }
            return first
        }
        if name.contains("_with_overflow_") {
            guard let a = known(0), let b = known(1) else { return .unknown }
            let signed = op.hasPrefix("s")
            let exact: (Int64, Bool)
            switch op {
            case "sadd", "uadd": exact = signed ? a.addingReportingOverflow(b) : (a &+ b, false)
            case "ssub", "usub": exact = signed ? a.subtractingReportingOverflow(b) : (a &- b, false)
            case "smul", "umul": exact = signed ? a.multipliedReportingOverflow(by: b) : (a &* b, false)
            default: return .unknown
            }
            let wrapped = SimulatedTripCount.normalized(exact.0, bits)
            let overflow: Bool
            if signed {
                overflow = exact.1 || wrapped != exact.0
            } else {
                let (ua, ub) = (unsigned(a, bits), unsigned(b, bits))
                switch op {
                case "uadd": let r = ua.addingReportingOverflow(ub); overflow = r.overflow || (bits < 64 && r.partialValue >> UInt64(bits) != 0)
                case "usub": overflow = ub > ua
                default: let r = ua.multipliedReportingOverflow(by: ub); overflow = r.overflow || (bits < 64 && r.partialValue >> UInt64(bits) != 0)
                }
            }
            return .aggregate([.int(wrapped, bits: bits), .int(overflow ? -1 : 0, bits: 1)])
        }
        guard ops.count == 2, let a = known(0), let b = known(1) else { return .unknown }
        let (ua, ub) = (unsigned(a, bits), unsigned(b, bits))
        func int(_ v: Int64) -> Value { .int(SimulatedTripCount.normalized(v, bits), bits: bits) }
        func bool(_ c: Bool) -> Value { .int(c ? -1 : 0, bits: 1) }
        switch op {
        case "add": return int(a &+ b)
        case "sub": return int(a &- b)
        case "mul": return int(a &* b)
        case "and": return int(a & b)
        case "or": return int(a | b)
        case "xor": return int(a ^ b)
        case "shl": return ub < UInt64(bits) ? int(a << Int64(ub)) : .unknown
        case "lshr": return ub < UInt64(bits) ? int(Int64(bitPattern: ua >> ub)) : .unknown
        case "ashr": return ub < UInt64(bits) ? int(a >> Int64(ub)) : .unknown
        case "sdiv": return b != 0 && !(a == Int64.min && b == -1) ? int(a / b) : .unknown
        case "srem": return b != 0 && !(a == Int64.min && b == -1) ? int(a % b) : .unknown
        case "udiv": return ub != 0 ? int(Int64(bitPattern: ua / ub)) : .unknown
        case "urem": return ub != 0 ? int(Int64(bitPattern: ua % ub)) : .unknown
        case "cmp":
            guard parts.count >= 3 else { return .unknown }
            switch parts[1] {
            case "eq": return bool(a == b)
            case "ne": return bool(a != b)
            case "slt": return bool(a < b)
            case "sle": return bool(a <= b)
            case "sgt": return bool(a > b)
            case "sge": return bool(a >= b)
            case "ult": return bool(ua < ub)
            case "ule": return bool(ua <= ub)
            case "ugt": return bool(ua > ub)
            case "uge": return bool(ua >= ub)
            default: return .unknown
            }
        default:
            return .unknown
        }
    }

    /// The bits of `v` read as unsigned at `bits` bits.
    private static func unsigned(_ v: Int64, _ bits: Int) -> UInt64 {
        bits >= 64 ? UInt64(bitPattern: v) : UInt64(bitPattern: v) & ((1 << UInt64(bits)) - 1)
    }
}
