// The entry point: text → `Module`.
//
// Two passes:
//  1. A sequential pass over lines classifies the top level (sil_stage, declarations,
//     sil_scope, sil_global, tables) and records where each function's body starts
//     and ends, without looking inside bodies beyond their first byte.
//  2. Function bodies are parsed in parallel, each with its own file-name table; the
//     tables are merged and locations renumbered afterwards.
//
// Input that is not textual SIL (empty, binary, another format, truncated) is
// rejected with a located error rather than producing an empty or partial model.

import Dispatch
import SILModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum SILParser {
    /// Reads and parses a file.
    public static func parse(path: String) throws -> Module {
        let bytes = try readFile(path)
        return try parse(SourceText(path: path, bytes: bytes))
    }

    /// Parses text already in memory.
    public static func parse(_ text: SourceText, parallel: Bool = true) throws -> Module {
        try text.bytes.withUnsafeBufferPointer { buffer in
            var parser = ModuleParser(bytes: buffer, path: text.path)
            return try parser.run(text: text, parallel: parallel)
        }
    }

    public static func readFile(_ path: String) throws -> [UInt8] {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw SILParseError(path: path, line: 0, column: 0, message: "cannot open file: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw SILParseError(path: path, line: 0, column: 0, message: "not a regular file; expected a textual SIL file")
        }
        guard let file = fopen(path, "rb") else {
            throw SILParseError(path: path, line: 0, column: 0, message: "cannot open file: \(String(cString: strerror(errno)))")
        }
        defer { fclose(file) }
        // Size the buffer once from the file's length so the text is held exactly once.
        var result: [UInt8] = []
        if info.st_size > 0, info.st_size < Int(Int32.max) { result.reserveCapacity(Int(info.st_size) + 1) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if n > 0 { result.append(contentsOf: chunk[0..<n]) }
            if n < chunk.count {
                if ferror(file) != 0 {
                    throw SILParseError(path: path, line: 0, column: 0, message: "read error: \(String(cString: strerror(errno)))")
                }
                break
            }
        }
        return result
    }
}

private struct FunctionChunk: Sendable {
    var headerLine: Int
    var commentLine: Int?
    /// Body lines `[bodyStart, bodyEnd)`, and the end-marker line; nil for declarations.
    var body: (start: Int, end: Int)?
}

/// Holds per-chunk results written from worker threads.
/// Each worker writes only its own slots, so no two threads touch the same memory.
private final class ResultSlots<T>: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
}

private struct ModuleParser {
    let bytes: Bytes
    let path: String
    let lines: LineTable

    init(bytes: Bytes, path: String) {
        self.bytes = bytes
        self.path = path
        self.lines = LineTable(bytes)
    }

    func error(_ line: Int, _ offset: Int, _ message: String) -> SILParseError {
        let start = lines.range(line, in: bytes).start
        return SILParseError(path: path, line: line + 1, column: max(1, offset - start + 1), message: message)
    }

