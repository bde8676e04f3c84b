// The backend's answers to a statement, turned into rows as PGlite's `parse.parseResults` does, minus its cost:
// that function copies every type's parser into a new object at each call (`{ ...parsers }`, 316 of them), which
// took 0.23 ms per statement, more than executing a message-path statement (0.15 ms; a /tmp micro-benchmark,
// docs/benchmarks.md "Session 16"). Same rows, fields and affectedRows: one result per CommandComplete, the
// affected rows counted across the whole answer, a value parsed by its column type's parser (text as is when
// there is none), null kept as null.
import type { PGlite, Results } from '@electric-sql/pglite';

type Message = Awaited<ReturnType<PGlite['execProtocol']>>['messages'][number];
export type Parsers = PGlite['parsers'];

/** Rows changed by a command, from its tag ("INSERT 0 3", "UPDATE 2"); 0 for anything else. */
function affectedBy(tag: string): number {
  const words = tag.split(' ');
  switch (words[0]) {
    case 'INSERT':
      return Number.parseInt(words[2] as string, 10);
    case 'UPDATE':
    case 'DELETE':
    case 'COPY':
    case 'MERGE':
      return Number.parseInt(words[1] as string, 10);
    default:
      return 0;
  }
}

export function toResults(messages: readonly Message[], parsers: Parsers): Results[] {
  const results: Results[] = [];
  let fields: Array<{ name: string; dataTypeID: number }> = [];
  let rows: Array<Record<string, unknown>> = [];
  let affectedRows = 0;
  for (const message of messages) {
    switch (message.name) {
      case 'rowDescription':
        fields = (message as unknown as { fields: Array<{ name: string; dataTypeID: number }> }).fields.map(
          (field) => ({
            name: field.name,
            dataTypeID: field.dataTypeID,
          }),
        );
        break;
      case 'dataRow': {
        const values = (message as unknown as { fields: Array<string | null> }).fields;
        // Object.fromEntries as PGlite does: a column named "__proto__" stays an own property
        rows.push(
          Object.fromEntries(
            values.map((value, i) => {
              const field = fields[i] as { name: string; dataTypeID: number };
              if (value === null) return [field.name, null];
              const parser = parsers[field.dataTypeID];
              return [field.name, parser ? parser(value, field.dataTypeID) : value];
            }),
          ),
        );
        break;
      }
      case 'commandComplete':
        affectedRows += affectedBy((message as unknown as { text: string }).text);
        results.push({ rows, fields, affectedRows });
        fields = [];
        rows = [];
        break;
    }
  }
  if (results.length === 0) results.push({ affectedRows: 0, rows: [], fields: [] });
  return results;
}
