// One SIL function's allocations checked against the heap allocations the compiler emits for
// it (CompilerAllocations.swift). The sizer decides from SIL alone; IRGen decides for real:
//
//   SIL  %3 = alloc_ref [stack] $Temp600        sizer: stack (0 B)
//        %9 = alloc_ref [stack] $Temp600        sizer: stack (0 B)
//   IR   swift_initStackObject(…Temp600…)       stack
//        swift_allocObject(…Temp600…, i64 600)  heap, 600 B: matches no charged allocation
//
// 1. The SIL side: every allocating instruction with the sizer's verdict: heap with a constant
//    size, heap with a size only a model bounds (a wildcard), or not heap (a stack object, a
//    closure whose context is its one reference) with the size it would have on the heap.
//    An `apply` of an allocator symbol (`malloc` through `@_extern(c)`) accounts for the IR's
//    call of that symbol; the analysis charges that call by its own rules.
// 2. The IR's constant sizes, largest first, each take the smallest charged size that covers
//    it, else a wildcard, else a charged size that is too small (raised to the IR's: a
//    correction), else a not-heap instruction of that size (now heap: a correction).
//    Sizes the IR computes at run time take a wildcard or a charged constant.
// 3. What is left matches nothing: the caller charges it for the whole call, or, when the
//    function has loops and the allocation may repeat, makes the entry unbounded.
//
// Corrections only ever raise a charge, so the bound stays sound; each one is reported.

import SILModel

struct CompilerAllocationCheck {
    struct Correction {
        /// The instruction now charged as heap, and with how many bytes.
        var instruction: Int32
        var bytes: Int
        var message: String
    }

    struct Outcome {
        /// Instruction text offset → heap bytes the sizer must charge instead of its own verdict.
        var heapOverrides: [Int32: Int] = [:]
        var corrections: [Correction] = []
        /// IR allocations no SIL allocation of the function accounts for.
        var unmatched: [CompilerAllocation] = []
    }

    private struct SILAllocation {
        var instruction: Int32
        var key: Int32
        /// Heap bytes charged (nil: a size only a model bounds, or unknown).
        var bytes: Int?
        var onHeap: Bool
        /// For a not-heap verdict: the bytes it would take on the heap (nil: not known).
        var heapBytes: Int?
        var used = false
    }

    static func check(_ function: Function, sizer: AllocationSizer, text: InstructionText,
                      compiler: [CompilerAllocation]) -> Outcome {
        var referenced: Set<String> = []
        var items: [SILAllocation] = []
        for (index, inst) in function.instructions.enumerated() {
            if inst.opcode == .functionRef, let name = text.referencedFunction(inst) { referenced.insert(name) }
            guard let verdict = sizer.size(of: Int32(index), in: function) else { continue }
            var item = SILAllocation(instruction: Int32(index), key: inst.text.start, bytes: nil, onHeap: true, heapBytes: nil)
            switch verdict {
            case .bytes(let n): item.bytes = n
            case .unknown: break
            case .notHeap:
                item.onHeap = false
                item.heapBytes = sizer.unpromotedSize(of: Int32(index), in: function)
            }
            items.append(item)
        }
        var outcome = Outcome()
        let irAllocations = compiler.filter { !referenced.contains($0.allocator) }
        let constant = irAllocations.filter { $0.bytes != nil }.sorted { $0.bytes! > $1.bytes! }
        for ir in constant {
            let size = ir.bytes!
            if let k = best(items, where: { $0.onHeap && ($0.bytes ?? -1) >= size }, by: { $0.bytes! < $1.bytes! }) {
                items[k].used = true
            } else if let k = items.firstIndex(where: { !$0.used && $0.onHeap && $0.bytes == nil }) {
                items[k].used = true
            } else if let k = best(items, where: { $0.onHeap && $0.bytes != nil }, by: { $0.bytes! > $1.bytes! }) {
                items[k].used = true
                correct(&outcome, items[k], to: size,
                                "the compiler allocates \(size) B here (\(ir.allocator)), more than the \(items[k].bytes!) B the layout rules give; charged \(size) B")
            } else if let k = best(items, where: { !$0.onHeap && ($0.heapBytes == nil || $0.heapBytes == size) }, by: { _, _ in false }) {
                items[k].used = true
                correct(&outcome, items[k], to: size,
                                "the compiler allocates \(size) B on the heap here (\(ir.allocator)) where SIL leaves it off the heap (a [stack] object over IRGen's stack budget, or a closure context); charged \(size) B")
            } else {
                outcome.unmatched.append(ir)
            }
        }
        for ir in irAllocations where ir.bytes == nil {
            if let k = items.firstIndex(where: { !$0.used && $0.onHeap }) {
                items[k].used = true
            } else {
                outcome.unmatched.append(ir)
            }
        }
        return outcome
    }

    private static func correct(_ outcome: inout Outcome, _ item: SILAllocation, to size: Int, _ message: String) {
        let bytes = max(size, item.bytes ?? 0)
        outcome.heapOverrides[item.key] = bytes
        outcome.corrections.append(Correction(instruction: item.instruction, bytes: bytes, message: message))
    }

    /// The unused item satisfying `condition` that comes first in `order`.
    private static func best(_ items: [SILAllocation], where condition: (SILAllocation) -> Bool,
                             by order: (SILAllocation, SILAllocation) -> Bool) -> Int? {
        var found: Int? = nil
        for (k, item) in items.enumerated() where !item.used && condition(item) {
            if let f = found, !order(item, items[f]) { continue }
            found = k
        }
        return found
    }
}
