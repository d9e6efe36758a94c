// The reference material lives in the targets' DocC catalogs; swift-docc-plugin renders them.

import Foundation
import Testing
import TestSupport

@Suite("Documentation")
struct DocumentationTests {
    /// The pages users are pointed to (README, diagnostics), by the catalog that holds them.
    static let pages = [
        "Analysis.doccarchive/data/documentation/analysis/silfacts.json",
        "Analysis.doccarchive/data/documentation/analysis/annotations.json",
        "Reports.doccarchive/data/documentation/reports/reportschema.json",
        "Pipeline.doccarchive/data/documentation/pipeline/configurationfile.json",
        "MaxliveSupport.doccarchive/data/documentation/maxlivesupport.json",
    ]

    @Test("swift package generate-documentation renders every catalog with no warning (a broken link fails)")
    func catalogsRender() throws {
        // A build folder of its own: the one `swift test` holds is locked.
        let scratch = SILTestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let targets = ["Analysis", "Reports", "Pipeline", "MaxliveSupport"].flatMap { ["--target", $0] }
        let r = try SILTestSupport.run("/usr/bin/env", ["swift", "package", "--package-path", PackageRoot.path, "--scratch-path", scratch,
                                                        "generate-documentation", "--warnings-as-errors"] + targets)
        #expect(r.status == 0, "\(r.output.suffix(3000))")
        let outputs = scratch + "/plugins/Swift-DocC/outputs/"
        for page in Self.pages {
            #expect(FileManager.default.fileExists(atPath: outputs + page), "\(page) was not rendered")
        }
    }
}
