// How many bytes an allocating instruction requests (SILFacts §3–§5):
//
//   %4 = alloc_ref $Point                                   → 16 + fields
//   %51 = alloc_ref [tail_elems $Int * %50] $_ContiguousArrayStorage<Int> → 32 + n × 8
//   alloc_ref [stack] …                                     → heap unless it fits the budget
//   %2 = alloc_box ${ var Int }                             → 16 + 8 = 24
//   %6 = partial_apply [callee_guaranteed] %5(%2) : $(Int, String) -> …  → 16 + captures
//   %11 = builtin "allocRaw"(%10, %9)                       → operand 0 bytes
//
// A size that depends on a value the analysis cannot bound is reported, never guessed.

import Layout
import Foundation
import SILModel

enum AllocationSize {
    /// Not a heap allocation (stack promoted, on-stack closure, a single-reference context).
    case notHeap
    case bytes(Int)
    case unknown(Finding.Kind, String)
}

struct AllocationSizer {
    let layout: LayoutEngine
    let text: InstructionText
    let constants: ConstantEvaluator
    /// IRGen's stack-promotion limit (`-stack-promotion-limit`, default 1024, inclusive).
    var stackPromotionLimit = 1024
    /// The `alloc_ref [stack]` instructions (by text offset) IRGen surely keeps on the stack
    /// in the function being sized (`stackPromoted(in:)`); nil: none is trusted.
    var promotedObjects: Set<Int32>? = nil
    /// Instructions (by text offset) the compiler's IR shows on the heap with these bytes,
    /// where SIL alone said otherwise (CompilerAllocationCheck.swift).
    var heapOverrides: [Int32: Int] = [:]
    /// Ranges of counts and sizes that are not constants (nil: constants only).
    var ranges: ValueRanges? = nil

    func size(of index: Int32, in function: Function) -> AllocationSize? {
        let inst = function.instructions[Int(index)]
        if let bytes = heapOverrides[inst.text.start] { return .bytes(bytes) }
        switch inst.opcode {
        case .allocRef:
            return allocRefSize(index, function)
        case .allocRefDynamic:
            return .unknown(.unknownSize, "alloc_ref_dynamic: the class is only known at run time")
        case .allocBox:
            let (_, remainder) = text.leadingAttributes(inst)
            guard let spelling = text.firstType(remainder) else { return .unknown(.unknownSize, "unreadable alloc_box type") }
            let type = TypeExpressionParser.parse(spelling)
            guard case .box(let fields) = type, let size = layout.boxSize(fields: fields) else {
                return .unknown(.unknownSize, "no layout for box $\(spelling)")
            }
            return .bytes(size)
        case .allocExistentialBox:
            // `alloc_existential_box $any Error, $E`: HeapObject + type + witness table, then E.
            let r = text.rest(inst)
            guard let comma = r.range(of: ", $") else { return .unknown(.unknownSize, "unreadable alloc_existential_box") }
            let spelling = String(r[comma.upperBound...])
            guard let l = layout.layout(of: spelling) else { return .unknown(.unknownSize, "no layout for $\(spelling)") }
            return .bytes(alignUp(4 * layout.target.pointerSize, l.alignment) + l.size)
        case .partialApply:
            return partialApplySize(inst, function)
        case .keypath:
            return .unknown(.unknownSize, "key path objects are created by the runtime with a size SIL does not show")
        case .initExistentialAddr:
            let r = text.rest(inst)
            guard let comma = r.range(of: ", $") else { return .unknown(.unknownSize, "unreadable init_existential_addr") }
            let spelling = String(r[comma.upperBound...])
            guard let l = layout.layout(of: spelling) else { return .unknown(.unknownSize, "no layout for existential payload $\(spelling)") }
            let p = layout.target.pointerSize
            // Values that do not fit the 3-word inline buffer are boxed (normal mode only).
            if l.size > 3 * p || l.alignment > p { return .bytes(alignUp(2 * p, l.alignment) + l.size) }
            return AllocationSize.notHeap
        case .builtin:
            guard text.builtinName(inst) == "allocRaw" else { return nil }
            let ops = function.operands(of: inst)
            guard let sizeOperand = ops.first else { return .unknown(.dynamicSize, "allocRaw without a size") }
            guard let n = largest(sizeOperand, at: index, in: function), n >= 0 else {
                return .unknown(.dynamicSize, "raw allocation whose byte count has no bound the code states")
            }
            return .bytes(n)
        default:
            return nil
        }
    }

    /// The largest value `value` can have where `inst` uses it: a constant, or the top of its range.
    private func largest(_ value: Int32, at index: Int32, in function: Function) -> Int? {
        if let c = constants.constant(value, in: function) { return c }
        return ranges?.upperBound(of: value, at: Int(function.block(containing: index)))
    }

    /// What a not-heap verdict would cost on the heap, where SIL shows it: an `alloc_ref
    /// [stack]`'s object (nil for anything else).
    func unpromotedSize(of index: Int32, in function: Function) -> Int? {
        guard function.instructions[Int(index)].opcode == .allocRef else { return nil }
        var unpromoted = self
        unpromoted.promotedObjects = nil
        if case .bytes(let n) = unpromoted.allocRefSize(index, function) { return n }
        return nil
    }

