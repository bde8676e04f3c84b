import { randomBytes } from 'node:crypto';
import type { FactSource } from '@tandem/storage';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeFact } from '../src/analytics/facts.ts';
import { streamSheet } from '../src/analytics/sheet.ts';
import { singleFlight } from '../src/analytics/singleFlight.ts';

const t0 = new Date('2026-03-02T02:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function source(patch: Partial<FactSource>): FactSource {
  return {
    id: '00000000-0000-0000-0000-000000000001',
    workspaceId: '00000000-0000-0000-0000-000000000002',
    contactId: '00000000-0000-0000-0000-000000000003',
    channel: 'widget',
    status: 'bot',
    teamId: null,
    lastAgentId: null,
    assigneeId: null,
    handoffReason: null,
    emotion: null,
    csat: null,
    firstResponseAt: null,
    slaDue: false,
    slaFlags: [],
    resolvedAt: null,
    createdAt: t0,
    version: t0.toISOString(),
    contactLang: 'en',
    events: [{ type: 'create', fromStatus: null, toStatus: 'bot', at: t0 }],
    botReplies: [],
    ...patch,
  };
}

/** The edges of the fact definitions (docs/metrics.md) the hand-built histories do not reach. */
describe('a conversation as analytics counts it', () => {
  it('is open again once reopened: no end, no handle time, no bot outcome', () => {
    const fact = computeFact(
      source({
        status: 'assigned',
        lastAgentId: 'u1',
        resolvedAt: null,
        events: [
          { type: 'requestHuman', fromStatus: 'bot', toStatus: 'queued', at: at(10) },
          { type: 'accept', fromStatus: 'queued', toStatus: 'assigned', at: at(40) },
          { type: 'resolve', fromStatus: 'assigned', toStatus: 'resolved', at: at(100) },
          { type: 'reopen', fromStatus: 'resolved', toStatus: 'assigned', at: at(200) },
        ],
      }),
    );
    expect([fact.endedAt, fact.handleS, fact.botOutcome, fact.waitS, fact.agentId]).toEqual([
      null,
      null,
      '',
      30,
      'u1',
    ]);
  });

  it('counts a person-to-person assignment as a transfer, a first assignment from the queue not', () => {
    const fact = computeFact(
      source({
        status: 'resolved',
        resolvedAt: at(500),
        lastAgentId: 'u2',
        events: [
          { type: 'requestHuman', fromStatus: 'bot', toStatus: 'queued', at: at(10) },
          { type: 'assign', fromStatus: 'queued', toStatus: 'assigned', at: at(20) },
          { type: 'assign', fromStatus: 'assigned', toStatus: 'assigned', at: at(60) },
          { type: 'resolve', fromStatus: 'assigned', toStatus: 'resolved', at: at(500) },
        ],
      }),
    );
    expect([fact.transfers, fact.handleS, fact.botOutcome]).toEqual([1, 480, 'unresolved']);
  });

  it('keeps a bot-ended conversation pending, a negative rating makes it unresolved at once', () => {
    const ended = source({
      status: 'closed',
      events: [{ type: 'close', fromStatus: 'bot', toStatus: 'closed', at: at(60) }],
      botReplies: [
        { kind: 'unknown', intent: null },
        { kind: 'answer', intent: 'refund' },
      ],
    });
    const fact = computeFact(ended);
    expect([fact.endedAt, fact.botOutcome, fact.intent, fact.oosReplies, fact.botReplies]).toEqual([
      at(60),
      'pending',
      'refund',
      1,
      2,
    ]);
    expect(computeFact({ ...ended, csat: 2 }).botOutcome).toBe('unresolved');
    expect(computeFact({ ...ended, csat: 3 }).botOutcome).toBe('pending');
  });

  it('leaves SLA undecided while open and not breached, and takes the strongest negative emotion', () => {
    const open = computeFact(
      source({
        status: 'queued',
        slaDue: true,
        slaFlags: ['first_response:warning'],
        emotion: {
          current: { basic: 'joy', polarity: 'positive', intensity: 0.6 },
          history: [
            { basic: 'sadness', polarity: 'negative', intensity: 0.4 },
            { basic: 'anger', polarity: 'negative', intensity: 0.7 },
          ],
        },
        events: [{ type: 'requestHuman', fromStatus: 'bot', toStatus: 'queued', at: at(5) }],
      }),
    );
    expect([open.slaMet, open.emotion, open.lang]).toEqual([null, 'anger', 'en']);
  });
});

