// Coroutine frames, read from the LLVM IR of the same build.
//
// A `begin_apply` of a `yield_once` coroutine (a `_modify` or `_read` accessor) gives the
// callee a fixed 32-byte buffer in the caller's frame (`alloca [32 x i8]`). When the
// coroutine's own frame does not fit, LLVM's coroutine splitting makes the ramp function
// (same symbol as the SIL function) allocate it on the heap:
//
//   define … @"$e1C6HolderC5totalSivM"(ptr noalias dereferenceable(32) %0, ptr swiftself %1) {
//     %2 = tail call dereferenceable_or_null(56) ptr @malloc(i64 56)
//
// and the continuation (`….resume.0`) frees it. The size is decided after SIL, so maxlive reads
// it from the IR: every call in the ramp of `malloc`, `swift_coroFrameAlloc`, `swift_slowAlloc`
// (constant size) or `posix_memalign` (constant third operand) is part of the frame; a ramp
// with none keeps its frame in the caller's buffer (0 bytes). A size that is not a constant
// makes the frame unknown. The frame is live from the `begin_apply` to its `end_apply` or
// `abort_apply`. One pass over the bytes of the file.
//
// LLVM may leave a ramp as a thunk: an `alias` of an identical function, or (Swift's function
// merging) a call of a merged body whose name ends in `Tm`, which does the allocating. Both are
// followed, so such a ramp is not taken for one that allocates nothing (the helper's work on
// branch `coro` found this shape).

public enum CoroutineFrame: Equatable, Sendable {
    /// Heap bytes the ramp allocates (0: the frame fits the caller's buffer).
    case bytes(Int)
    /// The ramp allocates a size that is not a constant.
    case unknown(String)
}

public enum CoroutineFrameReader {
    /// Heap allocators a ramp may call for its frame, and which operand is the size (-1: an
    /// allocator whose size maxlive does not read, such as the caller-provided allocator of
    /// `yield_once_2` coroutines, so the frame is unknown).
    private static let allocators: [(name: [UInt8], sizeOperand: Int)] = [
        (Array("@malloc(".utf8), 0), (Array("@swift_coroFrameAlloc(".utf8), 0),
        (Array("@swift_slowAlloc(".utf8), 0), (Array("@posix_memalign(".utf8), 2),
        (Array("@aligned_alloc(".utf8), 1),
        (Array("@calloc(".utf8), -1), (Array("@realloc(".utf8), -1), (Array("@swift_coro_alloc(".utf8), -1),
        (Array("@swift_task_alloc(".utf8), -1), (Array("@llvm.coro.alloc(".utf8), -1),
    ]

    /// Every function defined in the IR (and every alias of one), with the heap bytes its body
    /// and the merged bodies it calls allocate through those calls.
    public static func read(_ bytes: [UInt8]) -> [String: CoroutineFrame] {
        var own: [String: CoroutineFrame] = [:]
        var merged: [String: [String]] = [:]
        var aliases: [String: String] = [:]
        scan(bytes, own: &own, merged: &merged, aliases: &aliases)
        func resolve(_ name: String, _ depth: Int) -> CoroutineFrame? {
            guard depth < 8 else { return .unknown("aliases or merged functions nesting too deeply") }
            guard let mine = own[name] else { return aliases[name].flatMap { resolve($0, depth + 1) } }
            guard case .bytes(var total) = mine else { return mine }
            for callee in merged[name] ?? [] {
                switch resolve(callee, depth + 1) {
                case .bytes(let n)?: total = saturatingAdd(total, n)
                case .unknown(let why)?: return .unknown(why)
                case nil: return .unknown("the merged function \(callee)")
                }
            }
            return .bytes(total)
        }
        var frames: [String: CoroutineFrame] = [:]
        for name in own.keys { frames[name] = resolve(name, 0) }
        for name in aliases.keys { frames[name] = resolve(name, 0) }
        return frames
    }

    private static func scan(_ bytes: [UInt8], own frames: inout [String: CoroutineFrame],
                             merged: inout [String: [String]], aliases: inout [String: String]) {
        var current: String?
        var frame = CoroutineFrame.bytes(0)
        LLVMIRText.forEachLine(bytes) { line in
            if let name = current {
                if line.first == UInt8(ascii: "}") {
                    frames[name] = frame
                    current = nil
                } else if line.contains(UInt8(ascii: "@")) {
                    if let callee = mergedCallee(line), callee != name { merged[name, default: []].append(callee) }
                    for a in allocators {
                        guard let at = LLVMIRText.find(a.name, in: line) else { continue }
                        let size = a.sizeOperand < 0 ? nil : LLVMIRText.operand(a.sizeOperand, of: line, from: at + a.name.count)
                        switch (frame, size) {
                        case (.bytes(let total), let s?): frame = .bytes(saturatingAdd(total, s))
                        case (.bytes, nil): frame = .unknown(String(decoding: a.name.dropFirst().dropLast(), as: UTF8.self))
                        case (.unknown, _): break
                        }
                    }
                }
            } else if line.starts(with: Array("define ".utf8)), let name = LLVMIRText.definedName(line) {
                current = name
                frame = .bytes(0)
            } else if line.first == UInt8(ascii: "@"), LLVMIRText.find(Array(" alias ".utf8), in: line) != nil,
                      let name = LLVMIRText.definedName(line), let target = lastSymbol(line), target != name {
                aliases[name] = target
            }
        }
    }

    /// The symbol after the last `@` of a line (`… alias …, ptr @"target"`).
    private static func lastSymbol(_ line: ArraySlice<UInt8>) -> String? {
        guard let at = line.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        return LLVMIRText.definedName(line[at...])
    }

    /// A direct call of a merged function body (`@"…Tm"(`), if the line has one.
    private static func mergedCallee(_ line: ArraySlice<UInt8>) -> String? {
        var rest = line
        while let at = rest.firstIndex(of: UInt8(ascii: "@")) {
            if let name = LLVMIRText.definedName(rest[at...]), name.hasSuffix("Tm") { return name }
            rest = rest[(at + 1)...]
        }
        return nil
    }
}
