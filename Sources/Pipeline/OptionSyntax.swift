// The small value syntaxes the command line, options files and `.maxlive.yml` share, parsed in
// one place so each says the same thing about a bad value.

import Foundation

public enum OptionSyntax {
    /// `Onone,O,Osize` → ["-Onone", "-O", "-Osize"]; nil when a level is unknown.
    public static func levels(_ list: String) -> [String]? {
        let levels = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { $0.hasPrefix("-") ? $0 : "-" + $0 }
        guard !levels.isEmpty, levels.allSatisfy({ ["-Onone", "-O", "-Osize"].contains($0) }) else { return nil }
        return levels
    }

    /// `kmalloc:0` → ("kmalloc", 0).
    public static func functionArgument(_ spec: String) -> (name: String, argument: Int)? {
        let parts = spec.split(separator: ":")
        guard parts.count == 2, !parts[0].isEmpty, let k = Int(parts[1]), k >= 0 else { return nil }
        return (String(parts[0]), k)
    }

    /// `Drivers=Sources/Drivers` → ("Drivers", "Sources/Drivers").
    public static func dependency(_ spec: String) -> (name: String, path: String)? {
        guard let eq = spec.firstIndex(of: "=") else { return nil }
        let name = String(spec[..<eq]), path = String(spec[spec.index(after: eq)...])
        guard !name.isEmpty, !path.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return (name, path)
    }
}
