// Fixture: string_compare — comparing strings, and comparing their bytes.
//
// `==`, `<`, `hasPrefix` and `hasSuffix` on String compare bytes when both strings are NFC (all
// ASCII strings are), and otherwise normalise both: the NFD normaliser keeps each run of
// combining marks in an array to sort them, so what it allocates follows the input, and no
// code bounds it. maxlive does not follow those paths and says so in one reason, naming the
// remedy. Comparing the UTF-8 bytes (`elementsEqual`, `starts(with:)`) allocates nothing; the
// stdlib's index checks on the way have a path for indices of bridged (foreign) strings,
// which Embedded Swift does not have (an assumption in the report).
// Every entry then makes and drops a [UInt8] of 200: 32 + 200 = 232.
// bytesEqual, bytesPrefix: 232.
// stringEqual: the strings here are ASCII (232 measured); maxlive cannot know that.
//
// expect: bytesEqual peak 232
// inputs: bytesEqual 0 1 2
// expect: bytesPrefix peak 232
// inputs: bytesPrefix 0 1 2
// expect: stringEqual peak 232
// maxlive: stringEqual unbounded (comparing strings that may not be ASCII normalises them through a buffer the input sizes)
// inputs: stringEqual 0 1 2

nonisolated(unsafe) var sink = 0
nonisolated(unsafe) var commands: [String] = ["init", "mount-root-filesystem", "sh"]

@inline(never) func commandName(_ n: Int) -> String {
    n == 0 ? "init" : (n == 1 ? "mount-root-filesystem" : "unknown-command")
}

@inline(never) func scratch(_ n: Int) -> Int {
    let buffer = [UInt8](repeating: 0, count: 200)
    return Int(buffer[n & 127])
}

@_semantics("maxlive.entry") public func bytesEqual(_ n: Int) {
    let name = commandName(n)
    for c in commands where c.utf8.elementsEqual(name.utf8) { sink &+= 1 }
    sink &+= scratch(n)
}

@_semantics("maxlive.entry") public func bytesPrefix(_ n: Int) {
    let name = commandName(n)
    if name.utf8.starts(with: "mount".utf8) { sink &+= 2 }
    sink &+= scratch(n)
}

@_semantics("maxlive.entry") public func stringEqual(_ n: Int) {
    let name = commandName(n)
    for c in commands where c == name { sink &+= 1 }
    sink &+= scratch(n)
}
