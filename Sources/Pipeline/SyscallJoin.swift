// Joins the system call numbers of the ABI header to the `maxlive.entry` handlers:
// `#define SYS_openat 56` ↔ `sys_openat`. Each side's leftovers are reported at their
// line (a number nobody handles, a handler the header does not number).

import Analysis
import CFrontEnd

public enum SyscallJoin {
    public static func join(_ result: inout AnalysisResult, numbers: [SyscallNumber], header: String) {
        result.abiHeader = header
        var byName: [String: SyscallNumber] = [:]
        for n in numbers where byName[n.name] == nil { byName[n.name] = n }
        var handled = Set<String>()
        for k in result.entries.indices where result.entries[k].kind == .entry && result.entries[k].name.hasPrefix("sys_") {
            let name = String(result.entries[k].name.dropFirst(4))
            if let n = byName[name] {
                result.entries[k].number = n.number
                handled.insert(name)
            } else {
                let e = result.entries[k]
                result.abiFindings.append(Finding(kind: .handlerWithoutNumber,
                    message: "handler \(e.name) has no SYS_\(name) number in \(header)", function: e.name, file: e.file, line: e.line))
            }
        }
        for n in numbers.sorted(by: { $0.number < $1.number }) where !handled.contains(n.name) {
            result.abiFindings.append(Finding(kind: .syscallWithoutHandler,
                message: "system call \(n.name) (\(n.number)) has no handler: expected a maxlive.entry function named sys_\(n.name)",
                function: "", file: n.file, line: n.line))
        }
    }
}
