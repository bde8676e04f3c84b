/** A search snippet with the query's occurrences marked; everything stays text (no HTML from the server). */
export function Snippet({ text, query }: { text: string; query: string }) {
  const needle = query.trim().toLowerCase();
  if (!needle) return <span>{text}</span>;
  const parts: { text: string; hit: boolean; at: number }[] = [];
  const lower = text.toLowerCase();
  let from = 0;
  for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, from)) {
    if (at > from) parts.push({ text: text.slice(from, at), hit: false, at: from });
    parts.push({ text: text.slice(at, at + needle.length), hit: true, at });
    from = at + needle.length;
  }
  if (from < text.length) parts.push({ text: text.slice(from), hit: false, at: from });
  return (
    <span>
      {parts.map((part) =>
        part.hit ? <mark key={part.at}>{part.text}</mark> : <span key={part.at}>{part.text}</span>,
      )}
    </span>
  );
}
