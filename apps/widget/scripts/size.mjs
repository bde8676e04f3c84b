// Prints the raw and gzipped size of the built widget (run after `vite build`).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = new URL('../dist/widget.js', import.meta.url);
const code = readFileSync(file);
const gzipped = gzipSync(code, { level: 9 });
const kb = (bytes) => `${(bytes / 1024).toFixed(2)} kB`;
// 26 kB since automatic resending (backoff, resend on reconnect, `sync`) came in at 25.5 kB; 27.5 kB since
// the queue line (place, estimated wait), the new notices and the rating prompt came in at 27.4 kB; 30 kB since
// leaving a message (the form with its checks in both languages, the "nobody online", "closed until",
// "message left" and "expert joined" notices, the opening time) came in at 29.9 kB; 30.6 kB since the
// workspace's appearance (brand colour and its derived shades, corner, greeting, languages, elder mode by
// default, fetched on every page view) came in at 31,315 bytes (30,672 before it); 30.65 kB since read
// receipts (a debounced `message:read` with the highest seq shown: about 40 bytes) came in at 31,371 bytes
// (31,323 before them); 30.8 kB since bot answers from documents (the answer shown as the model writes it,
// `bot:stream`, and its sources under it) came in at 31,529 bytes (31,363 before them); 30.85 kB since that
// answer streams in numbered pieces (appended in order; after a missed piece the widget waits for the whole
// text), instead of the whole text again per piece, came in at 31,575 bytes (31,528 before)
const budget = 30.85 * 1024;
console.log(`widget.js: ${kb(code.length)} raw, ${kb(gzipped.length)} gzipped (budget ${kb(budget)})`);
if (gzipped.length > budget) {
  console.error('widget.js is over its size budget');
  process.exitCode = 1;
}
