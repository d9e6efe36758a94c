// What the bytes a function charges are, for itemized peaks (`explain`): each charge's origin
// turned into live allocations that add up to its bytes. A callee's items are taken through
// the call (their chain gains it) when they add up to what the call costs here; otherwise the
// call is one item of its own, named by what it is.

import SILModel

/// Bytes charged at an instruction: into which death group (LiveState), and what made them.
struct Charge {
    var group: Int
    var bytes: Int
    var origin: ChargeOrigin
}

/// What made a charge.
enum ChargeOrigin: Hashable {
    /// An instruction that allocates (`alloc_ref`, `alloc_box`, `partial_apply`, `allocRaw`, ...).
    case allocation(Int32)
    /// A collection's buffer at its largest (a growth model's web, by index).
    case collection(Int)
    /// A bounded place's buffer a call keeps (charged once for the whole call).
    case placeKeptByCall(Int32, String)
    /// What a call leaves live in memory, or returns.
    case keptByCall(Int32)
    case returnedByCall(Int32)
    /// What a global's one-time initializer, run by a call, makes (charged once).
    case madeOnce(Int32)
    /// What the deinits a release may run keep.
    case keptByDeinit(Int32)
    /// A coroutine's frame, from its `begin_apply` to its end.
    case coroutineFrame(Int32)
    /// Allocations only the compiler's IR shows.
    case compilerAllocations
    /// Up to `count` objects made at an allocation (or returned by a call) that a capped array's
    /// elements alone keep, charged with the array's buffer.
    case elementObjects(Int32, count: Int)
    /// Up to `count` objects made at an allocation (or returned by a call) that a local
    /// holder's field alone keeps, charged with the holder.
    case fieldObjects(Int32, count: Int)
    /// The object made at an allocation (or returned by a call) that a loop carries into its
    /// next pass (or keeps after its last), charged from the function's start.
    case carriedToNextPass(Int32)
}

extension FunctionAnalyzer {
    /// A charge's items (nil unless itemizing).
    func liveItems(_ charge: Charge) -> LiveItems? {
        guard let table = context.liveAllocations else { return nil }
        switch charge.origin {
        case .allocation(let i):
            return item(describeAllocation(i), bytes: charge.bytes, at: i, table: table)
        case .collection(let w):
            let web = growth.webs[w]
            let what = web.kind == "string" ? "string buffer"
                : "\(web.kind) buffer, up to \(web.maxCount) element\(web.maxCount == 1 ? "" : "s")"
            return item(what, bytes: charge.bytes, at: web.firstSite, table: table)
        case .placeKeptByCall(let i, let key):
            return item("buffer of \(readablePlace(key)), kept by the call to \(calleeName(i))", bytes: charge.bytes, at: i, table: table)
        case .keptByCall(let i):
            return through(i, callCost(i).storedItems, bytes: charge.bytes)
                ?? item("what the call to \(calleeName(i)) keeps", bytes: charge.bytes, at: i, table: table)
        case .returnedByCall(let i):
            return through(i, callCost(i).returnedItems, bytes: charge.bytes)
                ?? item("what the call to \(calleeName(i)) returns", bytes: charge.bytes, at: i, table: table)
        case .madeOnce(let i):
            return through(i, callCost(i).storedItems, bytes: charge.bytes)
                ?? item("objects a global's one-time initializer makes, in the call to \(calleeName(i))", bytes: charge.bytes, at: i, table: table)
        case .keptByDeinit(let i):
            return item("what the deinits this release may run keep", bytes: charge.bytes, at: i, table: table)
        case .coroutineFrame(let i):
            return item("coroutine frame of \(calleeName(i))", bytes: charge.bytes, at: i, table: table)
        case .compilerAllocations:
            return item("allocations the compiler's IR shows and SIL does not", bytes: charge.bytes, at: nil, table: table)
        case .elementObjects(let i, let count):
            let what = isCall(function.instructions[Int(i)]) ? "what the call to \(calleeName(i)) returns" : describeAllocation(i)
            return item("\(what), up to \(count) kept in an array's elements", bytes: charge.bytes, at: i, table: table)
        case .carriedToNextPass(let i):
            let what = isCall(function.instructions[Int(i)]) ? "what the call to \(calleeName(i)) returns" : describeAllocation(i)
            return item("\(what), the one a loop carries into its next pass", bytes: charge.bytes, at: i, table: table)
        case .fieldObjects(let i, let count):
            let what = isCall(function.instructions[Int(i)]) ? "what the call to \(calleeName(i)) returns" : describeAllocation(i)
            return item("\(what), up to \(count) held by a field of a local object", bytes: charge.bytes, at: i, table: table)
        }
    }

