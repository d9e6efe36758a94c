// The heap allocations the compiler really emits, read from IRGen's output (`swiftc
// -emit-irgen`: LLVM IR before LLVM's own optimizations, one IR function per SIL function).
//
// Whether an object lands on the heap, and how big it is, is decided after SIL: IRGen
// promotes `alloc_ref [stack]` only within a stack budget, decides which closures need a
// context object, and lays out classes whose superclass lives in the standard library.
// The IR is the ground truth:
//
//   define … @"$e7Fixture9budgetTwoyS2iF"(i64 %0) … {
//     %reference.new = call ptr @swift_initStackObject(ptr @"$e7Fixture7Temp600CN", …)  on the stack
//     %5 = call noalias ptr @swift_allocObject(ptr @"$e7Fixture7Temp600CN", i64 600, i64 7)  600 B heap
//
// 1. Every `define` body is scanned once for calls. A call of a heap allocator (the table
//    below) is an allocation, with its size when the size operand is a constant.
// 2. A call of another function defined in the IR that is not a SIL function (an outlined
//    copy, a helper IRGen made) is followed: its allocations belong to the SIL function that
//    calls it. Calls of SIL functions are not followed; the analysis sees those calls itself.
// 3. `CompilerAllocationCheck` then matches each SIL function's IR allocations with what the
//    analysis charges for it.

public struct CompilerAllocation: Equatable, Sendable {
    /// The allocator called (`swift_allocObject`, `malloc`, …).
    public var allocator: String
    /// Bytes requested, when a constant.
    public var bytes: Int?
    /// Source line of the call (the outermost of its inlined locations), when the IR has one.
    public var line: Int?
}

public struct CompilerAllocations: Sendable {
    struct Body: Sendable {
        var allocations: [CompilerAllocation] = []
        var callees: [String] = []
    }
    /// Every function defined in the IR.
    var bodies: [String: Body] = [:]

    /// Heap allocators and the operand that is the size (-1: no size operand maxlive reads;
    /// calloc's size is the product of its two operands).
    static let allocators: [String: Int] = [
        "swift_allocObject": 1, "swift_slowAlloc": 0, "swift_allocBox": -1, "swift_coroFrameAlloc": 0,
        "malloc": 0, "calloc": -1, "realloc": 1, "aligned_alloc": 1, "posix_memalign": 2,
        "swift_task_alloc": 0,
    ]

    public init() {}

    private static let definePrefix = Array("define ".utf8)

    /// Reads IR text (any LLVM IR; IRGen's output is the one that matches SIL function by function).
    public static func read(_ bytes: [UInt8]) -> CompilerAllocations {
        var result = CompilerAllocations()
        var locations: [Int: (line: Int, inlinedAt: Int?)] = [:]
        var pendingLines: [(function: String, index: Int, dbg: Int)] = []
        var current: String?
        var body = Body()
        LLVMIRText.forEachLine(bytes) { line in
            if let name = current {
                if line.first == UInt8(ascii: "}") {
                    result.bodies[name] = body
                    current = nil
                } else if let call = callSite(line) {
                    if let sizeOperand = allocators[call.callee] {
                        var size: Int? = nil
                        if sizeOperand >= 0 {
                            size = LLVMIRText.operand(sizeOperand, of: line, from: call.arguments)
                        } else if call.callee == "calloc", let a = LLVMIRText.operand(0, of: line, from: call.arguments),
                                  let b = LLVMIRText.operand(1, of: line, from: call.arguments) {
                            size = saturatingMultiply(a, b)
                        }
                        body.allocations.append(CompilerAllocation(allocator: call.callee, bytes: size, line: nil))
                        if let dbg = debugLocation(line) { pendingLines.append((name, body.allocations.count - 1, dbg)) }
                    } else {
                        body.callees.append(call.callee)
                    }
                }
            } else if line.starts(with: definePrefix), let name = LLVMIRText.definedName(line) {
                current = name
                body = Body()
            } else if line.first == UInt8(ascii: "!"), let (id, location) = diLocation(line) {
                locations[id] = location
            }
        }
        // Each allocation's line: follow `inlinedAt` out to the function the call sits in.
        for pending in pendingLines {
            var id = pending.dbg
            var line: Int? = nil
            var steps = 0
            while let l = locations[id], steps < 64 {
                if l.line > 0 { line = l.line }
                guard let outer = l.inlinedAt else { break }
                id = outer
                steps += 1
            }
            result.bodies[pending.function]?.allocations[pending.index].line = line
        }
        return result
    }

