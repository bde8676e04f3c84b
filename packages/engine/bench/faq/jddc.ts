/**
 * The real-traffic probe of `npm run bench:faq`: the first customer message of every shared JDDC session
 * (real JD.com customer-service chats, ../shared/datasets/jddc) sent to the demo shop's bot as the first
 * turn of a new conversation, and each reply classified by the rule in docs/bench-faq.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { ConversationEngine } from '../../src/dialog/conversationEngine.ts';
import type { TurnOutput } from '../../src/dialog/types.ts';

/** Hand judgements of answers: session id → entry or flow answered → acceptable (true) or wrong (false). */
export type JddcLabels = Record<string, Record<string, boolean>>;

export type JddcOutcome =
  | 'right'
  | 'wrong'
  | 'unjudged'
  | 'offered'
  | 'asked'
  | 'smalltalk'
  | 'declined'
  | 'handover'
  | 'blocked';

/**
 * The classification rule (docs/bench-faq.md): a hand-over first; then an answer (an FAQ answer, a task
 * started, a rule's answer) is right or wrong by the hand judgement of that entry for that session
 * (unjudged when there is none: counted with the wrong ones in the headline figure); small talk replies; a
 * did-you-mean list; a question back without choices ("what would you like to know about this order?");
 * an honest "can't help".
 */
export function classify(out: TurnOutput, labels: Record<string, boolean> | undefined): JddcOutcome {
  if (out.kind === 'blocked') return 'blocked';
  if (out.handover) return 'handover';
  if (out.kind === 'answer' || out.kind === 'flow' || out.kind === 'rule') {
    const judged = labels?.[out.intent ?? `rule:${out.replies[0]?.text ?? ''}`];
    return judged === undefined ? 'unjudged' : judged ? 'right' : 'wrong';
  }
  if (out.kind === 'greeting' || out.intent?.startsWith('smalltalk.')) return 'smalltalk';
  if (out.kind === 'clarify') return out.replies.some((r) => r.buttons.length > 0) ? 'offered' : 'asked';
  return 'declined';
}

const OUTCOMES: JddcOutcome[] = [
  'right',
  'wrong',
  'unjudged',
  'offered',
  'asked',
  'smalltalk',
  'declined',
  'handover',
  'blocked',
];

/** Markdown table: one row per half, a column per outcome, and the headline (wrong + unjudged) share. */
export function jddcTable(rows: Array<{ half: 'tune' | 'report'; outcome: JddcOutcome }>): string {
  const pct = (n: number, of: number) => (of === 0 ? '—' : `${n} (${((100 * n) / of).toFixed(1)}%)`);
  const lines = [
    `| half | sessions | confidently wrong (wrong + unjudged) | ${OUTCOMES.join(' | ')} |`,
    `|---|---:|---:|${OUTCOMES.map(() => '---:').join('|')}|`,
  ];
  for (const half of ['report', 'tune'] as const) {
    const set = rows.filter((r) => r.half === half);
    const count = (o: JddcOutcome) => set.filter((r) => r.outcome === o).length;
    lines.push(
      `| ${half} | ${set.length} | **${pct(count('wrong') + count('unjudged'), set.length)}** | ${OUTCOMES.map((o) => pct(count(o), set.length)).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export interface JddcSession {
  id: string;
  first: string;
}

/** The first customer turn of each session, or null when the dataset is not there. */
export function readJddc(path: string): JddcSession[] | null {
  if (!existsSync(path)) return null;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const row = JSON.parse(line) as { session_id: string; turns: Array<{ speaker: string; text: string }> };
      const first = row.turns.find((t) => t.speaker === 'customer')?.text.trim();
      return first ? [{ id: row.session_id, first }] : [];
    });
}

/** Tuning half (bot changes are checked here) and report half (only measured), by a hash of the session id. */
export const halfOf = (id: string): 'tune' | 'report' =>
  (createHash('sha256').update(id).digest()[0] ?? 0) % 2 === 0 ? 'tune' : 'report';

export async function replies(engine: ConversationEngine, sessions: JddcSession[]) {
  const out: Array<{ session: JddcSession; out: TurnOutput }> = [];
  for (const session of sessions) {
    out.push({
      session,
      out: await engine.turn(null, { text: session.first, attributes: {}, now: new Date() }),
    });
  }
  return out;
}