    /// What is live while the call at `index` runs: this frame's items and the callee's at its
    /// peak, less what both count (bytes charged from this function's start that the callee's
    /// peak includes), `total` bytes in all (nil unless itemizing).
    func itemsDuringCall(_ index: Int32, _ cost: CallCost, on state: LiveState, total: Int) -> LiveItems? {
        guard let table = context.liveAllocations, var items = state.allItems else { return nil }
        if let modelled = cost.modelled {
            items.add(item(modelled, bytes: cost.peak, at: index, table: table))
        } else {
            items.add(through(index, cost.peakItems, bytes: cost.peak)
                      ?? item("the peak inside \(calleeName(index))", bytes: cost.peak, at: index, table: table))
        }
        if items.total > total {
            // What the callee keeps for good and this function charges from its start (a
            // place's buffer, a global's first value) is in both: the callee's items stay.
            var early = LiveItems()
            for origin in chargedFromStartOrigins[index] ?? [] { early.add(itemsAsCharged(origin, at: index)) }
            items.remove(items.total - total, preferring: early, largestFirst: true)
        }
        return items
    }

    /// The items a charge from this function's start for the call at `index` holds, whole
    /// (which kinds they are, for taking out what the callee's peak counts too).
    private func itemsAsCharged(_ origin: ChargeOrigin, at index: Int32) -> LiveItems {
        switch origin {
        case .madeOnce:
            let stored = callCost(index).storedItems
            return liveItems(Charge(group: 0, bytes: stored?.total ?? 0, origin: origin)) ?? LiveItems()
        default:
            // One item of its own: any size names its kind.
            return liveItems(Charge(group: 0, bytes: 1, origin: origin)) ?? LiveItems()
        }
    }

    /// Items of something this function does not take apart (a deinit's peak), at `index`.
    func opaqueItems(_ what: String, bytes: Int, at index: Int32) -> LiveItems {
        guard let table = context.liveAllocations else { return LiveItems() }
        return item(what, bytes: bytes, at: index, table: table)
    }

    private func item(_ what: String, bytes: Int, at index: Int32?, table: LiveAllocationTable) -> LiveItems {
        // This function's own line (the call an inlined helper came from), and the helper's
        // line that makes it when that is the program's code too.
        let inner = index.flatMap { findingLocation(of: $0) } ?? function.location
        let own = index.flatMap { location(of: $0) }.flatMap { context.userSourceFiles.contains($0.file) ? $0 : nil }
        let loc = own ?? inner
        var allocation = LiveAllocation(what: what, function: function.swiftName,
                                        file: loc.map { context.module.fileName($0) }, line: loc.map { Int($0.line) }, calls: [])
        if let inner, let own, inner.file != own.file || inner.line != own.line, context.userSourceFiles.contains(inner.file) {
            allocation.inlinedFile = context.module.fileName(inner)
            allocation.inlinedLine = Int(inner.line)
        }
        var items = LiveItems()
        items.add(table.kind(allocation), count: 1, bytes: bytes)
        return items
    }

    /// A callee's items seen through the call at `index`, made to add up to `bytes`: what the
    /// caller charges apart (a place's buffer, charged once for its whole call) is left out,
    /// taken to be the largest items.
    private func through(_ index: Int32, _ calleeItems: LiveItems?, bytes: Int) -> LiveItems? {
        guard let table = context.liveAllocations, var calleeItems, calleeItems.total >= bytes else { return nil }
        calleeItems.remove(calleeItems.total - bytes, largestFirst: true)
        let loc = findingLocation(of: index)
        let call = CallSite(caller: function.swiftName, callee: calleeName(index),
                            file: loc.map { context.module.fileName($0) }, line: loc.map { Int($0.line) },
                            column: loc.map { Int($0.column) })
        return calleeItems.mapKinds { table.kind($0, through: call) }
    }

