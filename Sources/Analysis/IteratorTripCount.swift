// Trip counts of `for i in a..<b`, `for i in a...b` and `for i in stride(from:to:by:)` (or
// `through:`) loops in unoptimized SIL (-Onone).
//
// Without optimization the loop is not rotated into a counter; the range's iterator lives in a
// stack slot and the header asks it for the next element:
//
//   %8 = alloc_stack $IndexingIterator<Range<Int>>, var, name "$generator"
//   %13 = struct $Range<Int> (%lo, %hi)
//   %15 = apply @Collection<>.makeIterator()(%13)        the iterator starts at lo
//   store %15 to %8
//   br bb1
// bb1:                                                     header
//   %18 = begin_access [modify] [static] %8
//   %20 = apply @IndexingIterator.next()(%18)
//   end_access %18
//   switch_enum %20, case #Optional.some!enumelt: bb2, case #Optional.none!enumelt: bb3
//
// `next()` of an iterator over a `Range<Int>` yields hi − lo elements, over a
// `ClosedRange<Int>` hi − lo + 1, over `stride(from: a, to: b, by: k)` ⌈(b − a) / k⌉ (k > 0;
// mirrored for k < 0; `through:` includes b), one per iteration of the body; the header runs once more
// to find the end. The count is an iteration count, as a `maxlive.loop_bound` marker's is,
// so the header must do nothing but ask (no allocation, no other call). The slot must be set
// once, outside the loop, and used only by `next()` in this header: then nothing else moves
// the iterator. The stdlib's `next()` yields one element per call up to the end: its
// semantics, as the optimizer's own loop analyses read them from the same body.

import SILModel

struct IteratorTripCount {
    let function: Function
    let module: Module
    let text: InstructionText
    let loops: LoopForest
    let constants: ConstantEvaluator
    let ranges: ValueRanges?

    /// The iterations of loop `l`, when it is a `for` loop over an `Int` range or stride.
    func tripCount(_ l: Int) -> Int? {
        let loop = loops.loops[l]
        let header = function.blocks[loop.header]
        let terminator = function.instructions[Int(header.terminatorIndex)]
        guard terminator.opcode == .switchEnum, text.rest(terminator).contains(", case #Optional.some!enumelt: "),
              let element = function.operands(of: terminator).first,
              case let successors = Array(function.successors(of: terminator)), successors.count == 2,
              loop.blocks.contains(Int(successors[0].block)), !loop.blocks.contains(Int(successors[1].block)),
              let call = function.definingInstruction(element),
              function.block(containing: call) == Int32(loop.header),
              headerOnlyAsks(header, call: call),
              let slot = iteratorSlot(of: call),
              let start = onlyStore(to: slot, askedBy: call, outside: loop),
              let range = iteratedRange(stored: start) else { return nil }
        let ops = Array(function.operands(of: function.instructions[Int(range.instruction)]))
        let block = Int(function.block(containing: range.instruction))
        switch range.kind {
        case .halfOpen, .closed:
            guard ops.count == 2, let lo = lowest(ops[0], at: block), let hi = highest(ops[1], at: block) else { return nil }
            return count(from: lo, to: hi, by: 1, inclusive: range.kind == .closed)
        case .strideTo, .strideThrough:
            // stride(from:to:by:) and stride(from:through:by:): the callee value, then the three.
            guard ops.count == 4, let by = constants.constant(ops[3], in: function), by != 0 else { return nil }
            let inclusive = range.kind == .strideThrough
            if by > 0 {
                guard let lo = lowest(ops[1], at: block), let hi = highest(ops[2], at: block) else { return nil }
                return count(from: lo, to: hi, by: by, inclusive: inclusive)
            }
            guard let hi = highest(ops[1], at: block), let lo = lowest(ops[2], at: block) else { return nil }
            return count(from: lo, to: hi, by: -by, inclusive: inclusive)
        }
    }

