// The SIL layer's typed view of instructions, on hand-written SIL: what each accessor reads,
// and what it gives for an instruction that does not have the field.

import SILModel
@testable import SILParser
import Testing

private let sample = """
sil_stage canonical

sil @f : $@convention(thin) (Int, @owned Node) -> () {
bb0(%0 : $Int, %1 : $Node):
  %2 = integer_literal $Builtin.Int64, 42
  %3 = alloc_ref [stack] [tail_elems $Int * %2 : $Builtin.Word] $_ContiguousArrayStorage<Int>
  %4 = function_ref @$e4main6helperyyF : $@convention(thin) (Int) -> @owned Node
  %5 = apply %4(%0) : $@convention(thin) (Int) -> @owned Node
  %6 = builtin "int_memcpy_RawPointer_RawPointer_Int64"(%2 : $Builtin.Int64) : $()
  %7 = ref_element_addr %1 : $Node, #Node.next
  %8 = upcast %5 : $Node to $Base
  %9 = struct $Wrapper (%8 : $Base)
  strong_retain %5 : $Node
  %11 = alloc_stack $Int
  store %0 to [assign] %11 : $*Int
  copy_addr [take] %11 to [init] %11 : $*Int
  %14 = partial_apply [callee_guaranteed] [on_stack] %4(%0) : $@convention(thin) (Int) -> @owned Node
  dealloc_stack %11 : $*Int
  %16 = tuple ()
  return %16
} // end sil function 'f'

"""

private func parsed() throws -> (Module, Function) {
    let module = try SILParser.parse(SourceText(path: "fields.sil", bytes: Array(sample.utf8)))
    return (module, try #require(module.function(named: "f")))
}

/// The `k`-th instruction of the body (0: `%2 = integer_literal`).
private func instruction(_ f: Function, at k: Int) -> Instruction { f.instructions[k] }

@Suite("SIL layer: typed instruction fields")
struct InstructionFieldTests {
    @Test("Names: a function_ref's callee, a builtin's name, a literal, a projection's field; nil where an instruction has none")
    func names() throws {
        let (m, f) = try parsed()
        #expect(m.integerLiteral(of: instruction(f, at: 0)) == 42)
        #expect(m.referencedFunction(of: instruction(f, at: 2)) == "$e4main6helperyyF")
        #expect(m.builtinName(of: instruction(f, at: 4)) == "int_memcpy_RawPointer_RawPointer_Int64")
        #expect(m.field(of: instruction(f, at: 5)) == "Node.next")
        #expect(m.referencedFunction(of: instruction(f, at: 0)) == nil)
        #expect(m.builtinName(of: instruction(f, at: 2)) == nil)
        #expect(m.field(of: instruction(f, at: 2)) == nil)
    }

    @Test("Types: a call's function type, the last one of an apply, the first type of an alloc_stack")
    func types() throws {
        let (m, f) = try parsed()
        #expect(m.trailingFunctionType(of: instruction(f, at: 3)) == "@convention(thin) (Int) -> @owned Node")
        #expect(m.lastFunctionType(of: instruction(f, at: 3)) == "@convention(thin) (Int) -> @owned Node")
        #expect(m.firstType(in: m.leadingAttributes(of: instruction(f, at: 9)).remainder) == "Int")
    }

    @Test("alloc_ref: [stack], one tail group with its count operand and element type, the class")
    func allocRef() throws {
        let (m, f) = try parsed()
        let fields = m.allocRefFields(of: instruction(f, at: 1), in: f)
        #expect(fields.onStack)
        #expect(fields.classType == "_ContiguousArrayStorage<Int>")
        let tails = try #require(fields.tailElements)
        #expect(tails.count == 1)
        #expect(tails.first?.elementType == "$Int")
        #expect(tails.first?.count == f.results(of: instruction(f, at: 0)).first)
    }

    @Test("Stores and copies: [assign] and a copy without [init] destroy the old value; [init] does not")
    func overwrites() throws {
        let (m, f) = try parsed()
        #expect(m.overwritesValue(instruction(f, at: 10)))
        #expect(!m.overwritesValue(instruction(f, at: 11)))
        #expect(!m.overwritesValue(instruction(f, at: 0)))
        #expect(m.isOnStack(instruction(f, at: 12)))
        #expect(!m.isOnStack(instruction(f, at: 3)))
    }

    @Test("Forwarding: upcast forwards the reference; a one-field struct forwards the storage, not the reference; a call neither")
    func forwarding() throws {
        let (_, f) = try parsed()
        #expect(instruction(f, at: 6).opcode.forwardsReference)
        #expect(f.forwardsStorage(instruction(f, at: 6)))
        #expect(!instruction(f, at: 7).opcode.forwardsReference)
        #expect(f.forwardsStorage(instruction(f, at: 7)))
        #expect(!f.forwardsStorage(instruction(f, at: 3)))
    }

    @Test("Opcodes the enum does not name: strong_retain is typed; a known opcode is not an OtherOpcode")
    func otherOpcodes() throws {
        let (m, f) = try parsed()
        let retain = instruction(f, at: 8)
        #expect(retain.opcode == .other)
        #expect(m.otherOpcode(of: retain) == .strongRetain)
        #expect(m.opcodeSpelling(of: retain) == "strong_retain")
        #expect(m.otherOpcode(of: instruction(f, at: 3)) == nil)
        #expect(m.opcodeSpelling(of: instruction(f, at: 3)) == "apply")
    }
}

private let staticObjects = """
sil_stage canonical

sil_global private [let] @ports : $_ContiguousArrayStorage<UInt16> = {
  %0 = integer_literal $Builtin.Int64, 3
  %1 = struct $Int (%0)
  %2 = integer_literal $Builtin.Int64, 6
  %3 = struct $UInt (%2)
  %4 = struct $_SwiftArrayBodyStorage (%1, %3)
  %5 = struct $_ArrayBody (%4)
  %6 = integer_literal $Builtin.Int16, 22
  %7 = struct $UInt16 (%6)
  %initval = object $_ContiguousArrayStorage<UInt16> (%5, [tail_elems] %7, %7, %7)
}

sil_global private [let] @empty : $_ContiguousArrayStorage<Int> = {
  %0 = integer_literal $Builtin.Int64, 0
  %initval = object $_ContiguousArrayStorage<Int> (%0)
}

sil_global @plain : $Int

"""

@Suite("SIL layer: statically initialized objects")
struct StaticObjectTests {
    @Test("A literal's count is its object's tail elements; none for an object without them or a global without an initializer")
    func tailElements() throws {
        let m = try SILParser.parse(SourceText(path: "objects.sil", bytes: Array(staticObjects.utf8)))
        #expect(m.staticTailElementCount(ofGlobal: "ports") == 3)
        #expect(m.staticTailElementCount(ofGlobal: "empty") == nil)
        #expect(m.staticTailElementCount(ofGlobal: "plain") == nil)
        #expect(m.staticTailElementCount(ofGlobal: "missing") == nil)
    }
}
