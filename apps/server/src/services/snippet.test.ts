import { storableTextProblem } from '@tandem/protocol';
import { describe, expect, it } from 'vitest';
import { SNIPPET_MAX, snippetAround } from './snippet.ts';

const length = (text: string) => Array.from(text).length;

describe('snippetAround', () => {
  it('keeps a short text whole, on one line', () => {
    expect(snippetAround('我想申请\n退款', '退款')).toBe('我想申请 退款');
  });

  it('centres a long text on the match, with ellipses, within the limit', () => {
    const text = `${'前面的内容。'.repeat(40)}订单 TM001 的退款还没到账${'后面的内容。'.repeat(40)}`;
    const snippet = snippetAround(text, '退款还没到账');
    expect(length(snippet)).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(snippet).toContain('退款还没到账');
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('matches regardless of case, at the start and at the end', () => {
    const words = 'lorem ipsum '.repeat(30);
    expect(snippetAround(`REFUND please ${words}`, 'refund').startsWith('REFUND')).toBe(true);
    const end = snippetAround(`${words}where is my Refund`, 'refund');
    expect(end.endsWith('where is my Refund')).toBe(true);
    expect(length(end)).toBeLessThanOrEqual(SNIPPET_MAX);
  });

  it('shows the start when the match is not found, and never splits an emoji', () => {
    const text = '😀'.repeat(300);
    const snippet = snippetAround(text, 'nothing');
    expect(length(snippet)).toBeLessThanOrEqual(SNIPPET_MAX);
    expect(snippet.endsWith('…')).toBe(true);
    expect(storableTextProblem(snippet)).toBeNull();
    for (let at = 0; at < 300; at += 37) {
      const around = snippetAround(`${'😀'.repeat(at)}退款${'😀'.repeat(300 - at)}`, '退款');
      expect(around).toContain('退款');
      expect(storableTextProblem(around)).toBeNull();
      expect(length(around)).toBeLessThanOrEqual(SNIPPET_MAX);
    }
  });

  it('shows the start of a needle longer than the snippet', () => {
    const needle = 'x'.repeat(200);
    const snippet = snippetAround(`abc ${needle} def`, needle);
    expect(snippet).toBe(`…${'x'.repeat(SNIPPET_MAX - 2)}…`);
  });
});
