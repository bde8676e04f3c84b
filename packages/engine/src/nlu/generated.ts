import type { Lang } from '../bot/types.ts';
import type { Analyzer } from '../lang/index.ts';
import { Bm25Index } from '../retrieval/bm25.ts';
import { lexicalTerms } from '../retrieval/terms.ts';
import type { CleanExample } from './clean.ts';
import { featureStrings } from './features.ts';
import type { Item } from './items.ts';
import { OOS_INTENT } from './model.ts';
import { generateOffTopic } from './offTopic.ts';
import type { IntentTrainOptions } from './trainOptions.ts';

/**
 * Generated examples count less than the workspace's own: each at most half, and all together about as much
 * as one average intent, so that in a small workspace they do not drown its few real examples.
 */
function generatedWeight(generated: number, inScopeExamples: number, intents: number): number {
  if (generated === 0) return 0;
  return Math.min(0.5, inScopeExamples / Math.max(1, intents) / generated);
}
/** A generated off-topic text this close to an in-scope example is probably in scope: dropped. */
const GENERATED_MAX_SIMILARITY = 0.3;

function languagesOf(examples: readonly CleanExample[], option: IntentTrainOptions['lang']): Lang[] {
  if (option === 'zh' || option === 'en') return [option];
  const zh = examples.filter((e) => e.analysis.lang === 'zh').length;
  const langs: Lang[] = [];
  if (zh >= Math.max(1, examples.length * 0.05)) langs.push('zh');
  if (examples.length - zh >= Math.max(1, examples.length * 0.05)) langs.push('en');
  return langs;
}

export function offTopicItems(
  clean: readonly CleanExample[],
  analyzer: Analyzer,
  options: IntentTrainOptions,
): Item[] {
  const count = options.offTopic ?? 150;
  if (count <= 0) return [];
  const inScope = clean.filter((e) => e.intent !== OOS_INTENT);
  const index = new Bm25Index(
    inScope.map((e) => ({ key: 0, terms: lexicalTerms(e.analysis) })),
    { maxDocShare: 0.05 },
  );
  const seen = new Set(clean.map((e) => e.analysis.tokens.join(' ')));
  const items: Item[] = [];
  for (const lang of languagesOf(clean, options.lang)) {
    for (const text of generateOffTopic(lang, count, options.seed ?? 1)) {
      const analysis = analyzer.analyze(text);
      if (seen.has(analysis.tokens.join(' '))) continue;
      if (index.bestSimilarity(lexicalTerms(analysis)) >= GENERATED_MAX_SIMILARITY) continue;
      items.push({
        analysis,
        features: featureStrings(analysis, options.features),
        text,
        label: OOS_INTENT,
        weight: 0,
      });
    }
  }
  const intents = new Set(inScope.map((e) => e.intent)).size;
  const weight = generatedWeight(items.length, inScope.length, intents);
  for (const item of items) item.weight = weight;
  return items;
}
