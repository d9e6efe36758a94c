// FileLocks.swift — flock(2): advisory whole-file locks, shared or exclusive.
//
// A lock belongs to an open file description (File), as on Linux: descriptors made by dup
// and fork share it, and it goes when the last of them closes. The inode counts the shared
// holders and marks an exclusive one; a request that conflicts waits until a lock is
// released (LOCK_NB: EWOULDBLOCK), and a signal interrupts the wait (EINTR). Changing a
// lock's mode releases the old one first, so a waiter may get in between, as on Linux.
// Pipes, sockets and the devices have no inode here and no other description of the same
// object to conflict with, so their locks are recorded and always granted.
import KernelC

enum FileLock {
    case none
    case shared
    case exclusive
}

@_semantics("maxlive.entry")
public func sys_flock(_ fd: Int, _ operation: Int) -> Int {
    guard let f = fdGet(fd) else { return kEBADF }
    let wanted: FileLock
    switch operation & ~Int(LOCK_NB) {
    case Int(LOCK_SH): wanted = .shared
    case Int(LOCK_EX): wanted = .exclusive
    case Int(LOCK_UN):
        fileUnlock(f)
        return 0
    default: return kEINVAL
    }
    if f.lock == wanted { return 0 }
    fileUnlock(f)
    guard let ip = f.inode else {
        f.lock = wanted
        return 0
    }
    while !lockIsFree(ip, for: wanted) {
        if operation & Int(LOCK_NB) != 0 { return kEAGAIN }       // EWOULDBLOCK
        if sleep(chan: kChanFileLock, deadline: 0) == .killed { return kEINTR }
    }
    if wanted == .shared { ip.sharedLocks += 1 } else { ip.exclusiveLock = true }
    f.lock = wanted
    return 0
}

private func lockIsFree(_ ip: Inode, for wanted: FileLock) -> Bool {
    wanted == .shared ? !ip.exclusiveLock : !ip.exclusiveLock && ip.sharedLocks == 0
}

/// Release `f`'s lock, if it holds one, and wake whoever waits for a lock.
func fileUnlock(_ f: File) {
    if f.lock == .none { return }
    if let ip = f.inode {
        if f.lock == .shared { ip.sharedLocks -= 1 } else { ip.exclusiveLock = false }
        wakeup(kChanFileLock)
    }
    f.lock = .none
}
