// Line boundaries of the input, computed once; every other pass addresses lines by
// number and bytes by offset.

struct LineTable {
    /// Start offset of each line; one extra entry holds the end of the text.
    let starts: [Int32]

    init(_ bytes: Bytes) {
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count / 40 + 16)
        starts.append(0)
        var i = 0
        let n = bytes.count
        while i < n {
            if bytes[i] == ASCII.newline { starts.append(Int32(i + 1)) }
            i += 1
        }
        if starts.last! != Int32(n) { starts.append(Int32(n)) }
        self.starts = starts
    }

    var count: Int { starts.count - 1 }

    /// Byte range of line `index` (0-based) without its newline (and a trailing CR).
    @inline(__always)
    func range(_ index: Int, in bytes: Bytes) -> (start: Int, end: Int) {
        let s = Int(starts[index])
        var e = Int(starts[index + 1])
        if e > s, e - 1 < bytes.count, bytes[e - 1] == ASCII.newline { e -= 1 }
        if e > s, bytes[e - 1] == ASCII.carriageReturn { e -= 1 }
        return (s, e)
    }

    /// 0-based line containing byte `offset`.
    func line(containing offset: Int) -> Int {
        var lo = 0, hi = count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if Int(starts[mid]) <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}