    private func calleeName(_ index: Int32) -> String {
        if let name = singleTarget(of: index) { return context.module.function(named: name)?.swiftName ?? name }
        return "several functions"
    }

    /// `global:<symbol>` → `global name`; properties by name; `arg:k` → the array passed inout.
    private func readablePlace(_ key: String) -> String {
        if key.hasPrefix("global:") { return "`\(CalleeResolver.readableGlobal(String(key.dropFirst("global:".count))))`" }
        if let field = PlaceKey.fieldName(key) { return "`\(field)`" }
        return "the array passed inout"
    }

    /// `alloc_box ${ var T }, var, name "c"` → "box of the captured variable `c` (T)".
    static func boxDescription(_ operands: String) -> String {
        var type = ""
        if let open = operands.range(of: "{ var "), let close = operands.range(of: " }", range: open.upperBound..<operands.endIndex) {
            type = String(operands[open.upperBound..<close.lowerBound])
        }
        var name = ""
        if let n = operands.range(of: "name \""), let end = operands[n.upperBound...].firstIndex(of: "\"") {
            name = " `\(operands[n.upperBound..<end])`"
        }
        return "box of the captured variable\(name)\(type.isEmpty ? "" : " (\(type))")"
    }

    /// The stdlib's storage classes, named for the collection they hold.
    static func stdlibStorage(_ type: String) -> String? {
        func arguments(of prefix: String) -> String? {
            guard type.hasPrefix(prefix + "<"), type.hasSuffix(">") else { return nil }
            return String(type.dropFirst(prefix.count + 1).dropLast())
        }
        if let element = arguments(of: "_ContiguousArrayStorage") { return "array buffer of \(element)" }
        if let element = arguments(of: "_SetStorage") { return "set storage of \(element)" }
        if let pair = arguments(of: "_DictionaryStorage"), let comma = pair.firstTopLevelComma {
            return "dictionary storage of [\(pair[..<comma]): \(pair[pair.index(comma, offsetBy: 2)...])]"
        }
        if type == "__StringStorage" || type == "__SharedStringStorage" { return "string buffer" }
        return nil
    }

    /// What an allocating instruction makes, in the program's words.
    private func describeAllocation(_ index: Int32) -> String {
        let inst = function.instructions[Int(index)]
        let type = context.text.rest(inst).split(separator: "$").last.map { $0.trimmingCharacters() } ?? ""
        switch inst.opcode {
        case .allocRef, .allocRefDynamic:
            if let storage = Self.stdlibStorage(type) { return storage }
            let tail = context.text.rest(inst).contains("tail_elems") ? " with its tail elements" : ""
            return "\(type) object\(tail)"
        case .allocBox: return Self.boxDescription(String(context.text.rest(inst)))
        case .allocExistentialBox: return "boxed \(type) (an error or existential)"
        case .partialApply: return "closure context"
        case .initExistentialAddr: return "existential's out-of-line buffer for \(type)"
        case .builtin: return "raw memory (UnsafeMutablePointer.allocate or the like)"
        default: return "allocation"
        }
    }
}

private extension String {
    /// The first `, ` outside angle brackets and parentheses (between a dictionary's key and value types).
    var firstTopLevelComma: String.Index? {
        var depth = 0
        var i = startIndex
        while i < endIndex {
            switch self[i] {
            case "<", "(", "[": depth += 1
            case ">" where i > startIndex && self[index(before: i)] == "-": break   // `->`
            case ">", ")", "]": depth -= 1
            case "," where depth == 0 && index(after: i) < endIndex && self[index(after: i)] == " ": return i
            default: break
            }
            i = index(after: i)
        }
        return nil
    }
}
