//! A file mapped read-only into memory that a reader survives losing.
//!
//! The cache is replaced by rename, never written in place, so a map stays
//! valid for as long as it is held. But another process may truncate the
//! file anyway (`truncate`, a disk tool), and the kernel then answers a read
//! of a lost page with SIGBUS, which ends the process. A handler catches
//! that SIGBUS when it hits one of these maps: it puts a page of zeros in
//! place of the lost one, notes the loss, and lets the read go on. The
//! reader sees zeros (empty text, records that do not decode, which every
//! reader of the cache already handles), and [`wait_for_loss`] wakes the
//! program to say so. A SIGBUS anywhere else keeps its default action.

use std::fs::File;
use std::io;
use std::ops::Deref;
use std::sync::Once;
use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

/// Maps registered with the handler: start address and length, 0 when free.
const SLOTS: usize = 64;
static STARTS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static LENS: [AtomicUsize; SLOTS] = [const { AtomicUsize::new(0) }; SLOTS];
static PAGE: AtomicUsize = AtomicUsize::new(4096);
static LOST: AtomicUsize = AtomicUsize::new(0);
static INSTALL: Once = Once::new();
/// The pipe the handler writes a byte to at each loss, for [`wait_for_loss`]
/// (-1 when it could not be made).
static WAKE_R: AtomicI32 = AtomicI32::new(-1);
static WAKE_W: AtomicI32 = AtomicI32::new(-1);

/// How many pages of mapped files were lost so far (a file was truncated
/// under this process): what was read from them since may be zeros.
pub fn losses() -> usize {
    LOST.load(Ordering::Relaxed)
}

/// Blocks until a page of a mapped file is lost, with no CPU used while it
/// waits (the handler wakes it through a pipe). Never returns when the pipe
/// could not be made.
pub fn wait_for_loss() {
    install();
    let fd = WAKE_R.load(Ordering::Relaxed);
    loop {
        let mut b = 0u8;
        // SAFETY: a read of one byte into a local, from our pipe.
        let n = unsafe { libc::read(fd, (&mut b as *mut u8).cast(), 1) };
        if n == 1 {
            return;
        }
        if fd < 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
            // No pipe, or it failed: nothing will ever wake this waiter.
            loop {
                std::thread::park();
            }
        }
    }
}

/// A read-only map of a whole file, guarded against the file's truncation.
pub struct MappedFile {
    map: memmap2::Mmap,
    slot: Option<usize>,
}

impl MappedFile {
    /// Maps `file` read-only. When no guard slot is free the map is still
    /// made, unguarded (a later truncation would end the process, as any
    /// plain map would).
    pub fn open(file: &File) -> io::Result<Self> {
        install();
        // SAFETY: read-only; a truncation by another process is caught by
        // the handler for the registered range (see the module's docs).
        let map = unsafe { memmap2::Mmap::map(file) }?;
        let (start, len) = (map.as_ptr() as usize, map.len());
        let slot = (len > 0)
            .then(|| {
                (0..SLOTS).find(|&k| {
                    STARTS[k]
                        .compare_exchange(0, start, Ordering::AcqRel, Ordering::Relaxed)
                        .is_ok()
                })
            })
            .flatten();
        if let Some(k) = slot {
            LENS[k].store(len, Ordering::Release);
        }
        Ok(MappedFile { map, slot })
    }
}

impl Drop for MappedFile {
    fn drop(&mut self) {
        if let Some(k) = self.slot {
            LENS[k].store(0, Ordering::Release);
            STARTS[k].store(0, Ordering::Release);
        }
    }
}

impl Deref for MappedFile {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.map
    }
}

impl AsRef<[u8]> for MappedFile {
    fn as_ref(&self) -> &[u8] {
        &self.map
    }
}

fn install() {
    INSTALL.call_once(|| {
        // SAFETY: sysconf, sigaction, pipe2 and fcntl on our own fds; the
        // handler only makes async-signal-safe calls (mmap, write, signal)
        // and touches atomics.
        unsafe {
            let page = libc::sysconf(libc::_SC_PAGESIZE);
            if page > 0 {
                PAGE.store(page as usize, Ordering::Relaxed);
            }
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_sigbus as *const () as usize;
            sa.sa_flags = libc::SA_SIGINFO;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(libc::SIGBUS, &sa, std::ptr::null_mut());
            let mut fds = [-1; 2];
            if libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) == 0 {
                // The handler's write must never block: a full pipe already
                // has a wake-up waiting in it.
                libc::fcntl(fds[1], libc::F_SETFL, libc::O_NONBLOCK);
                WAKE_R.store(fds[0], Ordering::Relaxed);
                WAKE_W.store(fds[1], Ordering::Relaxed);
            }
        }
    });
}

extern "C" fn on_sigbus(_sig: libc::c_int, info: *mut libc::siginfo_t, _ctx: *mut libc::c_void) {
    // SAFETY: `info` is the kernel's for this signal; the calls below are
    // async-signal-safe (mmap, write to our non-blocking pipe, signal).
    unsafe {
        let addr = (*info).si_addr() as usize;
        let ours = (0..SLOTS).any(|k| {
            let s = STARTS[k].load(Ordering::Acquire);
            let l = LENS[k].load(Ordering::Acquire);
            s != 0 && addr >= s && addr < s + l
        });
        if ours {
            let page = PAGE.load(Ordering::Relaxed);
            let at = addr & !(page - 1);
            let zeros = libc::mmap(
                at as *mut libc::c_void,
                page,
                libc::PROT_READ,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_FIXED,
                -1,
                0,
            );
            if zeros != libc::MAP_FAILED {
                LOST.fetch_add(1, Ordering::Relaxed);
                let w = WAKE_W.load(Ordering::Relaxed);
                if w >= 0 {
                    libc::write(w, [1u8].as_ptr().cast(), 1);
                }
                return;
            }
        }
        // Not ours (or no page could be put there): the default action, at
        // the read that faults again on return.
        libc::signal(libc::SIGBUS, libc::SIG_DFL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_truncated_under_its_map_reads_as_zeros_and_is_noted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("f");
        let mut f = File::create(&path).expect("create");
        f.write_all(&vec![7u8; 5 * 4096]).expect("write");
        let file = File::open(&path).expect("open");
        let map = MappedFile::open(&file).expect("map");
        let before = losses();
        assert_eq!(map[0], 7);
        f.set_len(4096).expect("truncate");
        // The first page is still the file's; the lost ones read as zeros.
        let sum: u64 = map.iter().map(|&b| u64::from(b)).sum();
        assert_eq!(sum, 7 * 4096);
        assert!(losses() > before);
    }
}
