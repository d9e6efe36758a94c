// The C types the analysed Swift imports: SIL has no declaration for them, so their sizes come
// from their headers, read with libclang for the build's target. The headers are the ABI
// header and those of every Clang module in the `-I` folders given to swiftc (the
// `header "…"` lines of their module.modulemap), which is where `import KernelC` finds them.

import Analysis
import CFrontEnd
import Foundation
import Layout

enum ImportedCTypes {
    /// The layouts by Swift name, and a warning for each module header libclang could not read
    /// (its types then have no layout, so whatever needs one is unbounded, with the type named).
    /// Headers are read with the flags the Clang importer gets (swiftc's `-I` folders and its
    /// `-Xcc` arguments, so a `-Xcc -DNAME=…` that sizes a struct counts) and the target. A
    /// name two headers lay out differently gets no layout. With `--sil` the flags the SIL was
    /// built with are unknown, so no header is read and imported types have no layout.
    static func read(_ request: AnalysisRequest) throws -> (layouts: [String: ValueLayout], warnings: String) {
        guard request.silFile == nil else { return ([:], "") }
        let folders = includeFolders(request.swiftcArguments)
        var arguments = folders.flatMap { ["-I", $0] } + clangArguments(request.swiftcArguments)
        if let target = request.target { arguments += ["-target", target] }
        var found: [String: CTypeLayout] = [:]
        var ambiguous = Set<String>()
        var warnings = ""
        var headers = CTypeLayouts.moduleMapHeaders(in: folders)
        if let abi = request.abiHeader { headers.append(abi) }
        var seen = Set<String>()
        for header in headers where seen.insert(URL(fileURLWithPath: header).standardized.path).inserted {
            do {
                for (name, l) in try CTypeLayouts.read(header: header, arguments: arguments) {
                    if let other = found[name], other != l { ambiguous.insert(name) }
                    found[name] = l
                }
            } catch let e as CFrontEndError {
                // The ABI header must read (its numbers are needed later, with the same error).
                if header == request.abiHeader { throw PipelineError(e.description) }
                let place = e.line > 0 ? "\(e.file):\(e.line):\(e.column)" : e.file
                warnings += "\(place): warning: \(e.message); the C types of \(header) have no layout\n"
            }
        }
        var layouts: [String: ValueLayout] = [:]
        for (name, l) in found where !ambiguous.contains(name) {
            layouts[name] = ValueLayout(size: l.size, alignment: l.alignment, hasExtraInhabitants: false)
        }
        return (layouts, warnings)
    }

    /// The arguments swiftc hands to its Clang importer: each one after `-Xcc`.
    static func clangArguments(_ arguments: [String]) -> [String] {
        var result: [String] = []
        var k = 0
        while k < arguments.count {
            if arguments[k] == "-Xcc", k + 1 < arguments.count {
                result.append(arguments[k + 1])
                k += 2
                continue
            }
            k += 1
        }
        return result
    }

    /// The folders of `-I DIR` and `-IDIR` arguments.
    static func includeFolders(_ arguments: [String]) -> [String] {
        var folders: [String] = []
        var k = 0
        while k < arguments.count {
            let a = arguments[k]
            if a == "-I", k + 1 < arguments.count {
                folders.append(arguments[k + 1])
                k += 2
                continue
            }
            if a.hasPrefix("-I") && a.count > 2 { folders.append(String(a.dropFirst(2))) }
            k += 1
        }
        return folders
    }
}
