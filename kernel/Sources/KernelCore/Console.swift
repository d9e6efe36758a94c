// Console.swift — kernel console output.
//
// Everything here writes straight to the platform console and never allocates, so it is
// safe inside the allocator and the killer. Messages are StaticStrings and integers; no
// String formatting in the kernel.

@_semantics("maxlive.ignore")
public func kprint(_ s: StaticString) {
    platConsoleWrite(s.utf8Start, s.utf8CodeUnitCount)
}

@_semantics("maxlive.ignore")
public func kprintBytes(_ p: UnsafeRawPointer, _ n: Int) {
    if n > 0 { platConsoleWrite(p, n) }
}

@_semantics("maxlive.ignore")
public func kprintInt(_ v: Int) {
    // 20 digits + sign fit in 24 bytes; the buffer lives on the stack.
    var buf: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &buf) { b in
        var i = 24
        var n = v.magnitude
        repeat {
            i -= 1
            b[i] = UInt8(truncatingIfNeeded: n % 10) + 48
            n /= 10
        } while n != 0
        if v < 0 { i -= 1; b[i] = 45 }
        platConsoleWrite(b.baseAddress! + i, 24 - i)
    }
}

/// `label` then `v` then a newline.
@_semantics("maxlive.ignore")
public func kprintKV(_ label: StaticString, _ v: Int) {
    kprint(label); kprintInt(v); kprint("\n")
}

/// Kernel bug: print and stop with status 70. Never used for bad user input.
@_semantics("maxlive.ignore")
public func kpanic(_ s: StaticString) -> Never {
    kprint("kernel panic: "); kprint(s); kprint("\n")
    printCurrentCall()
    halt(70)
}

/// A console device write (fd 1 and 2 of init): raw bytes from the kernel side.
func consoleWrite(_ p: UnsafeRawPointer, _ n: Int) {
    platConsoleWrite(p, n)
}

@inline(__always)
func staticEquals(_ a: StaticString, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    if a.utf8CodeUnitCount != n { return false }
    let q = a.utf8Start
    var i = 0
    while i < n {
        if q[i] != p[i] { return false }
        i += 1
    }
    return true
}

@inline(__always)
func staticEquals(_ a: StaticString, _ b: StaticString) -> Bool {
    staticEquals(a, b.utf8Start, b.utf8CodeUnitCount)
}
