import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { type ConversationEngine, createConversationEngine } from '../conversationEngine.ts';
import { createFetchHttp } from '../flows/index.ts';
import type { ConversationBotState } from '../types.ts';
import { checkTurn, type Mismatch } from './check.ts';
import { loadWorkspace } from './loadWorkspace.ts';
import { transcriptSchema } from './schema.ts';

export interface TranscriptResult {
  file: string;
  name: string;
  failures: Array<{ turn: number; customer: string; replies: string[]; mismatches: Mismatch[] }>;
  error?: string;
}

interface BusinessApi {
  url: string;
  close(): Promise<void>;
}

/** Every `.yml` / `.yaml` transcript under a directory (the workspace file itself excluded). */
export function findTranscripts(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...findTranscripts(path));
    else if (/\.ya?ml$/.test(name) && !/^workspace\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

async function startApi(module: string): Promise<BusinessApi> {
  const loaded = (await import(pathToFileURL(module).href)) as { start?: () => Promise<BusinessApi> };
  if (typeof loaded.start !== 'function') throw new Error(`${module} must export start()`);
  return loaded.start();
}

/**
 * Runs transcript tests: each file is a conversation of `customer:` turns and what the `bot:` must do,
 * played against the workspace it names (knowledge, flows, rules, settings and the business API flows call).
 */
export async function runTranscripts(
  dir: string,
  now = new Date('2026-11-23T10:00:00+08:00'),
): Promise<TranscriptResult[]> {
  const results: TranscriptResult[] = [];
  const apis = new Map<string, BusinessApi>();
  // one engine per workspace file: training the bot is the slow part, a conversation's state is per transcript
  const engines = new Map<string, ConversationEngine>();
  try {
    for (const file of findTranscripts(resolve(dir))) {
      const result: TranscriptResult = { file: relative(process.cwd(), file), name: file, failures: [] };
      results.push(result);
      try {
        const parsed = transcriptSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
        if (!parsed.success) {
          throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
        }
        const transcript = parsed.data;
        result.name = transcript.name;
        const workspaceFile = resolve(dirname(file), transcript.workspace ?? 'workspace.yml');
        let engine = engines.get(workspaceFile);
        if (!engine) {
          const workspace = loadWorkspace(workspaceFile);
          let api: BusinessApi | undefined;
          if (workspace.apiModule) {
            api = apis.get(workspace.apiModule) ?? (await startApi(workspace.apiModule));
            apis.set(workspace.apiModule, api);
          }
          engine = createConversationEngine(workspace.brain, {
            http: createFetchHttp({ allowOrigins: api ? [new URL(api.url).origin] : [] }),
            ...(api ? { baseUrl: api.url } : {}),
          });
          engines.set(workspaceFile, engine);
        }
        let state: ConversationBotState | null = null;
        for (const [index, turn] of transcript.turns.entries()) {
          const out = await engine.turn(state, {
            text: turn.customer,
            attributes: transcript.attributes,
            now,
            lang: transcript.lang ?? null,
          });
          state = out.state;
          const mismatches = checkTurn(turn.bot, out);
          if (mismatches.length > 0) {
            result.failures.push({
              turn: index + 1,
              customer: turn.customer,
              replies: out.replies.map((r) => r.text),
              mismatches,
            });
          }
        }
      } catch (error) {
        result.error = error instanceof Error ? error.message : String(error);
      }
    }
  } finally {
    for (const api of apis.values()) await api.close();
  }
  return results;
}

/** A readable report: one line per transcript, and for each failure the turn and a diff. */
export function formatReport(results: TranscriptResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const ok = !r.error && r.failures.length === 0;
    lines.push(`${ok ? '✓' : '✗'} ${r.name}  (${r.file})`);
    if (r.error) lines.push(`    error: ${r.error}`);
    for (const f of r.failures) {
      lines.push(`    turn ${f.turn}  customer: ${f.customer}`);
      for (const reply of f.replies) lines.push(`      bot said: ${reply.replace(/\n/g, ' ⏎ ')}`);
      for (const m of f.mismatches) {
        lines.push(`      - ${m.field}: expected ${JSON.stringify(m.expected)}`);
        lines.push(`        + got ${JSON.stringify(m.actual)}`);
      }
    }
  }
  const failed = results.filter((r) => r.error || r.failures.length > 0).length;
  lines.push('', `${results.length - failed} passed, ${failed} failed`);
  return lines.join('\n');
}
