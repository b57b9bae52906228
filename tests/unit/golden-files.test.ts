import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compareWithGolden } from '../helpers/golden.ts';

/** The golden-file comparison itself (tests/helpers/golden.ts): a golden test is only as good as its failures. */

async function expectedFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'golden-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [file, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}

const expected = { 'a/data.csv': 'id,name\r\n1,Oak\r\n2,Elm\r\n', 'a/manifest.json': '{\n  "rows": 2\n}\n' };

describe('golden files', () => {
  it('pass when every file matches, byte for byte', async () => {
    const dir = await expectedFolder(expected);
    expect(await compareWithGolden(dir, new Map(Object.entries(expected)), { update: false })).toEqual([]);
  });

  it('fail when one byte changes, naming the file and the line, and write the actual output beside it', async () => {
    const dir = await expectedFolder(expected);
    const actual = new Map(Object.entries({ ...expected, 'a/data.csv': 'id,name\r\n1,Oak\r\n2,Elk\r\n' }));
    const problems = await compareWithGolden(dir, actual, { update: false });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('a/data.csv: differs, line 3: expected "2,Elm\\r", actual "2,Elk\\r"');
    expect(problems[0]).toContain('data.actual.csv');
    expect(problems[0]).toContain('UPDATE_GOLDEN=1');
    expect(await readFile(path.join(dir, 'a/data.actual.csv'), 'utf8')).toBe(actual.get('a/data.csv'));
    // The expected file is left as it was.
    expect(await readFile(path.join(dir, 'a/data.csv'), 'utf8')).toBe(expected['a/data.csv']);
  });

  it('fail on a missing final line break too', async () => {
    const dir = await expectedFolder(expected);
    const problems = await compareWithGolden(dir, new Map(Object.entries({ ...expected, 'a/manifest.json': '{\n  "rows": 2\n}' })), { update: false });
    expect(problems).toEqual([expect.stringContaining('a/manifest.json: differs, line 4: expected "", actual (no such line)')]);
  });

  it('fail on a file produced but not expected, and on one expected but no longer produced', async () => {
    const dir = await expectedFolder(expected);
    const actual = new Map(Object.entries({ 'a/data.csv': expected['a/data.csv'], 'a/data.xml': '<rows/>\n' }));
    const problems = await compareWithGolden(dir, actual, { update: false, label: 'embedded' });
    expect(problems).toEqual([
      expect.stringMatching(/a\/data\.xml: produced but not expected \(written to .*a\/data\.embedded\.actual\.xml\)/),
      expect.stringContaining('a/manifest.json: expected but no longer produced'),
    ]);
  });

  it('remove a stale actual file once the output matches again', async () => {
    const dir = await expectedFolder(expected);
    await compareWithGolden(dir, new Map(Object.entries({ ...expected, 'a/data.csv': 'changed\r\n' })), { update: false });
    expect(existsSync(path.join(dir, 'a/data.actual.csv'))).toBe(true);
    await compareWithGolden(dir, new Map(Object.entries(expected)), { update: false });
    expect(existsSync(path.join(dir, 'a/data.actual.csv'))).toBe(false);
  });

  it('with UPDATE_GOLDEN rewrite the expected files, add new ones and delete the ones no longer produced', async () => {
    const dir = await expectedFolder(expected);
    const actual = new Map(Object.entries({ 'a/data.csv': 'id\r\n1\r\n', 'b/new.json': '[]\n' }));
    expect(await compareWithGolden(dir, actual, { update: true })).toEqual([]);
    expect(await readFile(path.join(dir, 'a/data.csv'), 'utf8')).toBe('id\r\n1\r\n');
    expect(await readFile(path.join(dir, 'b/new.json'), 'utf8')).toBe('[]\n');
    expect(existsSync(path.join(dir, 'a/manifest.json'))).toBe(false);
    expect(await compareWithGolden(dir, actual, { update: false })).toEqual([]);
  });
});
