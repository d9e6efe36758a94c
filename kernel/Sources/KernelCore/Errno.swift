// Errno.swift — error returns.
//
// System calls return a non-negative result or -errno (Linux convention); the values are the
// asm-generic ones from include/maxlive_abi.h. Kernel-internal helpers return the same
// encoding. ENOHEAP (511) means "a non-blocking reservation failed": it travels up to the
// dispatcher, which waits for memory and restarts the call; user space never sees it.
import KernelC

@inline(__always) func err(_ e: Int32) -> Int { -Int(e) }

// Computed, not stored: stored globals with non-literal initialisers become lazy `once` globals.
var kEPERM: Int { @inline(__always) get { -Int(EPERM) } }
var kENOENT: Int { @inline(__always) get { -Int(ENOENT) } }
var kESRCH: Int { @inline(__always) get { -Int(ESRCH) } }
var kEINTR: Int { @inline(__always) get { -Int(EINTR) } }
var kEIO: Int { @inline(__always) get { -Int(EIO) } }
var kE2BIG: Int { @inline(__always) get { -Int(E2BIG) } }
var kENOEXEC: Int { @inline(__always) get { -Int(ENOEXEC) } }
var kEBADF: Int { @inline(__always) get { -Int(EBADF) } }
var kECHILD: Int { @inline(__always) get { -Int(ECHILD) } }
var kEAGAIN: Int { @inline(__always) get { -Int(EAGAIN) } }
var kENOMEM: Int { @inline(__always) get { -Int(ENOMEM) } }
var kEACCES: Int { @inline(__always) get { -Int(EACCES) } }
var kEFAULT: Int { @inline(__always) get { -Int(EFAULT) } }
var kEBUSY: Int { @inline(__always) get { -Int(EBUSY) } }
var kEEXIST: Int { @inline(__always) get { -Int(EEXIST) } }
var kEXDEV: Int { @inline(__always) get { -Int(EXDEV) } }
var kENODEV: Int { @inline(__always) get { -Int(ENODEV) } }
var kENOTDIR: Int { @inline(__always) get { -Int(ENOTDIR) } }
var kEISDIR: Int { @inline(__always) get { -Int(EISDIR) } }
var kEINVAL: Int { @inline(__always) get { -Int(EINVAL) } }
var kENFILE: Int { @inline(__always) get { -Int(ENFILE) } }
var kEMFILE: Int { @inline(__always) get { -Int(EMFILE) } }
var kENOTTY: Int { @inline(__always) get { -Int(ENOTTY) } }
var kEFBIG: Int { @inline(__always) get { -Int(EFBIG) } }
var kENOSPC: Int { @inline(__always) get { -Int(ENOSPC) } }
var kESPIPE: Int { @inline(__always) get { -Int(ESPIPE) } }
var kEMLINK: Int { @inline(__always) get { -Int(EMLINK) } }
var kEPIPE: Int { @inline(__always) get { -Int(EPIPE) } }
var kERANGE: Int { @inline(__always) get { -Int(ERANGE) } }
var kENAMETOOLONG: Int { @inline(__always) get { -Int(ENAMETOOLONG) } }
var kENOSYS: Int { @inline(__always) get { -Int(ENOSYS) } }
var kELOOP: Int { @inline(__always) get { -Int(ELOOP) } }
var kENOTEMPTY: Int { @inline(__always) get { -Int(ENOTEMPTY) } }
var kEOPNOTSUPP: Int { @inline(__always) get { -Int(EOPNOTSUPP) } }
var kETIMEDOUT: Int { @inline(__always) get { -Int(ETIMEDOUT) } }
var kEAFNOSUPPORT: Int { @inline(__always) get { -Int(EAFNOSUPPORT) } }
var kEPROTONOSUPPORT: Int { @inline(__always) get { -Int(EPROTONOSUPPORT) } }
var kENOHEAP: Int { @inline(__always) get { -Int(ENOHEAP) } }
