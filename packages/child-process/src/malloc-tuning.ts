// How a child's malloc hands memory back. A worker process receives large arguments into fresh
// buffers, frees them when its GC runs, and receives more. With glibc's defaults it gives the
// freed top of its heap back to the kernel as soon as more than twice the largest recent block
// is free (2 MiB for 1 MiB arguments), so the next buffers are fresh pages again, each page a
// fault (~10 µs on a small VM: 2.5 ms per MiB against ~0.1 ms to copy it). Keeping up to
// TRIM_BYTES free instead, 256 × 1 MiB submitted at once to two children, medians of three
// processes each, alternating: copied 1.02–1.39k → 1.32–1.79k tasks/s, handed over 1.14–1.41k →
// 1.44–1.71k; pinned to one core, copied ~560 → 1.03–1.10k. Keeping 64 or 128 MiB read no
// better. The cost: an idle child may keep up to TRIM_BYTES it no longer uses (after six such
// bursts a child's RSS read 92–94 MiB, against 76–94 without).
//
// glibc reads GLIBC_TUNABLES once, at start, so it goes in the child's environment. A user's
// own setting wins: with GLIBC_TUNABLES (even empty) or any MALLOC_*_ variable in the parent's
// environment, children get that environment unchanged. Other C libraries ignore the variable.

/** marks a GLIBC_TUNABLES that weft set, so the child can drop it (env.ts) */
export const ENV_MALLOC_TUNED = 'WEFT_CP_MALLOC_TUNED';

/** free heap top a child keeps rather than give back (glibc's default: 128 KiB, raised as blocks are freed) */
const TRIM_BYTES = 32 * 1024 * 1024;
/** blocks below this come from the heap, where they are reused; glibc raises its own threshold up to this size */
const MMAP_BYTES = 32 * 1024 * 1024;

const USER_SETTINGS = ['GLIBC_TUNABLES', 'MALLOC_TRIM_THRESHOLD_', 'MALLOC_MMAP_THRESHOLD_', 'MALLOC_TOP_PAD_', 'MALLOC_MMAP_MAX_', 'MALLOC_ARENA_MAX'];

/** What a forked child's environment adds for its malloc: nothing off Linux or when the user has set their own. */
export function mallocTuningEnv(env: NodeJS.ProcessEnv, platform: NodeJS.Platform = process.platform): Record<string, string> {
  if (platform !== 'linux' || USER_SETTINGS.some((name) => env[name] !== undefined)) return {};
  return {
    GLIBC_TUNABLES: `glibc.malloc.trim_threshold=${TRIM_BYTES}:glibc.malloc.mmap_threshold=${MMAP_BYTES}`,
    [ENV_MALLOC_TUNED]: '1',
  };
}

/** In a child: forget the tuning weft set, so processes a task starts get the user's environment. */
export function dropMallocTuning(env: NodeJS.ProcessEnv): void {
  if (env[ENV_MALLOC_TUNED] === undefined) return;
  delete env[ENV_MALLOC_TUNED];
  delete env.GLIBC_TUNABLES;
}
