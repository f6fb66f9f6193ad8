// The 1 MiB payloads of a repetition, made before its clock starts and written to.
//
// Written, because a payload is data somebody wrote: a fresh `new Uint8Array(MIB)` is zeroed
// memory the kernel has not mapped yet, and the first read of each of its 256 pages faults
// (~10 µs a fault on these VMs: 2.5 ms per MiB). That cost landed on whichever code read the
// buffer first, a pool's serializer or the kernel's writev, and only in repetitions where the
// allocator handed out fresh pages instead of the previous repetition's: one process read
// 320 tasks/s with 2.9 ms of system time per task, the next 1,400 with 0.3 ms.
export const MIB = 1 << 20;

export function payloadBuffers(count) {
  return Array.from({ length: count }, (_, i) => new Uint8Array(MIB).fill(i & 0xff));
}
