import { rm } from 'node:fs/promises';
import { afterAll, beforeAll } from 'vitest';
import { demoDatabaseSql } from '../../scripts/demo-db/demo-sql.ts';
import { createTestDatabase, runStatements, type TestDatabase } from './postgres.ts';
import { createWorkspace } from './workspace.ts';

/**
 * For a test file: a fresh database on the test server loaded with the demo data, and an empty
 * workspace to snapshot into; both created before the file's tests, the database dropped and the
 * workspace deleted after.
 */
export function useDemoDatabase(): { readonly db: TestDatabase; readonly root: string } {
  const fixture: { db?: TestDatabase; root?: string } = {};
  beforeAll(async () => {
    fixture.db = await createTestDatabase();
    await runStatements(fixture.db.client, demoDatabaseSql());
    fixture.root = await createWorkspace();
  });
  afterAll(async () => {
    await fixture.db?.drop();
    if (fixture.root) await rm(fixture.root, { recursive: true, force: true });
  });
  return {
    get db() {
      if (!fixture.db) throw new Error('useDemoDatabase(): the database is only available inside tests');
      return fixture.db;
    },
    get root() {
      if (!fixture.root) throw new Error('useDemoDatabase(): the workspace is only available inside tests');
      return fixture.root;
    },
  };
}
