import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { KnowledgeEntry } from '../../bot/types.ts';
import { parseRules, type RuleDefinition } from '../../rules/index.ts';
import { type FlowDefinition, parseFlow } from '../flows/index.ts';
import { defaultBotSettings, parseBotSettings } from '../settings.ts';
import type { WorkspaceBrain } from '../types.ts';
import { type WorkspaceFile, workspaceFileSchema } from './schema.ts';

const formatOf = (path: string) => (path.endsWith('.json') ? 'json' : 'yaml');

function problems(what: string, errors: Array<{ path: string; message: string }>): Error {
  return new Error(`${what}: ${errors.map((e) => `${e.path || '(root)'}: ${e.message}`).join('; ')}`);
}

/** Reads a workspace definition file (knowledge, flows, rules, settings) into a brain; throws on any invalid part. */
export function loadWorkspace(file: string): { brain: WorkspaceBrain; apiModule: string | null } {
  const raw = parseYaml(readFileSync(file, 'utf8')) as unknown;
  const parsed = workspaceFileSchema.safeParse(raw);
  if (!parsed.success)
    throw problems(
      file,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  const spec: WorkspaceFile = parsed.data;
  const at = (p: string) => resolve(dirname(file), p);

  const knowledge = JSON.parse(readFileSync(at(spec.knowledge), 'utf8')) as KnowledgeEntry[];
  const flows: FlowDefinition[] = [];
  if (spec.flows) {
    for (const name of readdirSync(at(spec.flows))
      .filter((n) => /\.(ya?ml|json)$/.test(n))
      .sort()) {
      const path = resolve(at(spec.flows), name);
      const flow = parseFlow(readFileSync(path, 'utf8'), formatOf(path));
      if (!flow.ok) throw problems(path, flow.errors);
      flows.push(flow.flow);
    }
  }
  let rules: RuleDefinition[] = [];
  if (spec.rules) {
    const result = parseRules(readFileSync(at(spec.rules), 'utf8'), formatOf(spec.rules));
    if (!result.ok) throw problems(at(spec.rules), result.errors);
    rules = result.rules;
  }
  let settings = defaultBotSettings;
  if (spec.settings) {
    const result = parseBotSettings(readFileSync(at(spec.settings), 'utf8'), formatOf(spec.settings));
    if (!result.ok) throw problems(at(spec.settings), result.errors);
    settings = result.settings;
  }
  return { brain: { knowledge, flows, rules, settings }, apiModule: spec.api ? at(spec.api) : null };
}
