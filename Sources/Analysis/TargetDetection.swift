// Which pointer width the SIL was compiled for, read from the SIL itself, so that sizes
// follow the build and a contradicting option is an error instead of silently wrong sizes.
//
// `Int` is a struct around a builtin integer as wide as a pointer, and optimized SIL makes
// Int values from literals all the time:
//
//   %2 = integer_literal $Builtin.Int64, 0        on a 64-bit target
//   %8 = struct $Int (%2)
//
// The first `struct $Int` or `struct $UInt` built from an `integer_literal` tells the width.
// LLVM IR states it outright (`target datalayout = "…-p:64:64…"`), when given.

import SILModel

public enum TargetDetection {
    /// Pointer width in bits and where it was seen, or nil when the SIL never builds an Int
    /// from a literal.
    public static func pointerWidth(of module: Module) -> (bits: Int, function: String)? {
        let text = InstructionText(module: module)
        for f in module.functions where f.isDefinition {
            var literalWidth: [Int32: Int] = [:]
            for inst in f.instructions {
                if inst.opcode == .integerLiteral, let result = f.results(of: inst).first {
                    let r = text.rest(inst)
                    if r.hasPrefix("$Builtin.Int64,") { literalWidth[result] = 64 }
                    else if r.hasPrefix("$Builtin.Int32,") { literalWidth[result] = 32 }
                } else if inst.opcode == .structInst {
                    let r = text.rest(inst)
                    guard r.hasPrefix("$Int (") || r.hasPrefix("$UInt (") else { continue }
                    if let op = f.operands(of: inst).first, let bits = literalWidth[op] { return (bits, f.swiftName) }
                }
            }
        }
        return nil
    }

    /// `target datalayout = "e-m:e-p:64:64-…"` → 64 (the default address space's pointer size).
    public static func pointerWidth(ofIR bytes: [UInt8]) -> Int? {
        let key = Array("target datalayout = \"".utf8)
        guard let at = LLVMIRText.find(key, in: bytes[...]) else { return nil }
        var i = at + key.count
        while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
            // A component `p:64:64` or `p0:64:64`.
            if bytes[i] == UInt8(ascii: "p"), i > 0, bytes[i - 1] == UInt8(ascii: "-") || bytes[i - 1] == UInt8(ascii: "\"") {
                var j = i + 1
                if j < bytes.count, bytes[j] == UInt8(ascii: "0") { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: ":") else { i += 1; continue }
                j += 1
                var bits = 0
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 { bits = bits * 10 + Int(bytes[j] - 48); j += 1 }
                return bits > 0 ? bits : nil
            }
            i += 1
        }
        return 64   // LLVM's default when the layout names no pointer size
    }

    /// The pointer width of a target triple's architecture (nil: not known).
    public static func pointerWidth(ofTriple triple: String) -> Int? {
        let arch = triple.split(separator: "-").first.map(String.init) ?? triple
        if ["x86_64", "arm64", "arm64e", "aarch64", "riscv64", "powerpc64", "powerpc64le", "s390x", "wasm64", "mips64", "mips64el"].contains(arch) { return 64 }
        if arch.hasPrefix("armv") || arch.hasPrefix("thumbv") || ["arm", "i386", "i686", "riscv32", "wasm32", "avr", "mips", "mipsel", "powerpc"].contains(arch) {
            return arch == "avr" ? 16 : 32
        }
        return nil
    }
}