describe('single-flight jobs (the analytics listener’s flush, sweep and purge)', () => {
  it('never overlaps a pass and follows any number of triggers during one with exactly one more', async () => {
    const releases: Array<() => void> = [];
    let running = 0;
    let most = 0;
    let passes = 0;
    const job = singleFlight(
      () =>
        new Promise<void>((resolve) => {
          passes++;
          running++;
          most = Math.max(most, running);
          releases.push(() => {
            running--;
            resolve();
          });
        }),
      () => {},
    );
    const first = job.trigger();
    for (let i = 0; i < 50; i++) void job.trigger();
    expect(passes).toBe(1);
    (releases.shift() as () => void)();
    // the pass after the triggers starts once the first ends
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(passes).toBe(2);
    (releases.shift() as () => void)();
    await first;
    expect([passes, most, job.running]).toEqual([2, 1, false]);
    // idle again: a trigger starts a new pass at once
    const next = job.trigger();
    expect(passes).toBe(3);
    (releases.shift() as () => void)();
    await next;
  });

  it('reports a failed pass and runs again on the next trigger', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const job = singleFlight(
      async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
      },
      (error) => errors.push(error),
    );
    await job.trigger();
    await job.trigger();
    expect([calls, errors.length]).toEqual([2, 1]);
    job.stop();
    await job.trigger();
    expect(calls).toBe(2);
  });
});

describe('export sheets', () => {
  const write = async (format: 'csv' | 'xlsx') => {
    const stream = streamSheet(
      format,
      ['text'],
      'sheet',
      async (writer) => {
        await writer.row(['=1+1']);
        await writer.row(['-5 left']);
      },
      () => {},
    );
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks);
  };

  it.each(['csv', 'xlsx'] as const)(
    'writes as a slow reader reads, without piling up rows or listeners (%s)',
    async (format) => {
      // rows larger than the streams' buffers, each different and not compressible (XLSX is zipped)
      const ROWS = 60;
      const listeners: number[] = [];
      const readWhenProduced: number[] = [];
      let out: NodeJS.ReadableStream | null = null;
      let read = 0;
      const stream = streamSheet(
        format,
        ['text'],
        'sheet',
        async (writer) => {
          for (let i = 0; i < ROWS; i++) {
            await writer.row([randomBytes(24 * 1024).toString('base64')]);
            readWhenProduced.push(read);
            const s = out as unknown as { listenerCount(name: string): number };
            listeners.push(s.listenerCount('close') + s.listenerCount('error') + s.listenerCount('drain'));
          }
        },
        () => {},
      );
      out = stream;
      // read a chunk at a time, each in a later turn of the event loop: the writer has to wait
      for await (const chunk of stream) {
        read += (chunk as Buffer).length;
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(read).toBeGreaterThan(ROWS * 16 * 1024);
      // when the last row was produced, most of the file had been read already: rows were not held back
      expect(readWhenProduced.at(-1)).toBeGreaterThan(read / 2);
      // nothing is left behind per wait (a leak grew by two per row); a pipe waiting for 'drain' adds one
      expect(listeners).toHaveLength(ROWS);
      expect(Math.max(...listeners) - Math.min(...listeners)).toBeLessThanOrEqual(1);
    },
  );

  it('keeps text that looks like a formula as text: prefixed in CSV, as it is in a typed XLSX cell', async () => {
    expect((await write('csv')).toString('utf8')).toContain("'=1+1");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await write('xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('sheet');
    expect([sheet?.getCell('A2').value, sheet?.getCell('A3').value]).toEqual(['=1+1', '-5 left']);
    expect(sheet?.getCell('A2').type).toBe(ExcelJS.ValueType.String);
  });
});
