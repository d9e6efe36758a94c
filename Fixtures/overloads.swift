// Fixture: overloads — entries that share a Swift name get one name each (their parameter
// types), so a table looked up by name reserves each overload's own bound.
//
//   Box {a: Int}   16 + 8 = 24
// handle(Int):   one Box kept in a global: 24.
// handle(UInt8): a Box kept, then another replacing it (both live at the store): 48.
//
// SIL (-Osize): two functions whose demangled names are both `handle(_:)`; their types are
// `(Int) -> ()` and `(UInt8) -> ()`.
//
// expect: handle(Int) peak 24
// expect: handle(UInt8) peak 48
// inputs: handle(Int) 0 7
// inputs: handle(UInt8) 0 7

public final class Box { var a: Int = 0 }
nonisolated(unsafe) var kept: Box? = nil

@_semantics("maxlive.entry")
public func handle(_ x: Int) { kept = Box() }

@_semantics("maxlive.entry")
public func handle(_ x: UInt8) {
    kept = Box()
    kept = Box()
}

public func fixtureReset() { kept = nil }
