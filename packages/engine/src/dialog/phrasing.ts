/** How two phrasings are compared: case, width, spaces and punctuation do not count. */
export const phrasingKey = (text: string) =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
