// Fixture: handler_tables — function values kept in globals (a driver registers its interrupt
// and timer handlers at boot; calls go through a load of the global). In a closed Embedded
// module the targets are the functions ever stored there, and the static initializer's.
//
//   Packet {a, b: Int}            16 + 16 = 32
// boot(n):      stores netIRQ or diskIRQ into irqHandler, a closure into timerHandler: 0.
// interrupt(n): irqHandler(n): the initial closure (nothing), netIRQ (keeps a Packet: 32) or
//               diskIRQ (nothing): 32.
// tick(n):      timerHandler?(): the closure keeps a Packet: 32.
//
// SIL (-Osize): `%4 = load (begin_access (global_addr @irqHandler)); apply %4(%0)`; the
// Optional handler is loaded, `switch_enum`-ed, and its payload applied. boot stores a phi of
// two thin_to_thick_function values, and an `enum $Optional, #some` of a closure.
// The driver calls boot first, so the handlers are installed when interrupt and tick run.
//
// expect: boot peak 0
// expect: interrupt peak 32
// expect: tick peak 32
// inputs: boot 0 1
// inputs: interrupt 0 1
// inputs: tick 0

public final class Packet { var a = 0; var b = 0 }
nonisolated(unsafe) var kept: Packet? = nil
nonisolated(unsafe) var timerHandler: (() -> Void)? = nil
nonisolated(unsafe) var irqHandler: (Int) -> Int = { $0 }

@inline(never) func netIRQ(_ n: Int) -> Int { kept = Packet(); return n }
@inline(never) func diskIRQ(_ n: Int) -> Int { n &+ 1 }

@_semantics("maxlive.entry")
public func boot(_ n: Int) {
    irqHandler = n > 0 ? netIRQ : diskIRQ
    timerHandler = { kept = Packet() }
}

@_semantics("maxlive.entry")
public func interrupt(_ n: Int) -> Int { irqHandler(n) }

@_semantics("maxlive.entry")
public func tick(_ n: Int) { timerHandler?() }

public func fixtureReset() { kept = nil }
