/** Whole-message signals: punctuation runs, repetition and shouting in capitals. */
export interface GlobalSignals {
  /** Longest run of exclamation marks. */
  exclamations: number;
  /** Longest run of question marks. */
  questions: number;
  /** "?!" or "!?": disbelief or indignation. */
  interrobang: boolean;
  /** A repeated letter, character or word (啊啊啊, sooo, 快点快点), or null. */
  repetition: string | null;
  /** Words written in capitals (not acronyms), or []. */
  caps: string[];
}

const ACRONYMS = new Set([
  'ATM',
  'FAQ',
  'PIN',
  'SMS',
  'VIP',
  'OTP',
  'APP',
  'USA',
  'CEO',
  'API',
  'PDF',
  'URL',
  'IOS',
  'DHL',
  'UPS',
  'USPS',
  'FEDEX',
  'LOL',
  'OMG',
  'WTF',
  'ASAP',
  'NAME',
  'TV',
  'ID',
  'UK',
  'EU',
  'GPS',
  'IT',
  'AI',
  'PC',
  'VPN',
  'WIFI',
  'SIM',
  'NFC',
  'QR',
]);

function longestRun(text: string, re: RegExp): number {
  let best = 0;
  for (const m of text.matchAll(re)) best = Math.max(best, m[0].length);
  return best;
}

function findRepetition(text: string): string | null {
  const char = /([^\s\d.!?,，。、:;~\-_=*#(){}[\]<>/\\|'"`])\1{2,}/u.exec(text);
  if (char !== null) return char[0];
  const han = /(\p{Script=Han}{2,4})\1+/u.exec(text);
  if (han !== null) return han[0];
  const word = /\b([a-z]{2,})(?:[\s,]+\1\b)+/i.exec(text);
  return word === null ? null : word[0];
}

export function globalSignals(text: string): GlobalSignals {
  const words = text.match(/\b[A-Za-z]{3,}\b/g) ?? [];
  const caps = words.filter((w) => w === w.toUpperCase() && !ACRONYMS.has(w));
  const shouting = caps.length >= 2 || (caps.length === 1 && words.length <= 3) ? caps : [];
  return {
    exclamations: longestRun(text, /!+/g),
    questions: longestRun(text, /\?+/g),
    interrobang: /\?!|!\?/.test(text),
    repetition: findRepetition(text),
    caps: shouting,
  };
}
