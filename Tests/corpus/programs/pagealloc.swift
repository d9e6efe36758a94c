// Buddy-style physical page allocator: per-order free lists of page frame numbers, split on
// allocation and coalesce on free. Orders 0...5 over a 64-page zone.

let maxOrder = 5
let zonePages = 64

final class Zone {
    var freeLists: [[Int]]
    var allocated: [Int: Int] = [:]   // pfn -> order
    init() {
        freeLists = Array(repeating: [], count: maxOrder + 1)
        freeLists[maxOrder] = [0, 32]
    }

    func alloc(order: Int) -> Int? {
        guard order >= 0 && order <= maxOrder else { return nil }
        var o = order
        while o <= maxOrder && freeLists[o].isEmpty { o += 1 }
        if o > maxOrder { return nil }
        let pfn = freeLists[o].removeLast()
        while o > order {
            o -= 1
            freeLists[o].append(pfn + (1 << o))   // the upper buddy goes back
        }
        allocated[pfn] = order
        return pfn
    }

    func free(_ pfn: Int) {
        guard var order = allocated.removeValue(forKey: pfn) else { return }
        var p = pfn
        while order < maxOrder {
            let buddy = p ^ (1 << order)
            guard let idx = freeLists[order].firstIndex(of: buddy) else { break }
            freeLists[order].remove(at: idx)
            p = min(p, buddy)
            order += 1
        }
        freeLists[order].append(p)
    }
}

nonisolated(unsafe) var zone: Zone? = nil
func theZone() -> Zone {
    if let z = zone { return z }
    let z = Zone(); zone = z; return z
}

@_semantics("maxlive.entry")
public func allocPages(_ n: Int) -> Int {
    return theZone().alloc(order: n % (maxOrder + 1)) ?? -12
}

@_semantics("maxlive.entry")
public func allocFreeCycle(_ n: Int) -> Int {
    let z = theZone()
    var got: [Int] = []
    for _ in 0..<min(n, zonePages) {
        guard let p = z.alloc(order: 0) else { break }
        got.append(p)
    }
    for p in got.reversed() { z.free(p) }
    return got.count
}

@_semantics("maxlive.entry")
public func freeCount(_ n: Int) -> Int {
    let z = theZone()
    _ = z.alloc(order: n & 3)
    var pages = 0
    for (order, list) in z.freeLists.enumerated() { pages += list.count << order }
    return pages
}

@_semantics("maxlive.entry")
public func fragmentZone(_ n: Int) -> Int {
    // allocate single pages and free every other one: leaves the zone fragmented
    let z = theZone()
    var pfns: [Int] = []
    for _ in 0..<(n & 63) {
        if let p = z.alloc(order: 0) { pfns.append(p) }
    }
    for (i, p) in pfns.enumerated() where i % 2 == 0 { z.free(p) }
    return z.freeLists[0].count
}

public func fixtureReset() { zone = nil }

// inputs: allocPages 0 1 2 3 4 5
// inputs: allocFreeCycle 0 1 2 8 33 64 100
// inputs: freeCount 0 1 2 3
// inputs: fragmentZone 0 1 10 31 63
