import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { downloadFormats, type DownloadFormatId } from '../../../src/shared/download-formats.ts';
import { CopyTranscoder } from '../lib/copy-transcoder.ts';
import { FormatNotWritable } from '../errors.ts';
import { XLSX_MAX_CELL_CHARACTERS } from '../lib/xlsx-writer.ts';
import type { FormatSink } from './sink.ts';
import { formatSinks } from './sinks.ts';

const columns = [
  { name: 'id', type: 'integer' as const },
  { name: 'name', type: 'string' as const },
  { name: 'open', type: 'boolean' as const },
];
const sqlTypes = [
  { name: 'int4', typmod: -1 },
  { name: 'text', typmod: -1 },
  { name: 'bool', typmod: -1 },
];
const copyText = Buffer.from('1\tOak Street\tt\n2\t\\N\tf\n');
const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function write(id: DownloadFormatId, copy: Buffer): Promise<{ sink: FormatSink; file: string; dir: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'format-sink-'));
  dirs.push(dir);
  const format = downloadFormats.find((f) => f.id === id)!;
  const file = path.join(dir, format.name);
  const sink = formatSinks[id]({ path: file, datasetId: 'trees', columns, sqlTypes, snapshotAt: new Date('2026-01-01T00:00:00Z') });
  const transcoder = new CopyTranscoder({
    columns,
    json: true,
    sampleRows: 0,
    onRow: (row) => {
      if (sink.input === 'rows') sink.add(row.values());
      else if (sink.input === 'copy-rows') sink.add(row);
    },
  });
  await sink.start();
  transcoder.push(copy);
  transcoder.end();
  if (sink.input === 'rows' || sink.input === 'copy-rows') await sink.flush();
  else await sink.write(sink.input === 'csv-bytes' ? transcoder.csv.take() : transcoder.json!.take());
  return { sink, file, dir };
}

describe('the download-format registry and its sinks', () => {
  it('has a sink for every registered format and a registered format for every sink', () => {
    expect(Object.keys(formatSinks).sort()).toEqual(downloadFormats.map((f) => f.id).sort());
  });

  it('gives every format its own id and file name, and row-limits any format that cannot stream', () => {
    expect(new Set(downloadFormats.map((f) => f.id)).size).toBe(downloadFormats.length);
    expect(new Set(downloadFormats.map((f) => f.name)).size).toBe(downloadFormats.length);
    for (const format of downloadFormats) {
      if (!format.streams) expect(format.rowLimit, `${format.id} does not stream`).toBe('spreadsheet');
      expect(format.ianaMediaType, format.id).toBe(`http://www.iana.org/assignments/media-types/${format.mediaType}`);
    }
  });

  it.each(downloadFormats.map((f) => f.id))('%s: writes the file and reports the size and SHA-256 of what is on disk', async (id) => {
    const { sink, file } = await write(id, copyText);
    const written = await sink.finish(2);
    const bytes = await readFile(file);
    expect(written).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it.each(downloadFormats.map((f) => f.id))('%s: abandoning deletes the file', async (id) => {
    const { sink, dir } = await write(id, copyText);
    await sink.abandon();
    expect(await readdir(dir)).toEqual([]);
  });

  it('lets the workbook give up on a value a cell cannot hold', async () => {
    await expect(write('xlsx', Buffer.from(`1\t${'x'.repeat(XLSX_MAX_CELL_CHARACTERS + 1)}\tt\n`))).rejects.toThrow(FormatNotWritable);
  });
});
