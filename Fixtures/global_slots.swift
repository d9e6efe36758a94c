// Fixture: global_slots — when assigning a global frees what it held, and when it cannot.
//
// Node {Node?, Int} = 16 + 8 + 8 = 32 B. A global assigned in a loop holds one Node at a
// time; while a new Node is made, the old one is still in the slot: 2 x 32 = 64. maxlive
// credits this only for a plain slot (Sources/Analysis/GlobalSlots.swift); otherwise every
// Node the loop makes counts as kept for good.
//
// slotConditional: n <= 5 iterations, every other one assigns gSlot: one Node at a time plus
//   the new one: 64 (the previous iteration's Node is released by the next assignment).
// slotCycle: n <= 4 iterations, each Node is made to point to itself (gSlot!.next = gSlot), so
//   the assignment that drops it from the slot does not free it: a leak, 4 x 32 = 128 live.
//   maxlive must not credit it: the slot's value is stored into an object, so gSlot is not plain.
// slotStash: n <= 4 iterations; a callee copies gSlot into gKeep, so the slot is not plain
//   and each Node counts as kept: bound 4 x 32 = 128. Measured: gKeep holds the previous
//   Node while the new one is made and gSlot assigned: 64.
//
// expect: slotConditional peak 64
// expect: slotCycle peak 128
// expect: slotStash peak 64
// maxlive: slotStash bound 128 (a callee reads the slot, so it is not a plain slot: every Node counts as kept)
// inputs: slotConditional 0 1 2 3 5
// inputs: slotCycle 0 1 4
// inputs: slotStash 0 1 2 4

public final class Node {
    var next: Node?
    var value: Int
    init(_ next: Node?, _ value: Int) { self.next = next; self.value = value }
}

nonisolated(unsafe) var gSlot: Node? = nil
nonisolated(unsafe) var gKeep: Node? = nil

@_semantics("maxlive.entry")
public func slotConditional(_ n: Int) {
    for i in 0..<n {
        maxliveLoopBound(5)
        if i % 2 == 0 { gSlot = Node(nil, i) }
    }
}

@_semantics("maxlive.entry")
public func slotCycle(_ n: Int) {
    for i in 0..<n {
        maxliveLoopBound(4)
        gSlot = Node(nil, i)
        gSlot!.next = gSlot
    }
}

@inline(never)
func stash() { gKeep = gSlot }

@_semantics("maxlive.entry")
public func slotStash(_ n: Int) {
    for i in 0..<n {
        maxliveLoopBound(4)
        gSlot = Node(nil, i)
        stash()
    }
}

public func fixtureReset() {
    gSlot?.next = nil
    gSlot = nil
    gKeep = nil
}
