// The `maxlive` command line. Each subcommand is its own type with its options and
// help next to them; `maxlive help <subcommand>` is the first documentation users see.

import ArgumentParser

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
}
