// swift-tools-version:6.1
// maxlive: sound worst-case live-heap bounds per system call, from optimized SIL.
//
// The folders follow the pipeline:
//   SILModel  – the in-memory model of a textual SIL module (no parsing here)
//   SILParser – bytes → SILModel, fast and with located errors
//   Layout    – Swift/SIL type expressions and their allocation sizes
//   Analysis  – call graph, loops, escape, per-function summaries, entry bounds
//   Reports   – table / JSON / SARIF / generated reservation table
//   CFrontEnd – C read with libclang (the syscall ABI header, C functions)
//   Pipeline  – the whole job as a library: compile or load, IR, C, analysis, ABI join,
//               several levels, the configuration file
//   maxlive   – the command line (swift-argument-parser), thin over Pipeline
//   Plugins   – (Sources/Plugins) the build tool plugin (generated reservation table) and
//               `swift package maxlive`
//   MaxliveSupport – what an analysed program links: markers, the table's types and lookups,
//                    a call's reservation (Embedded Swift; MaxliveSupportHosted is the same
//                    source files, symlinked, built as ordinary Swift)
import PackageDescription

let package = Package(
    name: "maxlive",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "maxlive", targets: ["maxlive"]),
        .executable(name: "maxlive-fuzz", targets: ["maxlive-fuzz"]),
        .library(name: "MaxliveAnalysis", targets: ["Analysis"]),
        // The whole job (compile, analyse, report) for tools built on maxlive.
        .library(name: "MaxlivePipeline", targets: ["Pipeline", "Reports"]),
        // For Embedded Swift targets (a kernel, firmware).
        .library(name: "MaxliveSupport", targets: ["MaxliveSupport"]),
        // The same API for ordinary Swift targets: a module built as Embedded Swift cannot be
        // imported by one that is not, nor the other way round.
        .library(name: "MaxliveSupportHosted", targets: ["MaxliveSupportHosted"]),
        .plugin(name: "MaxliveTablePlugin", targets: ["MaxliveTablePlugin"]),
        .plugin(name: "MaxliveReportPlugin", targets: ["MaxliveReportPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // The configuration file, .maxlive.yml.
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // `swift package generate-documentation`: the DocC catalogs of the targets (the SIL and
        // layout facts, the annotation reference, the report schema, the configuration file).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        .target(name: "MaxliveSupport", swiftSettings: [.enableExperimentalFeature("Embedded")]),
        .target(name: "MaxliveSupportHosted"),
        .target(name: "SILModel"),
        .target(name: "SILParser", dependencies: ["SILModel"]),
        .target(name: "Layout", dependencies: ["SILModel"]),
        .target(name: "Analysis", dependencies: ["SILModel", "Layout"]),
        .target(name: "Reports", dependencies: ["SILModel", "Analysis"]),
        // libclang's C API, loaded at run time (Sources/CLibclang): building needs no libclang.
        .target(name: "CLibclang", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CFrontEnd", dependencies: ["CLibclang", "Analysis"]),
        .target(
            name: "Pipeline",
            dependencies: ["SILModel", "SILParser", "Layout", "Analysis", "Reports", "CFrontEnd", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "maxlive",
            dependencies: ["Analysis", "Reports", "Pipeline", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Soundness fuzzer: random Embedded Swift programs, measured peaks vs maxlive's bounds.
        .executableTarget(
            name: "maxlive-fuzz",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(
            name: "maxlive-bench",
            dependencies: ["SILModel", "SILParser", "Analysis", "Pipeline"]),
        // `swift build` of a target using it generates the reservation table (inputs: the analysed sources).
        .plugin(name: "MaxliveTablePlugin", capability: .buildTool(), dependencies: ["maxlive"],
                path: "Sources/Plugins/MaxliveTablePlugin"),
        // `swift package maxlive [--target NAME]` prints the bounds report.
        .plugin(
            name: "MaxliveReportPlugin",
            capability: .command(intent: .custom(verb: "maxlive", description: "Print the heap bounds report for a target")),
            dependencies: ["maxlive"],
            path: "Sources/Plugins/MaxliveReportPlugin"),
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SILParserTests", dependencies: ["SILModel", "SILParser", "Analysis", "TestSupport"]),
        .testTarget(name: "AnalysisTests", dependencies: ["SILModel", "SILParser", "Layout", "Analysis", "Reports", "CFrontEnd", "CLibclang", "TestSupport"]),
        .testTarget(name: "FixtureTests", dependencies: ["SILParser", "Analysis", "CFrontEnd", "TestSupport"]),
        .testTarget(name: "KernelTests", dependencies: ["maxlive", "SILParser", "TestSupport"]),
        .testTarget(name: "FuzzTests", dependencies: ["maxlive-fuzz", "maxlive"], exclude: ["Findings"]),
        .testTarget(name: "SupportTests", dependencies: ["MaxliveSupportHosted"]),
        .testTarget(name: "ToolTests", dependencies: ["SILParser", "Analysis", "Reports", "maxlive", "TestSupport"]),
    ]
)
