// Substring search over UTF-8 bytes. Foundation's `contains` (locale-aware, through NSString)
// was the largest single cost of analysing a large module when called per finding and per
// call site; names and messages here are plain ASCII-compatible UTF-8.

extension String {
    func containsBytes(_ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return true }
        let search = { (h: UnsafeBufferPointer<UInt8>) -> Bool in
            guard h.count >= n.count else { return false }
            var i = 0
            let last = h.count - n.count
            while i <= last {
                if h[i] == first {
                    var k = 1
                    while k < n.count && h[i + k] == n[k] { k += 1 }
                    if k == n.count { return true }
                }
                i += 1
            }
            return false
        }
        if let r = utf8.withContiguousStorageIfAvailable(search) { return r }
        return Array(utf8).withUnsafeBufferPointer(search)
    }
}
