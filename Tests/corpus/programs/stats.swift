// Latency statistics: per-syscall histograms with 16 log2 buckets kept in a dictionary
// keyed by syscall number (UInt16), percentiles from the sorted sample window.

final class Histogram {
    var buckets = [Int](repeating: 0, count: 16)
    var window: [UInt32] = []   // last 64 samples
    func record(_ ns: UInt32) {
        let b = min(15, 32 - ns.leadingZeroBitCount)
        buckets[b] += 1
        if window.count == 64 { window.remove(at: 0) }
        window.append(ns)
    }
}

nonisolated(unsafe) var histos: [UInt16: Histogram] = [:]

func histo(_ sc: UInt16) -> Histogram? {
    if let h = histos[sc] { return h }
    guard histos.count < 12 else { return nil }
    let h = Histogram()
    histos[sc] = h
    return h
}

@_semantics("maxlive.entry")
public func recordLatency(_ n: Int) -> Int {
    guard let h = histo(UInt16(n & 0x1ff)) else { return -1 }
    h.record(UInt32(truncatingIfNeeded: n &* 977))
    return h.window.count
}

@_semantics("maxlive.entry")
public func percentile(_ n: Int) -> Int {
    guard let h = histo(1) else { return -1 }
    for i in 0..<min(n, 80) { h.record(UInt32(i &* 7919 % 10007)) }
    let sorted = h.window.sorted()
    guard !sorted.isEmpty else { return 0 }
    return Int(sorted[sorted.count * 99 / 100])
}

@_semantics("maxlive.entry")
public func histoText(_ n: Int) -> Int {
    guard let h = histo(2) else { return -1 }
    for i in 0..<(n & 31) { h.record(UInt32(1 << (i % 16))) }
    var text = ""
    for (i, c) in h.buckets.enumerated() where c > 0 {
        text += "\(1 << i)ns: " + String(repeating: "#", count: min(c, 20)) + "\n"
    }
    return text.utf8.count
}

@_semantics("maxlive.entry")
public func topSyscalls(_ n: Int) -> Int {
    for sc in 0..<(n & 15) { _ = recordLatency(sc) }
    let ranked = histos.map { ($0.key, $0.value.buckets.reduce(0, +)) }.sorted { $0.1 > $1.1 }
    return ranked.prefix(3).map { Int($0.0) }.reduce(0, +)
}

public func fixtureReset() { histos = [:] }

// inputs: recordLatency 0 1 511 100000
// inputs: percentile 0 1 64 65 80 200
// inputs: histoText 0 1 16 31
// inputs: topSyscalls 0 1 12 15
