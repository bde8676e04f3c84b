import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract.ts';

const emails = (text: string) =>
  extractEntities(text, { types: ['email'] }).map((e) => ({ text: e.text, value: e.value }));

describe('e-mail addresses', () => {
  it('finds addresses in Chinese and English text, value lower-cased', () => {
    expect(emails('我的邮箱是Alice.Wang+cs@Example.COM，谢谢')).toEqual([
      { text: 'Alice.Wang+cs@Example.COM', value: 'alice.wang+cs@example.com' },
    ]);
    expect(emails('mail bob@mail.example.co.uk.')).toEqual([
      { text: 'bob@mail.example.co.uk', value: 'bob@mail.example.co.uk' },
    ]);
  });

  it('folds full-width addresses', () => {
    expect(emails('ａｂｃ＠ｑｑ．ｃｏｍ')).toEqual([{ text: 'ａｂｃ＠ｑｑ．ｃｏｍ', value: 'abc@qq.com' }]);
  });

  it('rejects things that only look like addresses', () => {
    expect(emails('a@b')).toEqual([]);
    expect(emails('user@localhost')).toEqual([]);
    expect(emails('@example.com')).toEqual([]);
    expect(emails('x@example.c0m')).toEqual([]);
    expect(emails('a..b@example.com')).toEqual([]);
    expect(emails('@@@@')).toEqual([]);
  });
});
