import { describe, expect, it } from 'vitest';
import { onlyAsksAnythingElse, resumeAnswer, taskTexts } from './tasks.ts';

describe('moving between tasks', () => {
  it('reads the answer to "shall we carry on?" in both languages', () => {
    for (const yes of ['继续', '好的', '嗯', '接着办', 'carry on', 'yes', 'Continue!'])
      expect(resumeAnswer(yes)).toBe('yes');
    for (const no of ['不用了', '算了', 'no', 'never mind', '不要了']) expect(resumeAnswer(no)).toBe('no');
    for (const other of ['退款多久到账', '202611230003', 'where is my order'])
      expect(resumeAnswer(other)).toBeNull();
  });

  it('words every move in the reply language only', () => {
    expect(taskTexts.offer('zh', '退货退款申请')).toBe('刚才的「退货退款申请」还没办完，要继续吗？');
    expect(taskTexts.offer('en', 'Return or refund request')).not.toMatch(/\p{Script=Han}/u);
    expect(taskTexts.offerButtons('en').map((b) => b.label)).toEqual(['Carry on', 'No, thanks']);
  });

  it('knows a reply that only asks "anything else?"', () => {
    for (const text of [
      '还有其他可以帮您的吗？',
      'Is there anything else I can help with?',
      'Anything else?',
    ])
      expect(onlyAsksAnythingElse({ text, buttons: [] })).toBe(true);
    for (const text of ['好的，没有提交申请。还有其他可以帮您的吗？', 'Your ticket is T123.'])
      expect(onlyAsksAnythingElse({ text, buttons: [] })).toBe(false);
  });
});