    /// Elements lo, lo + by, … below hi (up to hi when inclusive); nil when it overflows.
    private func count(from lo: Int, to hi: Int, by step: Int, inclusive: Bool) -> Int? {
        let (span, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, span < Int.max, step > 0 else { return nil }
        if span < 0 || (span == 0 && !inclusive) { return 0 }
        return inclusive ? span / step + 1 : span / step + (span % step == 0 ? 0 : 1)
    }

    /// The header holds the `next()` call, the access around it and nothing that allocates.
    private func headerOnlyAsks(_ header: BasicBlock, call: Int32) -> Bool {
        for index in header.instructions where index != call && index != header.terminatorIndex {
            switch function.instructions[Int(index)].opcode {
            case .beginAccess, .endAccess, .functionRef, .debugValue: continue
            default: return false
            }
        }
        return true
    }

    /// The iterators whose `next()` is modelled, by the type of their `@inout` parameter.
    private static let iterators = [
        ("IndexingIterator.next()", "(@inout IndexingIterator<Range<Int>>)"),
        ("IndexingIterator.next()", "(@inout IndexingIterator<ClosedRange<Int>>)"),
        ("StrideToIterator.next()", "(@inout StrideToIterator<Int>)"),
        ("StrideThroughIterator.next()", "(@inout StrideThroughIterator<Int>)"),
    ]

    /// The stack slot of the iterator `call` advances, when the call is the stdlib's `next()`
    /// of an iterator over `Int`s this model knows.
    private func iteratorSlot(of call: Int32) -> Int32? {
        let inst = function.instructions[Int(call)]
        let ops = Array(function.operands(of: inst))
        guard inst.opcode == .apply, ops.count == 2, let callee = stdlibCallee(ops[0]),
              let type = text.trailingFunctionType(inst),
              Self.iterators.contains(where: { (callee.demangledName ?? "").contains($0.0) && type.contains($0.1) }),
              let access = function.definingInstruction(ops[1]) else { return nil }
        let accessInst = function.instructions[Int(access)]
        guard accessInst.opcode == .beginAccess, let slot = function.operands(of: accessInst).first,
              let s = function.definingInstruction(slot), function.instructions[Int(s)].opcode == .allocStack else { return nil }
        return slot
    }

    /// The value stored into `slot` when it is stored exactly once, outside the loop, and
    /// otherwise only read through accesses that `call` (and nothing else) uses.
    private func onlyStore(to slot: Int32, askedBy call: Int32, outside loop: Loop) -> Int32? {
        var stored: Int32?
        for (i, inst) in function.instructions.enumerated() where function.operands(of: inst).contains(slot) {
            let ops = Array(function.operands(of: inst))
            switch inst.opcode {
            case .store:
                guard stored == nil, ops.count == 2, ops[1] == slot, ops[0] != slot,
                      !loop.blocks.contains(Int(function.block(containing: Int32(i)))) else { return nil }
                stored = ops[0]
            case .beginAccess:
                guard let access = function.results(of: inst).first, usesOnly(access, by: call) else { return nil }
            case .deallocStack, .destroyAddr, .debugValue:
                continue
            default:
                return nil
            }
        }
        return stored
    }

    /// Every use of `access` is `call` itself or the access's end.
    private func usesOnly(_ access: Int32, by call: Int32) -> Bool {
        for (i, inst) in function.instructions.enumerated() where function.operands(of: inst).contains(access) {
            if Int32(i) == call || inst.opcode == .endAccess || inst.opcode == .debugValue { continue }
            return false
        }
        return true
    }

    enum IteratedKind { case halfOpen, closed, strideTo, strideThrough }

    /// What the stored iterator was made from by the stdlib's `makeIterator()`: a
    /// `struct $Range<Int> (lo, hi)` (or `ClosedRange`), or a call of `stride(from:to:by:)` or
    /// `stride(from:through:by:)` on `Int`s.
    private func iteratedRange(stored value: Int32) -> (instruction: Int32, kind: IteratedKind)? {
        guard let make = function.definingInstruction(value) else { return nil }
        let inst = function.instructions[Int(make)]
        let ops = Array(function.operands(of: inst))
        guard inst.opcode == .apply, ops.count == 2, let callee = stdlibCallee(ops[0]),
              (callee.demangledName ?? "").contains("makeIterator()"),
              let r = function.definingInstruction(ops[1]) else { return nil }
        let made = function.instructions[Int(r)]
        if made.opcode == .structInst {
            let spelled = text.rest(made)
            if spelled.hasPrefix("$Range<Int> (") { return (r, .halfOpen) }
            if spelled.hasPrefix("$ClosedRange<Int> (") { return (r, .closed) }
            return nil
        }
        guard made.opcode == .apply, let first = function.operands(of: made).first, let stride = stdlibCallee(first),
              let type = text.trailingFunctionType(made), type.contains("(Int, Int, Int) -> ") else { return nil }
        // `specialized stride<A>(from:to:by:)`
        let name = stride.demangledName ?? ""
        guard name.contains("stride<A>(") || name.contains("stride(") else { return nil }
        if name.contains("(from:to:by:)") { return (r, .strideTo) }
        if name.contains("(from:through:by:)") { return (r, .strideThrough) }
        return nil
    }

    /// The stdlib function a `function_ref` value names (`$es…`/`$ss…` symbols only).
    private func stdlibCallee(_ value: Int32) -> Function? {
        guard let ref = function.definingInstruction(value), function.instructions[Int(ref)].opcode == .functionRef,
              let name = text.referencedFunction(function.instructions[Int(ref)]),
              name.hasPrefix("$es") || name.hasPrefix("$eS") || name.hasPrefix("$ss") || name.hasPrefix("$sS") else { return nil }
        return module.function(named: name)
    }

    private func lowest(_ v: Int32, at block: Int) -> Int? {
        if let c = constants.constant(v, in: function) { return c }
        guard let r = ranges?.range(of: v, at: block), r.lo != .min else { return nil }
        return r.lo
    }

    private func highest(_ v: Int32, at block: Int) -> Int? {
        if let c = constants.constant(v, in: function) { return c }
        guard let r = ranges?.range(of: v, at: block), r.hi != .max else { return nil }
        return r.hi
    }
}
