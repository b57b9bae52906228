/**
 * Named points where the fault-injection tests (tests/integration/faults/) stop a command to kill
 * it at an exact moment (between writing a temporary file and renaming it, before the site swap),
 * which no timing could hit reliably. Inert unless CATALOG_FAILPOINT names the point: then the
 * process says so on stderr and stops itself (SIGSTOP) until the test kills it.
 */

export type FailpointName = 'manifest-rewrite' | 'site-swap' | 'site-swap-halfway';

export function failpoint(name: FailpointName): void {
  if (process.env.CATALOG_FAILPOINT !== name) return;
  process.stderr.write(`failpoint ${name} reached (pid ${process.pid})\n`);
  process.kill(process.pid, 'SIGSTOP');
}
