import { type IntentModel, predictedLabel, trainIntentModel } from '../../src/index.ts';
import type { Row } from './datasets.ts';

/** What the benchmark needs of an NLU system: train on rows, then label texts ("oos" = would not answer). */
export interface System {
  name: string;
  train(rows: Row[], lang: 'en' | 'zh'): Promise<void>;
  /** label: what the system would act on; top: its best intent ignoring any refusal */
  predict(text: string): Promise<{ label: string; top: string | null }>;
}

export function tandem(): System {
  let model: IntentModel | null = null;
  return {
    name: 'Tandem',
    async train(rows, lang) {
      model = trainIntentModel(rows, { lang });
    },
    async predict(text) {
      const p = model!.predict(text);
      return { label: predictedLabel(p), top: p.intent };
    },
  };
}

interface NlpJsResult {
  intent: string;
  classifications?: { intent: string; score: number }[];
}

interface NlpJs {
  settings: Record<string, unknown>;
  addLanguage(lang: string): void;
  addDocument(lang: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(lang: string, text: string): Promise<NlpJsResult>;
}

/**
 * nlp.js 4 (@nlpjs/nlp) with its defaults: its neural classifier and its "None" answer below its
 * threshold. Each language gets its nlp.js language package: @nlpjs/lang-zh for Chinese, @nlpjs/lang-en
 * (its English tokenizer, stemmer and stop words) for English. Out-of-scope training rows are given to it as
 * an ordinary intent "oos"; "None" or "oos" counts as out of scope.
 */
export function nlpjs(): System {
  let nlp: NlpJs | null = null;
  let language = 'en';
  return {
    name: 'nlp.js',
    async train(rows, lang) {
      const { containerBootstrap } = await import('@nlpjs/core');
      const { Nlp } = await import('@nlpjs/nlp');
      const container = await containerBootstrap();
      container.use(Nlp);
      container.use(
        lang === 'zh' ? (await import('@nlpjs/lang-zh')).LangZh : (await import('@nlpjs/lang-en')).LangEn,
      );
      nlp = container.get('nlp') as NlpJs;
      nlp.settings.autoSave = false;
      nlp.settings.nlu = { log: false };
      language = lang;
      nlp.addLanguage(lang);
      for (const row of rows) nlp.addDocument(lang, row.text, row.intent);
      // nlp.js logs every training epoch to the console; keep the benchmark's output readable.
      const log = console.log;
      console.log = () => undefined;
      try {
        await nlp.train();
      } finally {
        console.log = log;
      }
    },
    async predict(text) {
      const result = await nlp!.process(language, text);
      const label = result.intent === 'None' ? 'oos' : result.intent;
      const top = result.classifications?.[0]?.intent ?? null;
      return { label, top: top === 'None' ? null : top };
    },
  };
}

export const SYSTEMS: Record<string, () => System> = { tandem, nlpjs };
