// C functions as the analysis sees them: what each statement does to the kernel heap.
//
// The C front end (Sources/CFrontEnd, libclang) turns every function body into this small
// structured form, keeping only what matters for live bytes:
//
//   struct ring *ring_new(void) {                   ForeignFunction "ring_new"
//       struct ring *r = kmalloc(sizeof *r);          .allocate(32, into: "r")
//       if (!r) return 0;                             .branch([[], []])
//       for (int i = 0; i < 4; i++)                   .loop(bound: 4, inferred)
//           r->seg[i] = kmalloc(64);                    .allocate(64, into: nil)
//       ring_init(r);                                 .call("ring_init")
//       return r;
//   }
//
// Loops, branches and calls nest as in the source; everything else is dropped. The
// analysis (ForeignAnalyzer.swift) applies the same rules as to Swift: sequence adds,
// branches take the larger side, a loop multiplies what survives an iteration by its bound.

public struct ForeignSite: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

public indirect enum ForeignStatement: Sendable {
    /// A call to the allocation API: `bytes` nil when the size is not a compile-time
    /// constant; `into` the local variable that receives the pointer, if any.
    case allocate(bytes: Int?, into: String?, site: ForeignSite, function: String)
    /// A call to the deallocation API with a local variable (nil: any other expression).
    case release(variable: String?, site: ForeignSite)
    /// A local variable is assigned something else, or its address is taken.
    case assign(variable: String)
    /// A call (nil symbol: through a function pointer).
    case call(symbol: String?, site: ForeignSite)
    /// A loop; `bound` from `maxlive_loop_bound(n)` in its body (`annotated`) or inferred
    /// from a counting `for` header.
    case loop(bound: Int?, annotated: Bool, site: ForeignSite, body: [ForeignStatement])
    /// Alternatives, one of which runs (an `if` without `else` has an empty one).
    case branch([[ForeignStatement]])
}

public struct ForeignFunction: Sendable {
    /// The linker symbol (the C function's name).
    public var symbol: String
    public var site: ForeignSite
    public var body: [ForeignStatement]
    /// `maxlive_recursion_depth(n)` in the body, and where.
    public var recursionDepth: (depth: Int, site: ForeignSite)?
    /// `__attribute__((annotate("maxlive.entry")))` (or `maxlive.daemon`): the C spelling of
    /// the Swift `@_semantics` annotations, so a system call handler may be written in C.
    public var annotations: [String]

    public init(symbol: String, site: ForeignSite, body: [ForeignStatement], recursionDepth: (depth: Int, site: ForeignSite)? = nil,
                annotations: [String] = []) {
        self.symbol = symbol
        self.site = site
        self.body = body
        self.recursionDepth = recursionDepth
        self.annotations = annotations
    }
}
