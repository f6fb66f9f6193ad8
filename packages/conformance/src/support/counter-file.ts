// A counter kept in a temporary file, shared alike by threads and processes (see
// fixtures/increment-file-counter.mjs for why a file).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function counterFile(): { path: string; read(): number; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'weft-conformance-'));
  const path = join(dir, 'counter');
  writeFileSync(path, '0');
  return {
    path,
    read: () => Number(readFileSync(path, 'utf8')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
