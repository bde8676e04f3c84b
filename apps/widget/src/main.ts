import { type EmbedTag, readEmbedTag } from './config.ts';
import { Widget } from './widget.ts';

/** What the embedding page can call: `window.Tandem.open()` etc. */
export interface TandemApi {
  open(): void;
  close(): void;
  setLang(lang: 'zh' | 'en'): void;
  /** Turns the elder-friendly mode (larger text, the person button first) on or off, remembered. */
  setElder(on: boolean): void;
}

declare global {
  interface Window {
    Tandem?: TandemApi;
  }
}

/** The embed tag: the script running now, else the first tag that looks like ours. */
function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.dataset.workspace !== undefined) return current;
  return document.querySelector<HTMLScriptElement>('script[data-workspace][src*="widget"]');
}

function embedTag(script: HTMLScriptElement | null): EmbedTag {
  // the data-* attributes by their dataset names, which are EmbedTag's
  return { ...script?.dataset, src: script?.src ?? null };
}

function boot(script: HTMLScriptElement | null): void {
  if (document.querySelector('tandem-widget')) {
    console.warn('[tandem] the widget is already on this page; the second embed tag is ignored');
    return;
  }
  const result = readEmbedTag(embedTag(script), location.href);
  if (!result.ok) {
    console.error(`[tandem] ${result.error}`);
    return;
  }
  for (const warning of result.warnings) console.warn(`[tandem] ${warning}`);
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language ?? 'en'];
  const widget = new Widget(result.config, languages);
  widget.mount(document.body);
  window.Tandem = {
    open: () => widget.open(),
    close: () => widget.close(),
    setLang: (lang) => widget.setLang(lang),
    setElder: (on) => widget.setElder(on),
  };
  window.dispatchEvent(new CustomEvent('tandem:ready'));
}

// document.currentScript is only set while this file first runs: read it now, mount when the body exists.
const script = findScript();
if (document.body) boot(script);
else document.addEventListener('DOMContentLoaded', () => boot(script), { once: true });
