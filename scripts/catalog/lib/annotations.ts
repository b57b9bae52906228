import type { MetadataProblem } from '../../../src/shared/friendly-errors.ts';

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`): each problem shows
 * on the line of the file in the pull request's diff. Escaping follows the runner's rules
 * (actions/toolkit `command.ts`): `%`, CR and LF in the message; also `:` and `,` in properties.
 */
export function formatAnnotation(problem: MetadataProblem): string {
  const properties = [`file=${escapeProperty(problem.file)}`];
  if (problem.line) properties.push(`line=${problem.line}`);
  properties.push(`title=${escapeProperty(`catalog:check ${problem.field}`)}`);
  const command = problem.severity === 'warning' ? 'warning' : 'error';
  return `::${command} ${properties.join(',')}::${escapeData(`${problem.field}: ${problem.message}`)}`;
}

function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
