import { describe, expect, it } from 'vitest';
import { conceptEmbedding, hashedEmbedding, seededDirection } from '../retrieval/documents/vectorMatch.ts';
import { fusePrediction } from './semanticFusion.ts';
import { SemanticIndex } from './semanticIndex.ts';
import { trainIntentModel } from './train.ts';

/**
 * A small bot: 12 intents × 12 phrasings. A third name the intent; the rest are vague wording shared by every
 * intent ("I have a problem with this") that only their meaning (the test encoder) tells apart — as customers
 * write.
 */
const INTENTS = [
  'refund',
  'delivery',
  'invoice',
  'password',
  'warranty',
  'coupon',
  'address',
  'cancel',
  'payment',
  'size',
  'stock',
  'membership',
];
const FILLERS = ['please', 'help me with', 'question about', 'how does', 'I need', 'tell me about'];
const VAGUE = [
  'I have a problem with this',
  'something is wrong here',
  'can you check this for me',
  'it is not right',
];
const rows = INTENTS.flatMap((intent) =>
  Array.from({ length: 12 }, (_, i) => ({
    text:
      i < 4
        ? `${FILLERS[i % FILLERS.length]} ${intent} ${intent}${i}`
        : `${VAGUE[i % VAGUE.length]} #${INTENTS.indexOf(intent)}-${i}`,
    intent,
  })),
);
const meaning = new Map(rows.map((r) => [r.text, r.intent]));
const strong = (text: string) => conceptEmbedding(text, meaning.get(text) ?? null, 0.9);

describe('SemanticIndex', () => {
  it('calibrates itself on the phrasings alone: a meaningful embedding is trusted, a random one ignored', () => {
    const model = trainIntentModel(rows, { lang: 'en' });
    const heldOut = model.snapshot.heldOut;
    expect(heldOut?.texts.length).toBeGreaterThan(20);
    const good = SemanticIndex.buildNow(
      rows.map((r) => ({ key: r.intent, text: r.text, vector: strong(r.text) })),
      heldOut ? { heldOut } : {},
    );
    expect(good.calibration.accuracy).toBeGreaterThan(0.9);
    expect(good.calibration.exponent).toBeGreaterThan(0);
    expect(good.calibration.outOfScopeBelow).toBeGreaterThan(-1);
    const random = SemanticIndex.buildNow(
      rows.map((r) => ({ key: r.intent, text: r.text, vector: seededDirection(`random:${r.text}`) })),
      heldOut ? { heldOut } : {},
    );
    expect(random.calibration.accuracy).toBeLessThan(0.3);
    expect(random.calibration.exponent).toBe(0);
    // nothing to tell taught from untaught questions by: no veto, no rescue
    expect(random.calibration.outOfScopeBelow).toBe(-1);
    expect(random.calibration.inScopeFrom).toBe(2);
  });

  it('decides nothing about scope from a few phrasings or from duplicates', () => {
    const few = INTENTS.slice(0, 3).flatMap((intent) =>
      [0, 1, 2, 3].map((i) => ({
        key: intent,
        text: `${intent} ${i}`,
        vector: seededDirection(`few:${intent}${i}`),
      })),
    );
    const small = SemanticIndex.buildNow(few);
    expect(small.calibration.outOfScopeBelow).toBe(-1);
    expect(small.calibration.inScopeFrom).toBe(2);
    // every phrasing twice (the same text in both languages, or texts alike once personal data is masked):
    // random embeddings must not look perfect
    const twice = SemanticIndex.buildNow(
      rows.flatMap((r) => {
        const vector = seededDirection(`random:${r.text}`);
        return [
          { key: r.intent, text: r.text, vector },
          { key: r.intent, text: `${r.text}!`, vector },
        ];
      }),
    );
    expect(twice.calibration.accuracy).toBeLessThan(0.3);
    expect(twice.calibration.exponent).toBe(0);
    expect(twice.calibration.outOfScopeBelow).toBe(-1);
  });

  it('finds the closest phrasing per key and rejects an embedding of other dimensions', () => {
    const index = SemanticIndex.buildNow(
      rows.map((r) => ({ key: r.intent, vector: hashedEmbedding(r.text) })),
    );
    const query = index.query(hashedEmbedding(rows[0]?.text as string));
    expect(query.top.key).toBe('refund');
    expect(query.top.similarity).toBeCloseTo(1, 5);
    expect(() => index.query([1, 2, 3])).toThrow(/dimensions/);
  });

  it('builds asynchronously in slices, to the same calibration as at once', async () => {
    let pauses = 0;
    const examples = rows.map((r) => ({ key: r.intent, text: r.text, vector: strong(r.text) }));
    const model = trainIntentModel(rows, { lang: 'en' });
    const heldOut = model.snapshot.heldOut;
    const index = await SemanticIndex.build(examples, {
      ...(heldOut ? { heldOut } : {}),
      // a pause after every step of work: each lookup, each sample of the temperature search
      sliceMs: -1,
      pause: async () => {
        pauses++;
      },
    });
    expect(pauses).toBeGreaterThan(rows.length);
    expect(index.calibration).toEqual(
      SemanticIndex.buildNow(examples, heldOut ? { heldOut } : {}).calibration,
    );
  });
});

