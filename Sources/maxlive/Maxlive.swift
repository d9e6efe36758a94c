// The `maxlive` command line. Each subcommand is its own type with its options and
// help next to them; `maxlive help <subcommand>` is the first documentation users see.

import ArgumentParser
import Foundation
import Pipeline

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
        version: AnalysisPipeline.version,
        subcommands: [Analyze.self, Explain.self, Table.self],
        defaultSubcommand: Analyze.self)

    /// Expands `--options-file FILE` (one option or value per line) before parsing, so a
    /// project can keep its analysis options next to its sources. An argument the parser
    /// rejects is reported at its line in the file.
    static func main() {
        var arguments: [String] = []
        var origins: [String: String] = [:]          // argument → "file:line:column"
        var input = Array(CommandLine.arguments.dropFirst())[...]
        while let a = input.popFirst() {
            guard a == "--options-file" else { arguments.append(a); continue }
            guard let path = input.popFirst() else { exit(withError: ValidationError("--options-file needs a file")) }
            guard let data = FileManager.default.contents(atPath: path) else {
                exit(withError: ValidationError("--options-file: cannot read '\(path)'"))
            }
            for (line, argument) in OptionsFile.arguments(String(decoding: data, as: UTF8.self), base: (path as NSString).deletingLastPathComponent) {
                arguments.append(argument.text)
                if origins[argument.text] == nil { origins[argument.text] = "\(path):\(line):\(argument.column)" }
            }
        }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            // The interface's statuses: a usage error is the tool failing to do its job (1), not 64.
            if exitCode(for: error) == .validationFailure {
                var message = fullMessage(for: error)
                // The argument the message names first ("Unknown option '--x'. Did you mean '--y'?").
                let named = origins.compactMap { o in message.range(of: "'\(o.key)'").map { ($0.lowerBound, o.value) } }
                if let located = named.min(by: { $0.0 < $1.0 }) {
                    message = "\(located.1): error: \(message.replacingOccurrences(of: "Error: ", with: ""))"
                }
                FileHandle.standardError.write(Data((message + "\n").utf8))
                Foundation.exit(1)
            }
            exit(withError: error)
        }
    }
}

/// An options file: one option or value per line, `#` starts a comment line, any line ending
/// (LF or CRLF).
enum OptionsFile {
    /// The arguments with their line and column. Paths given to options that take a file, and
    /// `-I` folders of --c-flag, are relative to the file, so it works from anywhere.
    static func arguments(_ text: String, base: String) -> [(line: Int, argument: (text: String, column: Int))] {
        var out: [(Int, (String, Int))] = []
        var previous = ""
        for (k, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let leading = raw.prefix { $0 == " " || $0 == "\t" }.count
            var t = raw.trimmingCharacters(in: .whitespaces)
            if t.isEmpty || t.hasPrefix("#") { continue }
            if ["--abi-header", "--sil", "--llvm-ir", "--irgen", "--c-source", "--config"].contains(previous) {
                t = RelativePaths.resolve(t, base: base)
            }
            if previous == "--c-flag" { t = RelativePaths.flag(t, after: nil, base: base) }
            out.append((k + 1, (t, leading + 1)))
            previous = t
        }
        return out
    }
}
