import type { KnowledgeEntry, ProblemDetail } from '../api.ts';
import type { MessageKey, Vars } from '../i18n.ts';

/**
 * The knowledge editor's form and its translation to and from the API. The form keeps blank lines (a line
 * just added) and untrimmed text; the body sent to the server does not, so a problem the server reports at
 * `questions.en.2` is mapped back to the form line it came from.
 */

export type Lang = 'zh' | 'en';

export interface KnowledgeForm {
  id: string;
  category: string;
  questions: Record<Lang, string[]>;
  answer: Record<Lang, string>;
  related: string[];
}

/** Where a problem is shown: next to a field, on one of its lines, or above the form. */
export type FormField =
  | 'id'
  | 'category'
  | 'questions'
  | 'questions.zh'
  | 'questions.en'
  | 'answer.zh'
  | 'answer.en'
  | 'related'
  | 'form';

export interface FieldProblem {
  field: FormField;
  /** the form line of a list field, when the problem is about one line */
  line?: number;
  /** the path the server reported (or '' for problems found before sending) */
  path: string;
  message: string;
  /** what kind of problem found before sending */
  local?: 'id_required' | 'id_taken';
}

/** For each list, the form line of each line sent (blank lines are not sent). */
export interface LineMap {
  'questions.zh': number[];
  'questions.en': number[];
  related: number[];
}

export const idPattern = /^[a-z0-9_.-]{1,64}$/;

export function emptyForm(category = ''): KnowledgeForm {
  return { id: '', category, questions: { zh: [''], en: [''] }, answer: { zh: '', en: '' }, related: [] };
}

export function formOf(entry: KnowledgeEntry): KnowledgeForm {
  return {
    id: entry.id,
    category: entry.category,
    questions: { zh: [...entry.questions.zh], en: [...entry.questions.en] },
    answer: { ...entry.answer },
    related: [...entry.related],
  };
}

function compact(lines: string[]): { values: string[]; from: number[] } {
  const values: string[] = [];
  const from: number[] = [];
  lines.forEach((line, index) => {
    const value = line.trim();
    if (value === '') return;
    values.push(value);
    from.push(index);
  });
  return { values, from };
}

/** The PUT body for a form: text trimmed, blank lines left out; plus where each sent line came from. */
export function toBody(form: KnowledgeForm): { body: KnowledgeEntry; lines: LineMap } {
  const zh = compact(form.questions.zh);
  const en = compact(form.questions.en);
  const related = compact(form.related);
  return {
    body: {
      id: form.id.trim(),
      category: form.category.trim(),
      questions: { zh: zh.values, en: en.values },
      answer: { zh: form.answer.zh.trim(), en: form.answer.en.trim() },
      related: related.values,
    },
    lines: { 'questions.zh': zh.from, 'questions.en': en.from, related: related.from },
  };
}

/** Maps the server's problem paths (`answer.zh`, `questions.en.2`, `related.0`, `id`) to form fields. */
export function fieldProblems(details: ProblemDetail[], lines: LineMap): FieldProblem[] {
  return details.map(({ path, message }) => {
    const parts = path.split('.');
    const [head, second, third] = parts;
    if (head === 'id' || head === 'category') return { field: head, path, message };
    if (head === 'answer' && (second === 'zh' || second === 'en')) {
      return { field: `answer.${second}`, path, message };
    }
    if (head === 'questions' && (second === 'zh' || second === 'en')) {
      const field = `questions.${second}` as const;
      const line = third === undefined ? undefined : lines[field][Number(third)];
      return line === undefined ? { field, path, message } : { field, line, path, message };
    }
    if (head === 'questions') return { field: 'questions', path, message };
    if (head === 'related') {
      const line = second === undefined ? undefined : lines.related[Number(second)];
      return line === undefined
        ? { field: 'related', path, message }
        : { field: 'related', line, path, message };
    }
    return { field: 'form', path, message };
  });
}

/** What must hold before a new entry can be sent: an id (it is the URL) that no other entry has. */
export function checkNew(form: KnowledgeForm, existingIds: readonly string[]): FieldProblem[] {
  const id = form.id.trim();
  if (id === '') return [{ field: 'id', path: '', message: 'id is required', local: 'id_required' }];
  if (existingIds.includes(id)) {
    return [{ field: 'id', path: '', message: `an entry ${id} exists`, local: 'id_taken' }];
  }
  return [];
}

export function problemsAt(problems: FieldProblem[], field: FormField, line?: number): FieldProblem[] {
  return problems.filter((p) => p.field === field && (line === undefined || p.line === line));
}

/** Whether saving would change anything (blank lines and surrounding spaces do not count). */
export function isChanged(form: KnowledgeForm, original: KnowledgeEntry | null): boolean {
  const body = toBody(form).body;
  if (!original) return JSON.stringify(body) !== JSON.stringify(toBody(emptyForm(form.category)).body);
  return JSON.stringify(body) !== JSON.stringify(toBody(formOf(original)).body);
}

/** Entries whose id, category, questions or answers contain the query (any case), in one category or all. */
export function filterEntries(entries: KnowledgeEntry[], query: string, category: string): KnowledgeEntry[] {
  const needle = query.trim().toLowerCase();
  return entries.filter((entry) => {
    if (category !== '' && entry.category !== category) return false;
    if (needle === '') return true;
    const haystack = [
      entry.id,
      ...entry.questions.zh,
      ...entry.questions.en,
      entry.answer.zh,
      entry.answer.en,
    ];
    return haystack.some((text) => text.toLowerCase().includes(needle));
  });
}

export function categoriesOf(entries: KnowledgeEntry[]): string[] {
  return [...new Set(entries.map((e) => e.category))].sort();
}

/** The question to show for an entry in a list: the first phrasing in the reader's language, else any. */
export function titleOf(entry: KnowledgeEntry, lang: Lang): string {
  const other = lang === 'zh' ? 'en' : 'zh';
  return entry.questions[lang][0] ?? entry.questions[other][0] ?? entry.id;
}

/** The reader's words for a problem: what the field needs, in their language; unplaced ones keep the server's. */
export function problemMessage(problem: FieldProblem): { key: MessageKey; vars?: Vars } {
  if (problem.local) return { key: `problem.${problem.local}` };
  switch (problem.field) {
    case 'id':
    case 'category':
    case 'questions':
    case 'related':
      return { key: `problem.${problem.field}` };
    case 'questions.zh':
    case 'questions.en':
      return { key: problem.line === undefined ? 'problem.questionList' : 'problem.question' };
    case 'answer.zh':
    case 'answer.en':
      return { key: 'problem.answer' };
    default:
      return { key: 'problem.other', vars: { path: problem.path || '—', message: problem.message } };
  }
}
