// How many frames deep a recursion cycle can be, from its `maxlive.recursion_depth` markers.
//
// A marker is a promise about the function that calls it: `maxliveRecursionDepth(d)` in `f`
// means `f` is on the stack at most `d` times at once. In a cycle of several functions the
// whole stack of the cycle is then bounded by what the markers pin down together:
//
//   even ─▶ odd ─▶ even …     both marked 3         at most 3 + 3 = 6 frames
//   ping ─▶ pong ─▶ ping …    ping marked 2, pong   pings ≤ 2; pongs only between, before or
//                              unmarked              after them: ≤ 2 + (2 + 1) × 1 = 5 frames
//
// In general, with S the sum of the marked functions' depths and L the longest chain of
// unmarked functions calling each other without passing a marked one, a stack holds at most
// S marked frames and, around them, at most S + 1 such chains: S + (S + 1) × L frames. If the
// unmarked functions call each other in a cycle of their own, nothing bounds that cycle.

struct RecursionDepth {
    enum Outcome {
        /// The cycle is at most this many frames deep.
        case frames(Int)
        /// These unmarked functions recurse among themselves with no marker on the way.
        case unmarkedCycle([String])
    }

    /// `component`: the cycle's functions; `depths`: each marked function's depth;
    /// `callees`: the calls each function makes (only calls inside the component matter).
    static func frames(component: [String], depths: [String: Int], callees: (String) -> [String]) -> Outcome {
        let members = Set(component)
        let unmarked = component.filter { depths[$0] == nil }
        let unmarkedSet = Set(unmarked)
        // Longest chain (in functions) through unmarked functions only, by depth-first search.
        var longest: [String: Int] = [:]
        var onPath: Set<String> = []
        var cycle: [String]? = nil
        func chain(from f: String) -> Int {
            if let known = longest[f] { return known }
            if onPath.contains(f) { cycle = cycle ?? Array(onPath).sorted(); return 0 }
            onPath.insert(f)
            var best = 0
            for g in callees(f) where members.contains(g) && unmarkedSet.contains(g) {
                best = max(best, chain(from: g))
            }
            onPath.remove(f)
            longest[f] = best + 1
            return best + 1
        }
        var chainLength = 0
        for f in unmarked { chainLength = max(chainLength, chain(from: f)) }
        if let cycle { return .unmarkedCycle(cycle) }
        let marked = depths.filter { members.contains($0.key) }.values.reduce(0) { $0 &+ max(0, $1) }
        let (extra, overflow) = (marked &+ 1).multipliedReportingOverflow(by: chainLength)
        return .frames(overflow ? Int.max : marked &+ extra)
    }
}