    private func allocRefSize(_ index: Int32, _ function: Function) -> AllocationSize {
        let inst = function.instructions[Int(index)]
        let fields = text.module.allocRefFields(of: inst, in: function)
        guard let spelling = fields.classType else { return .unknown(.unknownSize, "unreadable alloc_ref type") }
        let type = TypeExpressionParser.parse(spelling)
        guard let instance = layout.instanceSize(ofClass: type) else {
            let why = layout.missingLayout(ofClass: type).map { ": " + $0 } ?? ""
            return .unknown(.unknownSize, "no layout for class $\(spelling)\(why)")
        }
        var tails: [(TypeExpression, Int)] = []
        guard let groups = fields.tailElements else { return .unknown(.unknownSize, "unreadable tail_elems") }
        for group in groups {
            let elementType = TypeExpressionParser.parse(group.elementType)
            guard let countValue = group.count else { return .unknown(.unknownSize, "tail_elems without a count") }
            guard let count = largest(countValue, at: index, in: function), count >= 0 else {
                return .unknown(.dynamicSize, "tail-allocated \(elementType) storage whose element count has no bound the code states")
            }
            tails.append((elementType, count))
        }
        guard let total = layout.tailAllocatedSize(instance: instance.size, elements: tails.map { (type: $0.0, count: $0.1) }) else {
            return .unknown(.unknownSize, "no layout for the tail elements of $\(spelling)")
        }
        if fields.onStack, promotedObjects?.contains(inst.text.start) == true { return AllocationSize.notHeap }
        return .bytes(total)
    }

    /// IRGen's stack budget: it promotes an `alloc_ref [stack]` only while the function's
    /// estimated stack (every `alloc_stack` of a fixed size, plus the objects it promoted
    /// before) stays within the limit, visiting blocks in an order SIL does not fix.
    ///
    ///   %1 = alloc_stack $InlineArray<8, Int>      64 B of slots
    ///   %5 = alloc_ref [stack] $Temp1000           64 + 1000 > 1024: heap
    ///   %9 = alloc_ref [stack] $Temp600 (twice)    600 fits, the second 600 does not
    ///
    /// An object is trusted to the stack only if it fits with every other promotable object
    /// already promoted, whatever the order; an `alloc_stack` whose size is unknown leaves no
    /// object trusted. What is left is charged as heap: never less than IRGen allocates.
    func stackPromoted(in function: Function) -> Set<Int32> {
        var slotBytes = 0
        var candidates: [Candidate] = []
        for (index, inst) in function.instructions.enumerated() {
            switch inst.opcode {
            case .allocStack:
                let (_, remainder) = text.leadingAttributes(inst)
                guard let spelling = text.firstType(remainder), let l = layout.layout(of: spelling) else { return [] }
                slotBytes += l.size
            case .allocRef where text.module.allocRefFields(of: inst, in: function).onStack:
                if case .bytes(let n) = allocRefSize(Int32(index), function) {
                    candidates.append(Candidate(key: inst.text.start, index: index, block: function.block(containing: Int32(index)), bytes: n))
                }
            default:
                continue
            }
        }
        let room = stackPromotionLimit - slotBytes
        let fitting = candidates.filter { $0.bytes <= room }
        if fitting.reduce(0, { $0 + $1.bytes }) <= room { return Set(fitting.map(\.key)) }
        // Some order fills the budget: an object is safe only if it still fits after the
        // largest total of the others that IRGen could have promoted first. Within a block
        // IRGen goes in order, so an object later in the same block never comes first.
        guard fitting.count <= 64 else { return [] }
        var safe: Set<Int32> = []
        for object in fitting {
            let before = fitting.filter { $0.index != object.index && ($0.block != object.block || $0.index < object.index) }
            if Self.largestSubsetSum(before.map(\.bytes), atMost: room) + object.bytes <= room { safe.insert(object.key) }
        }
        return safe
    }

    private struct Candidate {
        var key: Int32
        var index: Int
        var block: Int32
        var bytes: Int
    }

    /// The largest sum of some of `sizes` that is at most `limit` (subset sum over bytes).
    static func largestSubsetSum(_ sizes: [Int], atMost limit: Int) -> Int {
        guard limit > 0 else { return 0 }
        var reachable = [Bool](repeating: false, count: limit + 1)
        reachable[0] = true
        for size in sizes where size <= limit {
            for total in stride(from: limit, through: size, by: -1) where reachable[total - size] { reachable[total] = true }
        }
        return reachable.lastIndex(of: true) ?? 0
    }

    private func partialApplySize(_ inst: Instruction, _ function: Function) -> AllocationSize {
        if text.module.isOnStack(inst) { return AllocationSize.notHeap }
        let captured = function.operands(of: inst).count - 1
        if captured <= 0 { return AllocationSize.notHeap }
        guard let typeText = text.trailingFunctionType(inst),
              let params = TypeExpressionParser.functionParameters(typeText), params.count >= captured else {
            return .unknown(.unknownSize, "cannot read the captured types of a closure")
        }
        let captures = Array(params.suffix(captured))
        guard let size = layout.closureContextSize(captures: captures) else {
            return .unknown(.unknownSize, "no layout for closure captures \(captures)")
        }
        return size == 0 ? AllocationSize.notHeap : .bytes(size)
    }
}
