import { describe, expect, it } from 'vitest';
import { globalSignals } from './global.ts';

describe('globalSignals', () => {
  it('measures punctuation runs and ?!', () => {
    expect(globalSignals('why!!! now??').exclamations).toBe(3);
    expect(globalSignals('why!!! now??').questions).toBe(2);
    expect(globalSignals('what?!').interrobang).toBe(true);
  });

  it('finds repetition of characters, Chinese phrases and English words', () => {
    expect(globalSignals('啊啊啊').repetition).toBe('啊啊啊');
    expect(globalSignals('快点快点').repetition).toBe('快点快点');
    expect(globalSignals('please please help').repetition).toBe('please please');
    expect(globalSignals('order 1000').repetition).toBeNull();
  });

  it('finds capitals but skips acronyms and single capital words in long text', () => {
    expect(globalSignals('I WANT MY MONEY').caps.length).toBeGreaterThan(0);
    expect(globalSignals('send the OTP by SMS').caps).toEqual([]);
  });
});
