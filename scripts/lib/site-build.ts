import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The mark of a complete site build: `dist/.build-complete.json`, written by `npm run build:site`
 * (scripts/build-site.ts) into the new build before it is swapped into place. Deploy steps check
 * for it (.github/workflows/*.yml), so a `dist/` from a build that was stopped is never published.
 */
export const BUILD_MARKER = '.build-complete.json';

export interface BuildMarker {
  complete: true;
  builtAt: string;
  files: number;
  bytes: number;
}

/** The marker of the build in `dir`, or null when it is not a complete build. */
export async function completeBuild(dir: string): Promise<BuildMarker | null> {
  try {
    const marker = JSON.parse(await readFile(path.join(dir, BUILD_MARKER), 'utf8')) as BuildMarker;
    return marker.complete === true ? marker : null;
  } catch {
    return null;
  }
}
