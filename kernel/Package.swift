// swift-tools-version:6.1
// The maxlive kernel: a POSIX-style kernel in Embedded Swift.
//
//   KernelC     – C/assembly: the ABI header (include/maxlive_abi.h), the context switch,
//                 the posix_memalign/free/kmalloc/kfree forwarders to the kernel heap, and
//                 the kernel's C library code (lib/: a pipe's ring bookkeeping).
//                 (The bare-metal riscv64 port in arch/riscv64/ is built by build-riscv64.sh
//                 with swiftc, clang and ld.lld, not by this package.)
//   KernelCore  – every kernel subsystem, platform independent. maxlive analyzes this
//                 module's SIL; it never sees the generated reservation table. The table's
//                 types, the markers and a call's reservation come from maxlive's
//                 MaxliveSupport library.
//   Kernel      – the executable: @main, the hosted platform glue, the built-in user
//                 programs, and MaxliveBounds.swift, generated into the build by maxlive's
//                 build tool plugin from KernelCore's sources (never written by hand).
//
// Test builds (the default) check every system call's heap use against its reservation and
// stop on a breach or an allocation failure. Set KERNEL_PRODUCTION=1 to build without that.
import PackageDescription

let testBuild = Context.environment["KERNEL_PRODUCTION"] == nil

let embedded: [SwiftSetting] = [
    .enableExperimentalFeature("Embedded"),
    .enableExperimentalFeature("Extern"),
    .enableExperimentalFeature("Volatile"),
] + (testBuild ? [.define("KERNEL_TEST")] : [])

let package = Package(
    name: "MaxliveKernel",
    products: [
        .executable(name: "Kernel", targets: ["Kernel"]),
    ],
    // maxlive (the repository root) provides the build tool plugin that generates the reservation table.
    dependencies: [
        .package(name: "maxlive", path: ".."),
    ],
    targets: [
        .target(
            name: "KernelC",
            path: ".",
            // arch/riscv64 is the bare-metal port: build-riscv64.sh compiles it, SwiftPM does not.
            exclude: ["Sources", "build.sh", "sil.sh", "README.md", "analyze.sh", ".maxlive.yml",
                      "arch/riscv64", "build-riscv64.sh", "qemu.sh"],
            sources: ["arch", "lib"],
            publicHeadersPath: "include"),
        // KernelCore is compiled at -Osize in debug and release builds alike, as in the riscv64
        // image, so the reservation table (.maxlive.yml: optimization-levels) is the bound of
        // the code that runs.
        .target(
            name: "KernelCore",
            dependencies: ["KernelC", .product(name: "MaxliveSupport", package: "maxlive")],
            swiftSettings: embedded + [.unsafeFlags(["-Osize"])]),
        // The plugin analyses KernelCore (this target's Swift dependency) and compiles the table in.
        .executableTarget(
            name: "Kernel", dependencies: ["KernelCore", "KernelC"], swiftSettings: embedded,
            plugins: [.plugin(name: "MaxliveTablePlugin", package: "maxlive")]),
    ],
    swiftLanguageModes: [.v5]
)
