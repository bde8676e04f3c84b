import { describe, expect, it } from 'vitest';
import { compileKeyword, containsKeyword } from './keywords.ts';
import { keywordForm } from './text.ts';

function has(text: string, keyword: string): boolean {
  const matcher = compileKeyword(keyword);
  if (matcher === null) throw new Error(`empty keyword ${keyword}`);
  return containsKeyword(keywordForm(text), matcher);
}

describe('keywordForm', () => {
  it('folds width, case, Traditional Chinese, spaces and punctuation', () => {
    expect(keywordForm('驗 證 碼！')).toBe('验证码');
    expect(keywordForm('ＳＡＦＥ－Ａｃｃｏｕｎｔ')).toBe('safe account');
    expect(keywordForm('  把验证码，告诉 我 OK?')).toBe('把验证码告诉我ok');
  });
});

describe('containsKeyword', () => {
  it('matches Chinese keywords whatever the spacing, width or script', () => {
    expect(has('你好，请把 验 证 码 告诉我', '验证码')).toBe(true);
    expect(has('對方讓我把驗證碼告訴他', '把验证码告诉')).toBe(true);
    expect(has('刷-单-返-利，日结', '刷单返利')).toBe(true);
    expect(has('投诉到１２３１５', '12315')).toBe(true);
    expect(has('我收不到短信', '验证码')).toBe(false);
  });

  it('matches English keywords as whole words, with plurals', () => {
    expect(has('They asked me to move it to a SAFE   account!', 'safe account')).toBe(true);
    expect(has('two safe accounts', 'safe account')).toBe(true);
    expect(has('I will sue you', 'sue')).toBe(true);
    expect(has('there is an issue with my order', 'sue')).toBe(false);
    expect(has('unsafe accountant', 'safe account')).toBe(false);
    expect(has('call 123150 now', '12315')).toBe(false);
  });

  it('drops keywords with nothing left to match', () => {
    expect(compileKeyword('！！ ...')).toBeNull();
  });
});
