// Fixture: struct_keys — dictionaries and sets keyed by the program's own structs and enums.
// While a table grows, the stdlib moves every key into the new buckets and hashes it again, and
// an insertion compares keys: with a key of the program's own type, that runs the type's
// `hash(into:)` and `==` (their witnesses, or their bodies inlined into the stdlib's code). A key
// whose fields are plain values moves without running code; what its hashing and comparing cost
// is the witnesses' own cost, added on top of the table's while it grows.
//
// Layouts (SILFacts §4–§6): a table asked to hold c elements gets B = the smallest power of two
// >= max(ceil(4c/3), c + 1, 2) buckets, holding at most 3B/4 (SILFacts §5.6); bitmap = 8 B per
// 64 buckets:
//   _DictionaryStorage<Pin, Int> (Pin {UInt8, UInt8}: stride 2): 64 + 8 + 10B: B = 16: 232, B = 32: 392.
//   _SetStorage<IRQ> (IRQ: one UInt8 payload + tag, stride 2): 56 + 8 + 2B: B = 8: 80, B = 16: 96.
//   _DictionaryStorage<DevName, Int> (DevName {String}: 16): 64 + 8 + 24B: B = 4: 168, B = 8: 264.
//   _SetStorage<Tag> (Tag {Int}: 8): 56 + 8 + 8B: B = 8: 128, B = 16: 192.
//   Array<Int> storage: 32 + 8 × capacity; appends from empty take capacities 1, 2, 4.
//
// pinOwners: up to 16 distinct pins (n >= 13 passes 12, the capacity of 16 buckets): the resize
//   to B = 32 (392) while the 16-bucket table (232) is live: 624.
// irqs: `.timer` and up to 7 more distinct lines (n & 7 = 6 makes 7 elements, past the 6 of 8
//   buckets): B = 16 (96) while the B = 8 table (80) is live: 176.
// devices: DevName hashes and compares its string's UTF-8 bytes (no normalisation): 4 names
//   (n >= 4) resize to B = 8 (264) while the B = 4 table (168) is live: 432.
// tagged: Tag's hash(into:) builds a scratch array of id & 3 = 3 elements on every call, also
//   while the table rehashes into its new buckets. 8 tags: B = 16 (192) while B = 8 (128) is
//   live, and the scratch array regrowing from capacity 2 (48) to 4 (64): 320 + 112 = 432.
// nameKeyed: a struct key with a String field and the synthesized conformances: hashing and
//   comparing the string normalises it when it is not ASCII, through a buffer nothing bounds.
// collide: Probe's `==` compares two small arrays it builds, which the optimizer keeps on the
//   stack in the witness but puts on the heap where it inlines `==` into the set's insertion
//   (2 × 112 B while the probe runs, measured 544): a witness that makes objects on the stack
//   does not tell what the stdlib's copy of it allocates, so the set is unbounded.
//
// expect: pinOwners peak 624
// expect: irqs peak 176
// expect: devices peak 432
// expect: tagged peak 432
// expect: nameKeyed unbounded
// expect: collide unbounded
// inputs: pinOwners 0 1 5 12 13 16 40
// inputs: irqs 0 1 5 6 7 8 15
// inputs: devices 0 1 3 4 9
// inputs: tagged 0 1 7 8 20
// inputs: nameKeyed 0 1 3 4 9
// inputs: collide 0 1 5 9 16

struct Pin: Hashable {
    var port: UInt8
    var line: UInt8
}

enum IRQ: Hashable {
    case timer
    case uart(UInt8)
    case disk(UInt8)
    case net
}

struct DevName: Hashable {
    var raw: String
    static func == (a: DevName, b: DevName) -> Bool { a.raw.utf8.elementsEqual(b.raw.utf8) }
    func hash(into hasher: inout Hasher) {
        for byte in raw.utf8 { hasher.combine(byte) }
    }
}

struct Tag: Hashable {
    var id: Int
    static func == (a: Tag, b: Tag) -> Bool { a.id == b.id }
    func hash(into hasher: inout Hasher) {
        var parts: [Int] = []
        for i in 0..<(id & 3) { parts.append(i) }
        hasher.combine(parts.count)
        hasher.combine(id)
    }
}

struct Probe: Hashable {
    var a: Int
    func hash(into hasher: inout Hasher) { hasher.combine(0) }
    static func == (l: Probe, r: Probe) -> Bool {
        let x = [l.a, l.a, l.a, l.a, l.a, l.a, l.a, l.a, l.a, l.a]
        let y = [r.a, r.a, r.a, r.a, r.a, r.a, r.a, r.a, r.a, r.a]
        return x == y
    }
}

struct Name: Hashable {
    var text: String
    var unit: Int
}

@_semantics("maxlive.entry")
public func pinOwners(_ n: Int) -> Int {
    var owners: [Pin: Int] = [:]
    for i in 0..<min(max(n, 0), 16) {
        owners[Pin(port: UInt8(i & 3), line: UInt8(i))] = i
    }
    return owners.count
}

@_semantics("maxlive.entry")
public func irqs(_ n: Int) -> Int {
    var lines = Set<IRQ>()
    lines.insert(.timer)
    for i in 0..<(n & 7) {
        lines.insert(i & 1 == 0 ? .uart(UInt8(i)) : .disk(UInt8(i)))
    }
    return lines.count
}

@_semantics("maxlive.entry")
public func devices(_ n: Int) -> Int {
    var units: [DevName: Int] = [:]
    let names = ["uart0", "uart1", "disk0", "net0"]
    for i in 0..<min(max(n, 0), 4) { units[DevName(raw: names[i])] = i }
    return units.count
}

@_semantics("maxlive.entry")
public func tagged(_ n: Int) -> Int {
    var tags: Set<Tag> = []
    for i in 0..<min(max(n, 0), 8) { tags.insert(Tag(id: i * 4 + 3)) }
    return tags.count
}

@_semantics("maxlive.entry")
public func nameKeyed(_ n: Int) -> Int {
    var units: [Name: Int] = [:]
    for i in 0..<min(max(n, 0), 4) { units[Name(text: "dev", unit: i)] = i }
    return units.count
}

@_semantics("maxlive.entry")
public func collide(_ n: Int) -> Int {
    var probes = Set<Probe>()
    for i in 0..<min(max(n, 0), 16) { probes.insert(Probe(a: i)) }
    return probes.count
}
