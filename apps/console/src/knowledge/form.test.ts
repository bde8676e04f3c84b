import { describe, expect, it } from 'vitest';
import type { KnowledgeEntry } from '../api.ts';
import {
  categoriesOf,
  checkNew,
  emptyForm,
  fieldProblems,
  filterEntries,
  formOf,
  isChanged,
  problemMessage,
  titleOf,
  toBody,
} from './form.ts';

const entry = (overrides: Partial<KnowledgeEntry> = {}): KnowledgeEntry => ({
  id: 'orders.track',
  category: 'orders',
  questions: { zh: ['我的订单到哪了'], en: ['where is my order'] },
  answer: { zh: '在“我的订单”里查看物流。', en: 'Open My orders and tap Track.' },
  related: [],
  ...overrides,
});

describe('toBody', () => {
  it('trims text and leaves blank lines out, remembering where each sent line came from', () => {
    const form = {
      ...emptyForm(),
      id: ' gifts.wrap ',
      category: ' orders ',
      questions: { zh: ['', ' 可以包装吗 ', '   ', '礼品包装'], en: ['gift wrap?', ''] },
      answer: { zh: ' 可以 ', en: 'Yes ' },
      related: ['', 'orders.track'],
    };
    const { body, lines } = toBody(form);
    expect(body).toEqual({
      id: 'gifts.wrap',
      category: 'orders',
      questions: { zh: ['可以包装吗', '礼品包装'], en: ['gift wrap?'] },
      answer: { zh: '可以', en: 'Yes' },
      related: ['orders.track'],
    });
    expect(lines).toEqual({ 'questions.zh': [1, 3], 'questions.en': [0], related: [1] });
  });

  it('round-trips an entry through the form', () => {
    const e = entry({ related: ['orders.cancel'] });
    expect(toBody(formOf(e)).body).toEqual(e);
  });

  it('copies lists so editing the form does not change the entry', () => {
    const e = entry();
    const form = formOf(e);
    form.questions.zh.push('新的问法');
    expect(e.questions.zh).toHaveLength(1);
  });
});

describe('fieldProblems', () => {
  const lines = { 'questions.zh': [1, 3], 'questions.en': [0], related: [2] };

  it('puts each server path next to its field, and list problems on the form line they came from', () => {
    const problems = fieldProblems(
      [
        { path: 'answer.zh', message: 'Too small' },
        { path: 'questions.zh.1', message: 'Too big' },
        { path: 'related.0', message: 'Too big' },
        { path: 'id', message: 'ids are lowercase letters' },
        { path: 'category', message: 'Too small' },
        { path: 'questions', message: 'at least one phrasing' },
      ],
      lines,
    );
    expect(problems.map(({ field, line }) => ({ field, line }))).toEqual([
      { field: 'answer.zh', line: undefined },
      { field: 'questions.zh', line: 3 },
      { field: 'related', line: 2 },
      { field: 'id', line: undefined },
      { field: 'category', line: undefined },
      { field: 'questions', line: undefined },
    ]);
    expect(problems[0]?.path).toBe('answer.zh');
  });

  it('keeps a problem it cannot place for the top of the form', () => {
    const [problem] = fieldProblems([{ path: 'extra', message: 'Unrecognized key' }], lines);
    expect(problem).toMatchObject({ field: 'form', path: 'extra' });
    const [whole] = fieldProblems([{ path: 'questions.en', message: 'Too big' }], lines);
    expect(whole?.field).toBe('questions.en');
    expect(whole?.line).toBeUndefined();
  });
});

describe('checkNew', () => {
  it('needs an id nobody else has', () => {
    expect(checkNew({ ...emptyForm(), id: '  ' }, [])[0]?.local).toBe('id_required');
    expect(checkNew({ ...emptyForm(), id: 'orders.track' }, ['orders.track'])[0]?.local).toBe('id_taken');
    expect(checkNew({ ...emptyForm(), id: 'orders.new' }, ['orders.track'])).toEqual([]);
  });
});

describe('isChanged', () => {
  it('ignores blank lines and spaces, notices real edits', () => {
    const e = entry();
    const form = formOf(e);
    expect(isChanged(form, e)).toBe(false);
    expect(isChanged({ ...form, questions: { ...form.questions, en: ['where is my order ', ''] } }, e)).toBe(
      false,
    );
    expect(isChanged({ ...form, answer: { ...form.answer, en: 'Changed' } }, e)).toBe(true);
    expect(isChanged(emptyForm('orders'), null)).toBe(false);
    expect(isChanged({ ...emptyForm('orders'), id: 'x' }, null)).toBe(true);
  });
});

describe('filterEntries', () => {
  const entries = [
    entry(),
    entry({
      id: 'refunds.time',
      category: 'refunds',
      questions: { zh: ['退款多久到账'], en: ['How long does a refund take?'] },
      answer: { zh: '1-3 个工作日', en: '1 to 3 working days' },
    }),
  ];

  it('searches questions and answers in both languages, ignoring case', () => {
    expect(filterEntries(entries, 'REFUND', '').map((e) => e.id)).toEqual(['refunds.time']);
    expect(filterEntries(entries, '物流', '').map((e) => e.id)).toEqual(['orders.track']);
    expect(filterEntries(entries, 'working days', '').map((e) => e.id)).toEqual(['refunds.time']);
    expect(filterEntries(entries, '  ', '')).toHaveLength(2);
  });

  it('filters by category, combined with the query', () => {
    expect(filterEntries(entries, '', 'orders').map((e) => e.id)).toEqual(['orders.track']);
    expect(filterEntries(entries, 'refund', 'orders')).toEqual([]);
    expect(categoriesOf([...entries, entry({ id: 'b' })])).toEqual(['orders', 'refunds']);
  });

  it('titles an entry in the reader’s language, falling back to the other one', () => {
    expect(titleOf(entries[0] as KnowledgeEntry, 'en')).toBe('where is my order');
    expect(titleOf(entry({ questions: { zh: ['只有中文'], en: [] } }), 'en')).toBe('只有中文');
  });
});

describe('problemMessage', () => {
  it('says what each field needs, and keeps the server’s words for what it cannot place', () => {
    const lines = { 'questions.zh': [0], 'questions.en': [], related: [] };
    const keys = fieldProblems(
      [
        { path: 'questions.zh.0', message: 'Too big' },
        { path: 'questions.zh', message: 'Too big' },
        { path: 'answer.en', message: 'Too small' },
        { path: 'weird', message: 'Unrecognized key' },
      ],
      lines,
    ).map(problemMessage);
    expect(keys).toEqual([
      { key: 'problem.question' },
      { key: 'problem.questionList' },
      { key: 'problem.answer' },
      { key: 'problem.other', vars: { path: 'weird', message: 'Unrecognized key' } },
    ]);
    expect(problemMessage(checkNew(emptyForm(), [])[0]!)).toEqual({ key: 'problem.id_required' });
  });
});
