// Fixture: loop_shapes — loops whose trip count the code states without a marker: a stride,
// a counting-down `while`, a closed range with a clamped end, and a loop left early.
//
//   Node {a: Int}                       16 + 8 = 24;  [Node] storage 32 + 8 × capacity
// strideLoop:  stride(from: 0, to: 32, by: 4): 8 Nodes. Peak at the fifth append: five Nodes
//   (120), the 4-element buffer (64) and the 8-element one (96): 280; at the end 8 × 24 + 96 = 288.
// downWhile:   k = 10; while k > 0 { …; k -= 1 }: 10 Nodes. Peak at the ninth append: nine
//   Nodes (216), the 8-element buffer (96) and the 16-element one (160): 472.
// closedRange: 1...min(n, 9): at most 9 Nodes; at the end 9 × 24 = 216 and the 16-element
//   buffer (160), while the 8-element one (96) is still live: 472.
// earlyBreak:  0..<20, leaving when i == n: at most 20 Nodes. Peak at the seventeenth append:
//   17 × 24 = 408, the 16-element buffer (160) and the 32-element one (32 + 256 = 288): 856.
//
// SIL (-Osize): stride's next value is a block argument (the sum, or Int.max on overflow);
// the while loop counts down with ssub_with_overflow and tests `0 < next`.
//
// expect: strideLoop peak 288
// expect: downWhile peak 472
// expect: closedRange peak 472
// expect: earlyBreak peak 856
// maxlive: strideLoop bound 352 (the array model keeps the buffer a regrow replaced on top of the last one)
// maxlive: downWhile bound 496 (the same)
// maxlive: earlyBreak bound 928 (the same)
// inputs: strideLoop 0
// inputs: downWhile 0
// inputs: closedRange 1 5 9 20
// inputs: earlyBreak 0 5 19 20 100

public final class Node { var a = 0 }

@_semantics("maxlive.entry")
public func strideLoop(_ n: Int) -> Int {
    var local: [Node] = []
    for _ in stride(from: 0, to: 32, by: 4) { local.append(Node()) }
    return local.count
}

@_semantics("maxlive.entry")
public func downWhile(_ n: Int) -> Int {
    var local: [Node] = []
    var k = 10
    while k > 0 { local.append(Node()); k -= 1 }
    return local.count
}

@_semantics("maxlive.entry")
public func closedRange(_ n: Int) -> Int {
    var local: [Node] = []
    for _ in 1...min(n, 9) { local.append(Node()) }
    return local.count
}

@_semantics("maxlive.entry")
public func earlyBreak(_ n: Int) -> Int {
    var local: [Node] = []
    for i in 0..<20 {
        if i == n { break }
        local.append(Node())
    }
    return local.count
}
