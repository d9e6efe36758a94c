// Coroutine frames (Sources/Analysis/CoroutineFrames.swift): the IR reader's cases (the command
// line's ways in are in ToolTests).
// Exact figures for whole programs are checked against measured peaks in Fixtures/coroutines.swift.

import Analysis
import Testing

@Suite("Coroutine frames")
struct CoroutineFrameTests {
    @Test("IR reader: malloc, swift_coroFrameAlloc, posix_memalign's and aligned_alloc's size operands, none, a size that is not a constant, an allocator whose size is not read")
    func reader() {
        let ir = """
        define protected swiftcc { ptr, ptr } @"$e1C7AuditedC5valueSivM"(ptr noalias dereferenceable(32) %0, ptr swiftself %1) #5 {
        coro.return:
          %2 = tail call dereferenceable_or_null(48) ptr @malloc(i64 48)
          ret { ptr, ptr } %6
        }
        define internal swiftcc void @"$e1C7AuditedC5valueSivM.resume.0"(ptr %0, i1 %1) #0 {
          tail call void @free(ptr %0)
          ret void
        }
        define swiftcc { ptr, ptr } @plainRamp(ptr %0) {
          %3 = call swiftcc ptr @swift_coroFrameAlloc(i64 noundef 80, i64 %7)
          ret { ptr, ptr } %9
        }
        define swiftcc { ptr, ptr } @memalignRamp(ptr %0) {
          %3 = call i32 @posix_memalign(ptr nonnull %2, i64 16, i64 64)
          ret { ptr, ptr } %9
        }
        define swiftcc { ptr, ptr } @"$e1C7CounterC5valueSivM"(ptr noalias dereferenceable(32) %0) {
          ret { ptr, ptr } %1
        }
        define swiftcc { ptr, ptr } @alignedRamp(ptr %0) {
          %3 = call ptr @aligned_alloc(i64 16, i64 96)
          ret { ptr, ptr } %9
        }
        define swiftcc { ptr, ptr } @callerAllocatorRamp(ptr %0, ptr %alloc) {
          %3 = call swiftcc ptr @swift_coro_alloc(ptr %alloc, i64 64)
          ret { ptr, ptr } %9
        }
        define swiftcc { ptr, ptr } @dynamicRamp(ptr %0, i64 %n) {
          %2 = tail call ptr @malloc(i64 %n)
          ret { ptr, ptr } %3
        }
        declare noalias noundef ptr @malloc(i64 noundef)
        """
        let frames = CoroutineFrameReader.read(Array(ir.utf8))
        #expect(frames["$e1C7AuditedC5valueSivM"] == .bytes(48))
        #expect(frames["$e1C7AuditedC5valueSivM.resume.0"] == .bytes(0))
        #expect(frames["plainRamp"] == .bytes(80))
        #expect(frames["memalignRamp"] == .bytes(64))
        #expect(frames["$e1C7CounterC5valueSivM"] == .bytes(0))
        #expect(frames["dynamicRamp"] == .unknown("malloc"))
        #expect(frames["alignedRamp"] == .bytes(96))
        #expect(frames["callerAllocatorRamp"] == .unknown("swift_coro_alloc"))
        #expect(frames["malloc"] == nil)
    }

    @Test("A ramp left as a thunk: a call of a merged body (…Tm), or an alias, has that body's frame")
    func thunks() {
        let ir = """
        define swiftcc { ptr, ptr } @"$e1M1PC5totalSivM"(ptr %0, ptr %1) {
          %9 = tail call swiftcc { ptr, ptr } @"$e1M1PC5totalSivMTm"(ptr %0, ptr %1, i64 24)
          ret { ptr, ptr } %9
        }
        define internal swiftcc { ptr, ptr } @"$e1M1PC5totalSivMTm"(ptr %0, ptr %1, i64 %2) {
          %3 = tail call ptr @malloc(i64 56)
          ret { ptr, ptr } %4
        }
        @"$e1M1QC5totalSivM" = hidden alias { ptr, ptr } (ptr, ptr), ptr @"$e1M1PC5totalSivM"
        @plainAlias = alias void (), ptr @nowhere
        """
        let frames = CoroutineFrameReader.read(Array(ir.utf8))
        #expect(frames["$e1M1PC5totalSivM"] == .bytes(56))
        #expect(frames["$e1M1QC5totalSivM"] == .bytes(56))
        #expect(frames["plainAlias"] == nil)
    }
}
