// Programs of several modules on the command line (`--dependency NAME=PATH`): each module is
// compiled after the ones it imports, every module's entries are reported, and a class
// declared in one module is laid out where another allocates it.

import Foundation
import Testing
import TestSupport

@Suite("Several modules on the command line", .serialized)
struct ModuleDependencyTests {
    /// `Lib` declares Box (16 + 3 × 8 = 40 B) and an entry of its own; `App` imports it.
    func workspace() throws -> String {
        let dir = SILTestSupport.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir + "/Lib", withIntermediateDirectories: true)
        try """
        public final class Box {
            var a = 0, b = 0, c = 0
            public init() {}
        }
        nonisolated(unsafe) public var kept: Box? = nil
        @_semantics("maxlive.entry") public func libEntry() { kept = Box() }
        public func makeBox() -> Box { Box() }
        """.write(toFile: dir + "/Lib/Lib.swift", atomically: true, encoding: .utf8)
        try """
        import Lib
        nonisolated(unsafe) var mine: [Box] = []
        @_semantics("maxlive.entry") public func appEntry() { kept = makeBox(); kept = makeBox() }
        """.write(toFile: dir + "/App.swift", atomically: true, encoding: .utf8)
        return dir
    }

    @Test("Entries of both modules, with the imported class's layout")
    func bothModules() throws {
        let dir = try workspace()
        let r = try Tool.run(["analyze", "--embedded", "--module", "App", "--dependency", "Lib=Lib", "--format", "json", "App.swift"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let entries = (report["entries"] as? [[String: Any]]) ?? []
        let bounds = Dictionary(uniqueKeysWithValues: entries.compactMap { e in (e["name"] as? String).map { ($0, e["bound"] as? Int ?? -1) } })
        // appEntry: the second Box is made while the first is still kept, then the first is released.
        #expect(bounds == ["libEntry": 40, "appEntry": 80], "\(entries)")
        // The IR check covered both modules and agreed with the sizes.
        let check = (report["stats"] as? [String: Any])?["compilerCheck"] as? [String: Any]
        #expect(check?["mismatches"] as? Int == 0, "\(report["stats"] ?? "")")
    }

    @Test("Without the dependency the import fails as the compiler says; a bad spec is a usage error")
    func errors() throws {
        let dir = try workspace()
        let missing = try Tool.run(["analyze", "--embedded", "--module", "App", "App.swift"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no such module 'Lib'"), "\(missing.stderr)")
        let bad = try Tool.run(["analyze", "--embedded", "--dependency", "Lib", "App.swift"], in: dir)
        #expect(bad.status != 0 && bad.status != 2)
        #expect(bad.stderr.contains("expected NAME=PATH for --dependency"), "\(bad.stderr)")
        let withSIL = try Tool.run(["analyze", "--sil", "x.sil", "--dependency", "Lib=Lib"], in: dir)
        #expect(withSIL.stderr.contains("--dependency compiles modules from sources"), "\(withSIL.stderr)")
    }

    @Test("Two modules with an entry of the same name: analyze qualifies and warns, table refuses")
    func sharedEntryName() throws {
        let dir = try workspace()
        try "@_semantics(\"maxlive.entry\") public func libEntry() {}\n".write(toFile: dir + "/Other.swift", atomically: true, encoding: .utf8)
        let a = try Tool.run(["analyze", "--embedded", "--module", "Other", "--dependency", "Lib=Lib", "--format", "json", "Other.swift"], in: dir)
        #expect(a.status == 0)
        #expect(a.stderr.contains("warning: Lib and Other each define an entry named libEntry; they are reported as Lib.libEntry and Other.libEntry"), "\(a.stderr)")
        let t = try Tool.run(["table", "--embedded", "--module", "Other", "--dependency", "Lib=Lib", "--output", "T.swift", "Other.swift"], in: dir)
        #expect(t.status == 1)
        #expect(t.stderr.contains("entries with the same name in several modules: libEntry (in Lib and Other)"), "\(t.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/T.swift"))
    }
}
