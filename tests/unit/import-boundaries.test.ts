import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { describeForbidden, findForbiddenImports } from '../helpers/import-boundaries.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures: string[] = [];

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'import-boundaries-'));
  fixtures.push(dir);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

afterAll(async () => {
  await Promise.all(fixtures.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('import boundaries (CONTRIBUTING.md, "Where code goes")', () => {
  it('finds no forbidden import in the project', async () => {
    expect(describeForbidden(await findForbiddenImports(root))).toBe('');
  });

  it('catches a deliberately wrong import on each side, with its file and line', async () => {
    const dir = await project({
      'src/lib/page-helper.ts': "import { z } from 'zod';\n\nimport { listVersions } from '../../scripts/build-data/steps/publish-version.ts';\n",
      'src/components/Widget.astro':
        "---\nimport { a } from '../lib/a.ts';\nimport { b } from '../../scripts/lib/b.ts';\n---\n<p>{a}{b}</p>\n<script>\n  import('../../scripts/lib/c.ts');\n</script>\n",
      'scripts/build-data/step.ts':
        "import { siteConfig } from '../../src/site.config.ts';\nimport { manifestSchema } from '../../src/schemas/manifest.ts';\nexport { formatDate } from '../../src/lib/format.ts';\n",
      'src/shared/store.ts': "import path from 'node:path';\nimport { urls } from '../lib/urls.ts';\nimport { getCollection } from 'astro:content';\n",
      'src/schemas/thing.ts': "import { z } from 'zod';\nimport { SNAPSHOTS_DIR } from '../shared/snapshot-store.ts';\n",
      'src/integrations/ok.ts': "import { listVersions } from '../shared/snapshot-store.ts';\nimport { datasetSchema } from '../schemas/dataset.ts';\n",
    });
    expect(describeForbidden(await findForbiddenImports(dir))).toMatchInlineSnapshot(`
      "src/components/Widget.astro:3 imports '../../scripts/lib/b.ts': site code never imports scripts/ (move what both sides need to src/shared/)
      src/components/Widget.astro:7 imports '../../scripts/lib/c.ts': site code never imports scripts/ (move what both sides need to src/shared/)
      src/lib/page-helper.ts:3 imports '../../scripts/build-data/steps/publish-version.ts': site code never imports scripts/ (move what both sides need to src/shared/)
      src/schemas/thing.ts:2 imports '../shared/snapshot-store.ts': src/schemas/ imports only other schemas and npm packages
      src/shared/store.ts:2 imports '../lib/urls.ts': src/shared/ imports only src/schemas/, src/shared/, Node built-ins and npm packages
      src/shared/store.ts:3 imports 'astro:content': src/shared/ imports only Node built-ins and npm packages, not framework virtual modules
      scripts/build-data/step.ts:3 imports '../../src/lib/format.ts': pipeline code imports from src/ only src/schemas/, src/shared/ and src/site.config.ts (move what both sides need to src/shared/)"
    `);
  });
});