    /// Whether the IR defines `symbol`.
    public func defines(_ symbol: String) -> Bool { bodies[symbol] != nil }

    /// The allocations of `symbol`'s body, with those of the IR-only functions it calls
    /// (transitively); nil when the IR does not define it.
    public func allocations(of symbol: String, isSILFunction: (String) -> Bool) -> [CompilerAllocation]? {
        guard bodies[symbol] != nil else { return nil }
        var result: [CompilerAllocation] = []
        var visited: Set<String> = [symbol]
        var work = [symbol]
        while let name = work.popLast() {
            guard let b = bodies[name] else { continue }
            result += b.allocations
            for callee in b.callees where !isSILFunction(callee) && visited.insert(callee).inserted {
                work.append(callee)
            }
        }
        return result
    }

    /// A direct call on this line: the callee and where its arguments start.
    ///
    ///   %5 = call noalias ptr @swift_allocObject(ptr @"…", i64 600, i64 7) #2, !dbg !281
    ///   call void (ptr, ...) @printf(ptr @0)       a function type before the callee is skipped
    ///   call swiftcc void %7(ptr %1)               an indirect call: none
    static func callSite(_ line: ArraySlice<UInt8>) -> (callee: String, arguments: Int)? {
        guard let at = LLVMIRText.find(Array("call ".utf8), in: line) ?? LLVMIRText.find(Array("invoke ".utf8), in: line) else { return nil }
        var i = at
        var depth = 0
        while i < line.endIndex {
            let c = line[i]
            if c == UInt8(ascii: "(") || c == UInt8(ascii: "{") || c == UInt8(ascii: "<") || c == UInt8(ascii: "[") { depth += 1 }
            if c == UInt8(ascii: ")") || c == UInt8(ascii: "}") || c == UInt8(ascii: ">") || c == UInt8(ascii: "]") { depth -= 1 }
            if depth == 0 && c == UInt8(ascii: "%") { return nil }
            if depth == 0 && c == UInt8(ascii: "@") {
                guard let name = LLVMIRText.definedName(line[i...]) else { return nil }
                guard let open = line[i...].firstIndex(of: UInt8(ascii: "(")) else { return nil }
                return (name, open + 1)
            }
            i += 1
        }
        return nil
    }

    /// `… !dbg !281` → 281.
    private static func debugLocation(_ line: ArraySlice<UInt8>) -> Int? {
        guard let at = LLVMIRText.find(Array("!dbg !".utf8), in: line) else { return nil }
        var i = at + 6
        var value = 0
        var digits = 0
        while i < line.endIndex, line[i] >= 48, line[i] <= 57 { value = value * 10 + Int(line[i] - 48); i += 1; digits += 1 }
        return digits > 0 ? value : nil
    }

    /// `!281 = !DILocation(line: 44, column: 13, scope: !269, inlinedAt: !282)`.
    private static func diLocation(_ line: ArraySlice<UInt8>) -> (Int, (line: Int, inlinedAt: Int?))? {
        guard LLVMIRText.find(Array("= !DILocation(".utf8), in: line) != nil else { return nil }
        var i = line.startIndex + 1
        var id = 0
        while i < line.endIndex, line[i] >= 48, line[i] <= 57 { id = id * 10 + Int(line[i] - 48); i += 1 }
        func number(after key: String) -> Int? {
            guard let k = LLVMIRText.find(Array(key.utf8), in: line) else { return nil }
            var j = k + key.utf8.count
            var v = 0
            var digits = 0
            while j < line.endIndex, line[j] >= 48, line[j] <= 57 { v = v * 10 + Int(line[j] - 48); j += 1; digits += 1 }
            return digits > 0 ? v : nil
        }
        return (id, (number(after: "line: ") ?? 0, number(after: "inlinedAt: !")))
    }
}