    mutating func run(text: SourceText, parallel: Bool) throws -> Module {
        try checkIsText()
        var files = FileNameTable()
        var stage: String? = nil
        var scopes: [DebugScope?] = []
        var globals: [Global] = []
        var vtables: [VTable] = []
        var witnessTables: [WitnessTable] = []
        var declarations = DeclarationParser()
        var chunks: [FunctionChunk] = []
        let tables = TableParser(bytes: bytes, lines: lines, path: path)

        var commentRunStart: Int? = nil
        var line = 0
        let lineCount = lines.count
        while line < lineCount {
            let (s, e) = lines.range(line, in: bytes)
            let t = bytes.skipSpaces(from: s, end: e)
            if t >= e { commentRunStart = nil; line += 1; continue }
            if bytes.matches("//", at: t, end: e) {
                if commentRunStart == nil { commentRunStart = line }
                line += 1
                continue
            }
            if bytes.matches("/*", at: t, end: e) {
                line = try skipBlockComment(from: line, offset: t)
                commentRunStart = nil
                continue
            }
            let comment = commentRunStart
            commentRunStart = nil
            if stage == nil {
                guard bytes.matches("sil_stage ", at: t, end: e) else {
                    throw error(line, t, "expected 'sil_stage' at the start of a SIL file (is this the output of 'swiftc -emit-sil'?)")
                }
                stage = bytes.string(t + 10, bytes.trimEnd(from: t, end: e))
                line += 1
                continue
            }
            if declarations.isInsideDeclaration || t > s {
                try declarations.feed(bytes, start: s, end: e, line: line, path: path)
                line += 1
                continue
            }
            if bytes.matches("sil ", at: t, end: e) {
                let header = line
                if bytes[bytes.trimEnd(from: t, end: e) - 1] == ASCII.lbrace {
                    let endLine = try findFunctionEnd(from: line + 1, header: header)
                    chunks.append(FunctionChunk(headerLine: header, commentLine: comment, body: (line + 1, endLine)))
                    line = endLine + 1
                } else {
                    chunks.append(FunctionChunk(headerLine: header, commentLine: comment, body: nil))
                    line += 1
                }
                continue
            }
            if bytes.matches("sil_scope ", at: t, end: e) {
                let (number, scope) = try tables.parseScope(line: line, files: &files)
                if number >= scopes.count { scopes.append(contentsOf: repeatElement(nil, count: number + 1 - scopes.count)) }
                scopes[number] = scope
                line += 1
                continue
            }
            if bytes.matches("sil_global ", at: t, end: e) {
                let (global, next) = try tables.parseGlobal(line: line, lastLine: lineCount)
                globals.append(global)
                line = next
                continue
            }
            if bytes.matches("sil_vtable ", at: t, end: e) {
                let (table, next) = try tables.parseVTable(line: line, lastLine: lineCount)
                vtables.append(table)
                line = next
                continue
            }
            if bytes.matches("sil_witness_table ", at: t, end: e) {
                let (table, next) = try tables.parseWitnessTable(line: line, lastLine: lineCount)
                witnessTables.append(table)
                line = next
                continue
            }
            if bytes.matches("sil_", at: t, end: e) {
                // Other tables (default witness tables, properties, differentiability witnesses…): kept out of the model.
                if bytes[bytes.trimEnd(from: t, end: e) - 1] == ASCII.lbrace {
                    line = try tables.findClosingLine(from: line + 1, lastLine: lineCount,
                                                      what: bytes.string(t, min(e, t + 40)), openedAt: line) + 1
                } else {
                    line += 1
                }
                continue
            }
            if bytes.matches("import ", at: t, end: e) { line += 1; continue }
            try declarations.feed(bytes, start: s, end: e, line: line, path: path)
            line += 1
        }
        guard let stageName = stage else {
            throw SILParseError(path: path, line: max(1, lineCount), column: 1,
                                message: bytes.isEmpty ? "the file is empty; expected textual SIL starting with 'sil_stage'"
                                                       : "expected 'sil_stage' at the start of a SIL file; found only comments")
        }
        if declarations.isInsideDeclaration {
            throw SILParseError(path: path, line: lineCount, column: 1,
                                message: "expected '}' to close the declaration opened at line \(declarations.openedAtLine + 1); the file ends first (truncated?)")
        }

        let parsed = try parseFunctions(chunks, parallel: parallel)
        // Merge per-function file tables into the module's table.
        var functions: [Function] = []
        functions.reserveCapacity(parsed.count)
        var seenNames = Set<String>()
        for (chunkIndex, (var function, localFiles)) in parsed.enumerated() {
            if !seenNames.insert(function.name).inserted {
                throw error(chunks[chunkIndex].headerLine, lines.range(chunks[chunkIndex].headerLine, in: bytes).start,
                            "function '@\(function.name)' is defined twice")
            }
            let remap = localFiles.map { files.index($0) }
            if !remap.isEmpty {
                if let loc = function.location { function.location?.file = remap[Int(loc.file)] }
                for k in function.instructions.indices {
                    if let loc = function.instructions[k].location {
                        function.instructions[k].location?.file = remap[Int(loc.file)]
                    }
                }
            }
            functions.append(function)
        }
        return Module(text: text, stage: stageName, functions: functions, vtables: vtables,
                      witnessTables: witnessTables, globals: globals, typeDeclarations: declarations.declarations,
                      scopes: scopes, sourceFiles: files.names, lineCount: lineCount)
    }

