// The C types the analysed Swift imports: SIL has no declaration for them, so their sizes come
// from their headers, read with libclang for the build's target. The headers are the ABI
// header and those of every Clang module in the `-I` folders given to swiftc and clang (the
// `header "…"` lines of their module.modulemap), which is where `import KernelC` finds them.

import Analysis
import CFrontEnd
import Foundation
import Layout

enum ImportedCTypes {
    /// The layouts by Swift name, and a warning for each module header libclang could not read
    /// (its types then have no layout, so whatever needs one is unbounded, with the type named).
    static func read(_ request: AnalysisRequest) throws -> (layouts: [String: ValueLayout], warnings: String) {
        let folders = includeFolders(request.swiftcArguments) + includeFolders(request.cFlags)
        var arguments = folders.flatMap { ["-I", $0] }
        if let target = request.target { arguments += ["-target", target] }
        var layouts: [String: ValueLayout] = [:]
        var warnings = ""
        var headers = CTypeLayouts.moduleMapHeaders(in: folders)
        if let abi = request.abiHeader { headers.append(abi) }
        var seen = Set<String>()
        for header in headers where seen.insert(URL(fileURLWithPath: header).standardized.path).inserted {
            do {
                for (name, l) in try CTypeLayouts.read(header: header, arguments: arguments) where layouts[name] == nil {
                    layouts[name] = ValueLayout(size: l.size, alignment: l.alignment, hasExtraInhabitants: false)
                }
            } catch let e as CFrontEndError {
                // The ABI header must read (its numbers are needed later, with the same error).
                if header == request.abiHeader { throw PipelineError(e.description) }
                let place = e.line > 0 ? "\(e.file):\(e.line):\(e.column)" : e.file
                warnings += "\(place): warning: \(e.message); the C types of \(header) have no layout\n"
            }
        }
        return (layouts, warnings)
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