describe('fusePrediction', () => {
  const model = trainIntentModel(rows, { lang: 'en' });
  const heldOut = model.snapshot.heldOut;
  const index = SemanticIndex.buildNow(
    rows.map((r) => ({ key: r.intent, text: r.text, vector: strong(r.text) })),
    heldOut ? { heldOut } : {},
  );

  it('lets the embeddings decide between intents the words do not separate', () => {
    // words of two intents; the meaning is one of them
    const text = 'invoice or refund, whichever';
    const classical = model.predict(text);
    const fused = fusePrediction(
      classical,
      index.query(conceptEmbedding(text, 'refund', 0.9)),
      model.snapshot.decision,
    );
    expect(fused.intent).toBe('refund');
    expect(fused.confidence).toBeGreaterThan(
      classical.ranking.find((r) => r.intent === 'refund')?.confidence ?? 0,
    );
  });

  it('vetoes an answer the embeddings place far from every phrasing', () => {
    const text = 'please help me with refund now, the weather on mars';
    const classical = model.predict(text);
    expect(classical.outcome).not.toBe('unknown');
    const fused = fusePrediction(
      classical,
      index.query(seededDirection('an unrelated meaning')),
      model.snapshot.decision,
    );
    expect(fused.outcome).toBe('unknown');
    expect(fused.semantic?.effect).toBe('veto');
  });

  it('rescues a refusal the embeddings place right on an intent', () => {
    const text = 'zzz qqq xxyy';
    const classical = model.predict(text);
    expect(classical.outcome).toBe('unknown');
    const fused = fusePrediction(
      classical,
      // exactly where one of the coupon phrasings is
      index.query(strong(rows.find((r) => r.intent === 'coupon')?.text as string)),
      model.snapshot.decision,
    );
    expect(fused.semantic?.effect).toBe('rescue');
    expect(fused.outcome).not.toBe('unknown');
    expect(fused.intent).toBe('coupon');
  });

  it('leaves intents the index does not know yet to the classifier (a stale index never refuses them)', () => {
    const partial = SemanticIndex.buildNow(
      rows
        .filter((r) => r.intent !== 'warranty')
        .map((r) => ({ key: r.intent, text: r.text, vector: strong(r.text) })),
      heldOut ? { heldOut } : {},
    );
    const text = 'question about warranty please';
    const classical = model.predict(text);
    expect(classical.intent).toBe('warranty');
    const fused = fusePrediction(
      classical,
      partial.query(conceptEmbedding(text, 'warranty', 0.9)),
      model.snapshot.decision,
    );
    expect(fused.intent).toBe('warranty');
    expect(fused.outcome).toBe(classical.outcome);
  });

  it('leaves a message with no words as it was (not a miss for the embeddings to fill)', () => {
    const classical = model.predict('???');
    expect(classical.ranking).toEqual([]);
    const fused = fusePrediction(
      classical,
      index.query(strong(rows[0]?.text as string)),
      model.snapshot.decision,
    );
    expect(fused).toBe(classical);
  });
});
