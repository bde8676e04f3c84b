/**
 * What the in-memory test servers log at level error (harness.ts), kept per test and shown only when the test
 * fails (setup.ts): a test that answered `internal` then says why. The newest lines only, so a test whose
 * servers log much stays bounded.
 */
const KEPT = 50;
const lines: string[] = [];

export function keepServerLog(line: string): void {
  lines.push(line);
  if (lines.length > KEPT) lines.shift();
}

/** The lines kept since the last call. */
export function takeServerLogs(): string[] {
  return lines.splice(0);
}
