// The support library's lookups and reservation arithmetic (built as ordinary Swift from the
// same files as the Embedded MaxliveSupport).

import MaxliveSupportHosted
import Testing

@Suite struct SupportTests {
    let table = MaxliveBoundsTable(entries: [
        MaxliveBound(name: "sys_read", kind: .entry, bytes: 0, number: 63),
        MaxliveBound(name: "sys_openat", kind: .entry, bytes: 104, number: 56),
        MaxliveBound(name: "handle(Int)", kind: .entry, bytes: 24),
        MaxliveBound(name: "handle(UInt8)", kind: .entry, bytes: 48),
        MaxliveBound(name: "killerMain", kind: .daemon, bytes: 16),
        MaxliveBound(name: "readi@Core/FS.swift:194", kind: .iteration, bytes: 40),
        MaxliveBound(name: "readi@Core/FS.swift:210", kind: .iteration, bytes: 72),
        MaxliveBound(name: "Inode.readi@Core/Other.swift:5", kind: .iteration, bytes: 8),
        MaxliveBound(name: "writei@Core/FS.swift:218", kind: .iteration, bytes: 96),
    ])

    @Test func byName() {
        #expect(table.bound(named: "sys_openat") == 104)
        #expect(table.bound(named: "sys_read") == 0)
        #expect(table.bound(named: "handle(UInt8)") == 48)
        #expect(table.bound(named: "sys_open") == nil)
        #expect(table.bound(named: "sys_openatx") == nil)
        // Kinds are separate name spaces.
        #expect(table.bound(named: "killerMain") == nil)
        #expect(table.bound(named: "killerMain", kind: .daemon) == 16)
    }

    @Test func bySyscallNumber() {
        #expect(table.bound(syscall: 56) == 104)
        #expect(table.bound(syscall: 63) == 0)
        #expect(table.bound(syscall: 57) == nil)
        // Entries without a number (-1) never match a negative request.
        #expect(table.bound(syscall: -1) == nil)
    }

    @Test func iterationBySite() {
        // The loop starting last at or before the reservation's line, in the same function and file.
        #expect(table.iterationBound(function: "readi(_:_:)", file: "Core/FS.swift", line: 200) == 40)
        #expect(table.iterationBound(function: "readi(_:_:)", file: "Core/FS.swift", line: 215) == 72)
        #expect(table.iterationBound(function: "readi(_:_:)", file: "Core/FS.swift", line: 190) == nil)
        // The type prefix of the entry's name is not part of the function name.
        #expect(table.iterationBound(function: "readi(_:)", file: "Core/Other.swift", line: 9) == 8)
        #expect(table.iterationBound(function: "writei(_:)", file: "Core/FS.swift", line: 300) == 96)
        #expect(table.iterationBound(function: "read(_:)", file: "Core/FS.swift", line: 300) == nil)
        #expect(table.iterationBound(function: "readi(_:)", file: "Core/FS.swif", line: 300) == nil)
    }

    @Test func malformedIterationNamesAreSkipped() {
        let t = MaxliveBoundsTable(entries: [
            MaxliveBound(name: "f@A.swift:", kind: .iteration, bytes: 1),
            MaxliveBound(name: "f@A.swift:1x", kind: .iteration, bytes: 2),
            MaxliveBound(name: "fA.swift:3", kind: .iteration, bytes: 3),
            MaxliveBound(name: "f@A.swift:4", kind: .iteration, bytes: 4),
        ])
        #expect(t.iterationBound(function: "f()", file: "A.swift", line: 10) == 4)
    }

    @Test func reservationArithmetic() {
        var r = MaxliveReservation(reserving: 100)
        #expect(r.unused == 100)
        #expect(r.charge(40) == -40)
        #expect(r.charge(70) == -60)          // overdrawn by 10: unused stops at zero
        #expect(r.isOverdrawn)
        #expect(r.peak == 110)
        #expect(r.credit(30) == 20)
        #expect(r.unused == 20 && !r.isOverdrawn)
        #expect(r.extend(by: 50) == 50)
        #expect(r.reserved == 150 && r.charged == 80 && r.unused == 70 && r.peak == 110)
    }
}
