import type pg from 'pg';
import { quoteIdent } from './pg-types.ts';

/**
 * Text that is not UTF-8, said with the column and the conversion that fixes it. A database created
 * with SQL_ASCII encoding stores bytes as they were written (Latin-1, Windows-1252…); the server
 * refuses to send them as UTF-8 (SQLSTATE 22021, in whichever query meets them first) and its
 * message quotes the bytes but not the column, so the column is found by probing each one.
 */

export function notUtf8Message(column: string, where: string): string {
  const quoted = quoteIdent(column);
  return (
    `column ${column} holds text that is not valid UTF-8${where}: ` +
    'the database keeps it in another encoding (a database created with SQL_ASCII encoding stores bytes as they were written). ' +
    'Publish the dataset from a view that converts the column to UTF-8, for Latin-1 text: ' +
    `convert_from(convert(convert_to(${quoted}, 'SQL_ASCII'), 'LATIN1', 'UTF8'), 'SQL_ASCII') AS ${quoted} ` +
    '(WIN1252 for text from Windows, LATIN9 for Latin-9), or correct the values at the source.'
  );
}

/**
 * The first published column whose values are not valid UTF-8, or null. One scan per column, each
 * in its own savepoint, run only after a dataset failed with 22021 (inside the caller's snapshot
 * transaction, after its rollback to the dataset's savepoint). Reads nothing but counts.
 */
export async function findNotUtf8Column(client: pg.Client, published: string, columns: readonly { name: string }[]): Promise<string | null> {
  for (const field of columns) {
    await client.query('SAVEPOINT encoding_probe');
    try {
      // convert_from(…, 'UTF8') checks the bytes are UTF-8 and fails (22021) when they are not.
      await client.query(`SELECT count(convert_from(convert_to(${quoteIdent(field.name)}::text, 'SQL_ASCII'), 'UTF8')) FROM (${published}) AS published`);
      await client.query('RELEASE SAVEPOINT encoding_probe');
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT encoding_probe');
      return field.name;
    }
  }
  return null;
}
