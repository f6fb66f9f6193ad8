// The fixtures fork children that load the BUILT package (dist), as core's workers do.
import { fileURLToPath } from 'node:url';
import { rebuildStaleDist } from '../../../scripts/rebuild-stale-dist.mjs';

export default function setup(): void {
  rebuildStaleDist(fileURLToPath(new URL('..', import.meta.url)));
}
