// Interns Swift source file names seen in `loc "file":line:col` suffixes.
//
// Each function is parsed with its own table (functions are parsed in parallel);
// the module parser merges them afterwards and renumbers locations.

struct FileNameTable {
    private(set) var names: [String] = []
    private var lookup: [String: Int32] = [:]
    private var lastRange: (start: Int, end: Int) = (0, 0)
    private var lastIndex: Int32 = -1

    /// Index of the file name spelled by `bytes[start..<end]` (without quotes).
    mutating func index(_ bytes: Bytes, _ start: Int, _ end: Int) -> Int32 {
        // Most locations in a function repeat the previous file: compare bytes first.
        if lastIndex >= 0, end - start == lastRange.end - lastRange.start {
            var same = true
            var i = 0
            while i < end - start {
                if bytes[start + i] != bytes[lastRange.start + i] { same = false; break }
                i += 1
            }
            if same { return lastIndex }
        }
        let name = bytes.string(start, end)
        let index: Int32
        if let existing = lookup[name] {
            index = existing
        } else {
            index = Int32(names.count)
            names.append(name)
            lookup[name] = index
        }
        lastRange = (start, end)
        lastIndex = index
        return index
    }

    mutating func index(_ name: String) -> Int32 {
        if let existing = lookup[name] { return existing }
        let index = Int32(names.count)
        names.append(name)
        lookup[name] = index
        return index
    }
}
