/** The results table: one line per target, each figure a ratio or size measured in the same run. */

export interface TargetLine {
  case: string;
  figure: string;
  value: string;
  target: string;
  met: boolean;
}

export function markdownTable(lines: readonly TargetLine[]): string {
  const rows = lines.map((l) => `| ${l.case} | ${l.figure} | ${l.value} | ${l.target} | ${l.met ? '✅ met' : '❌ not met'} |`);
  return ['| case | figure | measured (median) | target | |', '|---|---|---|---|---|', ...rows].join('\n');
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
