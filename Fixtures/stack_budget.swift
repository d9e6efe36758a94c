// Fixture: stack_budget — IRGen promotes `alloc_ref [stack]` only within the function's
// 1024-byte stack budget: alloc_stack bytes first, then each promoted object in order.
//
//   Temp600 {InlineArray<73, Int>}   16 + 73*8  = 600
//   Temp1000 {InlineArray<123, Int>} 16 + 123*8 = 1000
//   Temp32  {Int, Int}               16 + 16    = 32
// budgetTwo:   two local Temp600s: the first fits (600), the second does not (1200 > 1024): 600.
// budgetLocal: a 64-byte local InlineArray in a stack slot and a Temp1000: 64 + 1000 > 1024: 1000.
// budgetSmall: two Temp32s: 64 <= 1024, both promoted: 0.
//
// SIL (-Osize): every object is `alloc_ref [stack]`; budgetLocal has one 64-byte alloc_stack
// (`InlineArray<8, Int>`, passed by address). Only IRGen's running budget decides: the SIL looks
// the same for budgetSmall and budgetTwo. Both Temp600s sit in one block, so IRGen meets them
// in order: the first is promoted, the second no longer fits.
//
// expect: budgetTwo peak 600
// expect: budgetLocal peak 1000
// expect: budgetSmall peak 0
// inputs: budgetTwo 0 3
// inputs: budgetLocal 0 3
// inputs: budgetSmall 0 3

public final class Temp600 {
    var items: InlineArray<73, Int>
    init(_ n: Int) { items = InlineArray(repeating: n) }
}
public final class Temp1000 {
    var items: InlineArray<123, Int>
    init(_ n: Int) { items = InlineArray(repeating: n) }
}
public final class Temp32 {
    var a: Int, b: Int
    init(_ n: Int) { a = n; b = n }
}

@inline(never) func use600(_ t: Temp600) -> Int { t.items[0] &+ t.items[72] }
@inline(never) func use1000(_ t: Temp1000) -> Int { t.items[0] &+ t.items[122] }
@inline(never) func use32(_ t: Temp32) -> Int { t.a &+ t.b }
@inline(never) func useLocal(_ p: UnsafeMutablePointer<InlineArray<8, Int>>) -> Int { p.pointee[0] &+ p.pointee[7] }

@_semantics("maxlive.entry")
public func budgetTwo(_ n: Int) -> Int {
    let a = Temp600(n)
    let b = Temp600(n &+ 1)
    return use600(a) &+ use600(b)
}

@_semantics("maxlive.entry")
public func budgetLocal(_ n: Int) -> Int {
    var local = InlineArray<8, Int>(repeating: n)
    let r = useLocal(&local)
    return r &+ use1000(Temp1000(n))
}

@_semantics("maxlive.entry")
public func budgetSmall(_ n: Int) -> Int {
    let a = Temp32(n)
    let b = Temp32(n &+ 1)
    return use32(a) &+ use32(b)
}
