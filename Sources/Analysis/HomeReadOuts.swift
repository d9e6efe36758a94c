// What is read out of a home (an array's element, a holder's field) that keeps objects for
// the function: the object read out must go nowhere, nor anything read from it, not even back
// into the home, and not outlive its loop's pass. Then at most one object read by the load is
// live at a time, and the home's count of objects plus that one bounds them.

import SILModel

/// Where a function keeps objects beyond their own pass without keeping them for good: the
/// elements of a capped local array (by growth web), or a field of a local holder (by index
/// into `HolderFieldOwners.fields`).
enum ObjectHome: Hashable {
    case elements(Int)
    case field(Int)
}

struct HomeReadOuts {
    let function: Function
    let cfg: ControlFlowGraph
    let loops: LoopForest
    let flow: ValueFlow
    /// Whether a count is taken on something read, and never given back (FunctionAnalyzer).
    let keepsCountOnRead: (FlowResult) -> Bool

    /// nil when what `load` reads may be kept elsewhere; otherwise whether it may still be live
    /// when one of `stores` runs (`let old = out.removeFirst(); out.append(x); use(old)`, or
    /// `out[i] = x` and `holder.field = x`, which release the old object after storing the new
    /// one): then it may be one more object beside a full home. Dead before any store, it is
    /// one of the home's count (a removed element leaves room for it).
    func liveAtStore(_ load: Int32, stores: Set<Int32>, elementHomes: Set<Int32> = [], fieldHomes: Set<Int32> = []) -> Bool? {
        var liveAtStore = false
        for r in function.results(of: function.instructions[Int(load)]) {
            // What the object holds (a child object it made) is followed too: read back out of
            // it and kept elsewhere, it outlives the object the home counts.
            let read = flow.flow(from: r, followContents: true, elementHomes: elementHomes, fieldHomes: fieldHomes)
            // Stored back into the home (itself, or what it holds inside a new object: a chain
            // of children from one to the next), it may outlive the object it left.
            guard read.escape == .none, read.elementStores.isEmpty, !keepsCountOnRead(read) else { return nil }
            let block = Int(function.block(containing: load))
            for l in loops.nest(of: block) {
                let header = Set(function.arguments(of: function.blocks[loops.loops[l].header]))
                if read.values.contains(where: header.contains) { return nil }
            }
            if let l = loops.innermost[block],
               read.users.contains(where: { !loops.loops[l].blocks.contains(Int(function.block(containing: $0))) }) {
                return nil
            }
            if read.users.contains(where: { function.mayRun(between: load, and: $0, cfg: cfg, includingTo: true, where: stores.contains) }) {
                liveAtStore = true
            }
        }
        return liveAtStore
    }
}