    /// Rejects binary input early, naming the first offending byte's position.
    private func checkIsText() throws {
        if bytes.isEmpty {
            throw SILParseError(path: path, line: 1, column: 1, message: "the file is empty; expected textual SIL starting with 'sil_stage'")
        }
        if let nul = bytes.firstIndex(of: 0) {
            let l = lines.line(containing: nul)
            throw error(l, nul, "the file contains a NUL byte; expected textual SIL (is it a binary file?)")
        }
    }

    private func skipBlockComment(from line: Int, offset: Int) throws -> Int {
        var l = line
        var start = offset + 2
        while l < lines.count {
            let (s, e) = lines.range(l, in: bytes)
            if bytes.find("*/", from: max(s, start), end: e) != nil { return l + 1 }
            l += 1
            start = 0
        }
        throw error(line, offset, "unterminated '/*' comment")
    }

    /// The line holding `} // end sil function '…'` for the function whose header is `header`.
    private func findFunctionEnd(from line: Int, header: Int) throws -> Int {
        var l = line
        while l < lines.count {
            let (s, e) = lines.range(l, in: bytes)
            if e > s, bytes[s] == ASCII.rbrace {
                guard bytes.matches("} // end sil function", at: s, end: e) else {
                    throw error(l, s, "expected '} // end sil function' to close the function")
                }
                return l
            }
            // A new top-level `sil` line before the end marker means the body was cut short.
            if e > s + 4, bytes[s] == UInt8(ascii: "s"), bytes.matches("sil ", at: s, end: e) || bytes.matches("sil_", at: s, end: e) {
                throw error(l, s, "expected '} // end sil function' before a new top-level declaration (the function at line \(header + 1) is truncated)")
            }
            l += 1
        }
        throw SILParseError(path: path, line: lines.count, column: 1,
                            message: "expected '} // end sil function' for the function at line \(header + 1); the file ends first (truncated?)")
    }

    private func parseFunctions(_ chunks: [FunctionChunk], parallel: Bool) throws -> [(Function, [String])] {
        let job = FunctionParsingJob(bytes: bytes, lines: lines, path: path, chunks: chunks)
        let slots = job.slots
        if parallel, chunks.count > 64 {
            // Batches keep the per-item dispatch cost negligible.
            let batch = 32
            let batches = (chunks.count + batch - 1) / batch
            DispatchQueue.concurrentPerform(iterations: batches) { b in
                for index in (b * batch)..<min(chunks.count, (b + 1) * batch) { job.parse(index) }
            }
        } else {
            for index in chunks.indices { job.parse(index) }
        }
        var result: [(Function, [String])] = []
        result.reserveCapacity(chunks.count)
        for slot in slots.slots {
            switch slot! {
            case .success(let value): result.append(value)
            case .failure(let error): throw error
            }
        }
        return result
    }
}

/// The shared, read-only state of the parallel function pass. The bytes are not
/// mutated while workers run, and each worker writes only its own result slot.
private final class FunctionParsingJob: @unchecked Sendable {
    let bytes: Bytes
    let lines: LineTable
    let path: String
    let chunks: [FunctionChunk]
    let slots: ResultSlots<Result<(Function, [String]), SILParseError>>

    init(bytes: Bytes, lines: LineTable, path: String, chunks: [FunctionChunk]) {
        self.bytes = bytes
        self.lines = lines
        self.path = path
        self.chunks = chunks
        self.slots = ResultSlots(count: chunks.count)
    }

    func parse(_ index: Int) {
        let chunk = chunks[index]
        do {
            var files = FileNameTable()
            let header = try FunctionParser.parseHeader(bytes: bytes, lines: lines, path: path, line: chunk.headerLine,
                                                        commentLine: chunk.commentLine, files: &files)
            var parser = FunctionParser(bytes: bytes, lines: lines, path: path, function: header.function)
            parser.files = files
            if let body = chunk.body {
                try parser.parseBody(first: body.start, last: body.end)
            }
            slots.slots[index] = .success((parser.function, parser.files.names))
        } catch let e as SILParseError {
            slots.slots[index] = .failure(e)
        } catch {
            slots.slots[index] = .failure(SILParseError(path: path, line: chunk.headerLine + 1, column: 1, message: "\(error)"))
        }
    }
}
