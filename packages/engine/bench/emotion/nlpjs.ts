import { createRequire } from 'node:module';
import type { BasicEmotion } from '../../src/emotion/index.ts';

interface Container {
  use(plugin: unknown): void;
}
interface SentimentResult {
  sentiment: { vote: 'positive' | 'negative' | 'neutral'; type?: string };
}
interface Analyzer {
  process(input: { locale: string; text: string }): Promise<SentimentResult>;
}

/**
 * nlp.js sentiment as the baseline. It gives polarity only, mapped to basic emotions in the way that favours
 * it most on these data sets: negative → anger (the most frequent negative class in all three), positive →
 * joy, neutral → neutral.
 */
export interface NlpjsBaseline {
  /** Languages with a sentiment dictionary in the installed nlp.js packages. */
  available: (lang: 'zh' | 'en') => boolean;
  note: (lang: 'zh' | 'en') => string;
  predict: (text: string, lang: 'zh' | 'en') => Promise<BasicEmotion>;
}

const MAP: Record<SentimentResult['sentiment']['vote'], BasicEmotion> = {
  negative: 'anger',
  positive: 'joy',
  neutral: 'neutral',
};

export async function loadNlpjs(): Promise<NlpjsBaseline> {
  const require = createRequire(import.meta.url);
  const { containerBootstrap } = require('@nlpjs/core') as { containerBootstrap: () => Promise<Container> };
  const { SentimentAnalyzer } = require('@nlpjs/sentiment') as {
    SentimentAnalyzer: new (settings: { container: Container }) => Analyzer;
  };
  const container = await containerBootstrap();
  const notes: Record<'zh' | 'en', string> = { zh: '', en: '' };
  const loaded = new Set<'zh' | 'en'>();
  for (const [lang, pkg, name] of [
    ['zh', '@nlpjs/lang-zh', 'LangZh'],
    ['en', '@nlpjs/lang-en', 'LangEn'],
  ] as const) {
    try {
      container.use((require(pkg) as Record<string, unknown>)[name]);
      loaded.add(lang);
    } catch {
      notes[lang] = `${pkg} is not installed`;
    }
  }
  const analyzer = new SentimentAnalyzer({ container });
  if (loaded.has('zh')) {
    const probe = await analyzer.process({ locale: 'zh', text: '我非常生气' });
    if (probe.sentiment.type === undefined) {
      notes.zh = '@nlpjs/lang-zh 4.x ships no Chinese sentiment dictionary: every text scores neutral';
    }
  }
  return {
    available: (lang) => loaded.has(lang),
    note: (lang) => notes[lang],
    predict: async (text, lang) => MAP[(await analyzer.process({ locale: lang, text })).sentiment.vote],
  };
}
