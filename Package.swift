// swift-tools-version:6.1
// maxlive: sound worst-case live-heap bounds per system call, from optimized SIL.
//
// The folders follow the pipeline:
//   SILModel  – the in-memory model of a textual SIL module (no parsing here)
//   SILParser – bytes → SILModel, fast and with located errors
//   Layout    – Swift/SIL type expressions and their allocation sizes
//   Analysis  – call graph, loops, escape, per-function summaries, entry bounds
//   Reports   – table / JSON / SARIF / generated reservation table
//   maxlive   – the command line (swift-argument-parser)
import PackageDescription

let package = Package(
    name: "maxlive",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "maxlive", targets: ["maxlive"]),
        .library(name: "MaxliveAnalysis", targets: ["Analysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "SILModel"),
        .target(name: "SILParser", dependencies: ["SILModel"]),
        .target(name: "Layout", dependencies: ["SILModel"]),
        .target(name: "Analysis", dependencies: ["SILModel", "Layout"]),
        .target(name: "Reports", dependencies: ["SILModel", "Analysis"]),
        .executableTarget(
            name: "maxlive",
            dependencies: [
                "SILModel", "SILParser", "Layout", "Analysis", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "maxlive-bench",
            dependencies: ["SILModel", "SILParser", "Analysis"]),
        .testTarget(name: "SILParserTests", dependencies: ["SILModel", "SILParser"]),
        .testTarget(name: "AnalysisTests", dependencies: ["SILModel", "SILParser", "Layout", "Analysis", "Reports"]),
    ]
)
