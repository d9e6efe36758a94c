// The JSON report document: what `--format json` writes reads back as the same value, an
// older report (before `schemaVersion`) still reads, and a file that is not a report is a
// located error naming what is wrong.

import Foundation
import Reports
import Testing
import TestSupport

/// A report as the first schema wrote it: no schemaVersion, no warnings, no stats.analyzed.
private let versionOne = """
{
  "tool": "maxlive",
  "version": "0.0.9",
  "module": "Kernel",
  "entries": [
    {
      "name": "sys_open",
      "symbol": "$e6Kernel8sys_openSiyF",
      "kind": "entry",
      "status": "bounded",
      "bound": 1184,
      "reasons": [],
      "assumptions": [ { "kind": "loop-bound", "message": "loop bound 4 [ ] (trusted)", "function": "sys_open", "file": "k/Open.swift", "line": 12 } ],
      "path": [ { "function": "sys_open", "bytes": 96, "file": "k/Open.swift", "line": 12 } ]
    },
    {
      "name": "sys_grow", "symbol": "$e6Kernel8sys_growSiyF", "kind": "entry", "status": "unbounded", "bound": null,
      "reasons": [ { "kind": "unbounded-loop", "message": "loop with no bound", "function": "sys_grow", "file": null, "line": null } ],
      "assumptions": [], "path": []
    }
  ],
  "stats": { "functions": 10, "instructions": 200, "seconds": 0.5 }
}
"""

private func write(_ text: String) throws -> String {
    let path = SILTestSupport.temporaryDirectory() + "/report.json"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

@Suite("JSON report document")
struct ReportDocumentTests {
    @Test("A report without schemaVersion reads as version 1, its nulls as nil")
    func versionOneReads() throws {
        let doc = try ReportDocument.read(path: try write(versionOne))
        #expect(doc.schemaVersion == 1)
        #expect(doc.entries.map(\.name) == ["sys_open", "sys_grow"])
        #expect(doc.entries[0].bound == 1184 && doc.entries[0].status == .bounded)
        #expect(doc.entries[1].bound == nil && doc.entries[1].status == .unbounded)
        #expect(doc.entries[1].reasons.first?.file == nil && doc.entries[1].reasons.first?.line == nil)
        #expect(doc.warnings.isEmpty && doc.stats.analyzed == nil)
    }

    @Test("Written and read back, a document is the same value; nulls stay written; empty arrays are []; strings are untouched")
    func roundTrip() throws {
        let doc = try ReportDocument.read(path: try write(versionOne))
        let text = doc.json()
        #expect(try ReportDocument.read(path: try write(text)) == doc)
        #expect(text.contains("\"bound\" : null"))
        #expect(text.contains("\"file\" : null") && text.contains("\"line\" : null"))
        #expect(text.contains("\"reasons\" : []") && text.contains("\"path\" : []"))
        #expect(text.contains("loop bound 4 [ ] (trusted)"), "the message's own brackets are kept")
        #expect(!text.contains("\"number\""), "no ABI header: no number key")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["schemaVersion"] as? Int == 1, "a document read from a version-1 report keeps its version")
    }

    @Test("A file that is not a report names the key or value that is wrong", arguments: [
        ("{}", "tool is missing"),
        (versionOne.replacingOccurrences(of: "\"bound\": 1184", with: "\"bound\": \"big\""), "entries[0].bound should be"),
        (versionOne.replacingOccurrences(of: "\"status\": \"bounded\"", with: "\"status\": \"fine\""), "entries[0].status"),
        ("[1, 2]", "the top level should be"),
        ("{ \"tool\": ", "not a maxlive JSON report"),
    ])
    func notAReport(text: String, expected: String) throws {
        let path = try write(text)
        let error = #expect(throws: ReportDocument.ReadError.self) { try ReportDocument.read(path: path) }
        let message = error?.description ?? ""
        #expect(message.hasPrefix(path + ":1:1: error: not a maxlive JSON report") && message.contains(expected), "\(message)")
    }
}
