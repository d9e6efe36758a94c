// The `maxlive` command line. Each subcommand is its own type with its options and
// help next to them; `maxlive help <subcommand>` is the first documentation users see.

import ArgumentParser
import Foundation

let maxliveVersion = "0.1.0"

@main
struct Maxlive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maxlive",
        abstract: "Sound worst-case bounds on the kernel heap each system call can hold live, from optimized SIL.",
        discussion: """
        maxlive reads the SIL that swiftc emits (or compiles Swift sources itself) and, for every \
        function marked @_semantics("maxlive.entry") or ("maxlive.daemon"), computes an upper bound on \
        the heap bytes it and everything it calls can hold live at once.

        Exit status: 0 every entry bounded; 2 at least one entry unbounded (the report is still \
        printed); 1 the tool could not do its job (bad input, compiler failure).
        """,
        version: maxliveVersion,
        subcommands: [Analyze.self, Explain.self, Table.self],
        defaultSubcommand: Analyze.self)

    /// Expands `--options-file FILE` (one option or value per line) before parsing, so a
    /// project can keep its analysis options next to its sources.
    static func main() {
        var arguments: [String] = []
        var input = Array(CommandLine.arguments.dropFirst())[...]
        while let a = input.popFirst() {
            guard a == "--options-file" else { arguments.append(a); continue }
            guard let path = input.popFirst() else { exit(withError: ValidationError("--options-file needs a file")) }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                exit(withError: ValidationError("--options-file: cannot read '\(path)'"))
            }
            // Paths given to these options are relative to the options file, so the file works from anywhere.
            let base = (path as NSString).deletingLastPathComponent
            var previous = ""
            for line in text.split(separator: "\n") {
                var t = line.trimmingCharacters(in: .whitespaces)
                if t.isEmpty || t.hasPrefix("#") { continue }
                if ["--abi-header", "--sil", "--llvm-ir", "--irgen", "--c-source"].contains(previous), !t.hasPrefix("/") {
                    t = (base.isEmpty ? t : base + "/" + t)
                }
                // `--c-flag -Iinclude`: include paths too.
                if previous == "--c-flag", t.hasPrefix("-I"), t.count > 2, !t.dropFirst(2).hasPrefix("/"), !base.isEmpty {
                    t = "-I" + base + "/" + t.dropFirst(2)
                }
                arguments.append(t)
                previous = t
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // The interface's statuses: a usage error is the tool failing to do its job (1), not 64.
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}
