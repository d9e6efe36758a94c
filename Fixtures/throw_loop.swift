// Fixture: throw_loop — an error thrown inside a loop and kept outlives its iteration.
//
//   Detail {code, a, b, c: Int}   16 + 4*8 = 48   (DeviceError.failed(Detail): a typed throw)
// keepLastError: 4 iterations call probe, which throws a new Detail while i < n; the catch
//   stores it in lastError, releasing the one before. At the store, the new Detail and the old
//   one are both live: 2 * 48 = 96.
// keepInline: the same with the throw inside the loop body (no call): 96.
// keepAll: every Detail appended to a global array: the array's count on entry is unknown.
//
// SIL (-Osize): the loop is unrolled into four `try_apply` whose error blocks take the
// DeviceError as their argument and store it to the global; the normal blocks get `()`.
//
// expect: keepLastError peak 96
// expect: keepInline peak 96
// expect: keepAll peak 256
// maxlive: keepLastError bound 192 (a stored error counts as kept for good: the slot that would credit the one it replaces is written through an Optional enum the slot model does not follow)
// maxlive: keepInline bound 192 (the same: every stored error is kept)
// maxlive: keepAll unbounded (the global array's count on entry is unknown: each call may find it larger)
// inputs: keepLastError 0 1 2 3 4
// inputs: keepInline 0 1 2 3 4
// inputs: keepAll 0 1 4
public final class Detail {
    var code: Int, a: Int, b: Int, c: Int
    init(_ c: Int) { code = c; a = 0; b = 0; self.c = c }
}
public enum DeviceError: Error { case failed(Detail) }

nonisolated(unsafe) var lastError: DeviceError? = nil
nonisolated(unsafe) var errors: Int = 0

@inline(never) func probe(_ i: Int, _ n: Int) throws(DeviceError) {
    if i < n { throw .failed(Detail(i)) }
}

@_semantics("maxlive.entry")
public func keepLastError(_ n: Int) {
    for i in 0..<4 {
        do {
            try probe(i, n)
        } catch {
            errors &+= 1
            lastError = error
        }
    }
}

@_semantics("maxlive.entry")
public func keepInline(_ n: Int) {
    for i in 0..<4 {
        do throws(DeviceError) {
            if i < n { throw DeviceError.failed(Detail(i)) }
        } catch {
            lastError = error
        }
    }
}

nonisolated(unsafe) var kept: [Detail] = []
@_semantics("maxlive.entry")
public func keepAll(_ n: Int) {
    for i in 0..<4 {
        do throws(DeviceError) {
            try probe(i, n)
        } catch {
            if case .failed(let d) = error { kept.append(d) }
        }
    }
}

public func fixtureReset() { lastError = nil; errors = 0; kept = [] }
