// The parts of nlp.js the benchmark uses (nlp.js ships no type declarations).
declare module '@nlpjs/core' {
  export interface Container {
    use(plugin: unknown): void;
    get(name: string): unknown;
  }
  export function containerBootstrap(): Promise<Container>;
}

declare module '@nlpjs/nlp' {
  export const Nlp: unknown;
}

declare module '@nlpjs/lang-zh' {
  export const LangZh: unknown;
}

declare module '@nlpjs/lang-en' {
  export const LangEn: unknown;
}
