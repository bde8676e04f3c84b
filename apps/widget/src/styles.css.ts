/** The widget's whole stylesheet: lives inside its Shadow DOM, so the page's CSS cannot reach it. */
export const styles = `
:host {
  all: initial;
  /* the brand colour and its darker shades; a workspace's own colour replaces them on .tdm (appearance.ts) */
  --tdm-b: #0f766e;
  --tdm-bd: #115e59;
  --tdm-bdd: #134e4a;
  --tdm-brand-soft: #ccfbf1;
  --tdm-text: #0f172a;
  --tdm-muted: #475569;
  --tdm-line: #e2e8f0;
  --tdm-bot: #f1f5f9;
  --tdm-agent: #e0f2fe;
  --tdm-danger: #b91c1c;
  --tdm-warn-bg: #fef3c7;
  --tdm-edge: #cbd5e1;
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
.tdm {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", Roboto, "Helvetica Neue", Arial, sans-serif;
  /* --h: touch targets; --s: small print; --m: controls; --t: the title (all larger in elder mode) */
  --h: 44px; --s: 13px; --m: 15px; --t: 17px;
  --tdm-brand: var(--tdm-b); --tdm-brand-dark: var(--tdm-bd);
  font-size: 16px;
  line-height: 1.5;
  color: var(--tdm-text);
  -webkit-font-smoothing: antialiased;
  -webkit-text-size-adjust: 100%;
  text-size-adjust: 100%;
}
button, textarea, input { font: inherit; color: inherit; }
button { cursor: pointer; }
button:disabled { cursor: default; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.sr {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}

/* ---- launcher ---- */
.launcher {
  position: fixed; bottom: 20px; right: 20px; z-index: 2147483000;
  width: 60px; height: 60px; border-radius: 50%; border: 0; padding: 0;
  background: var(--tdm-brand); color: #fff;
  display: flex; align-items: center; justify-content: center;
  box-shadow: 0 6px 20px rgba(15, 23, 42, 0.28);
  transition: transform 0.15s ease, background 0.15s ease;
}
.launcher:hover { background: var(--tdm-brand-dark); transform: scale(1.05); }
.launcher svg { width: 30px; height: 30px; }
.tdm[data-pos="left"] .launcher { right: auto; left: 20px; }
.badge {
  position: absolute; top: -4px; right: -4px; min-width: 24px; height: 24px; padding: 0 6px;
  border-radius: 12px; background: #dc2626; color: #fff; border: 2px solid #fff;
  font-size: 13px; font-weight: 700; line-height: 20px; text-align: center;
}

/* ---- window ---- */
.window {
  position: fixed; bottom: 92px; right: 20px; z-index: 2147483001;
  width: 380px; height: min(640px, calc(100vh - 112px)); max-height: calc(100vh - 112px);
  display: flex; flex-direction: column; overflow: hidden;
  background: #fff; border-radius: 16px;
  box-shadow: 0 16px 48px rgba(15, 23, 42, 0.28), 0 2px 6px rgba(15, 23, 42, 0.12);
  animation: tdm-in 0.18s ease-out;
}
.tdm[data-pos="left"] .window { right: auto; left: 20px; }
@keyframes tdm-in { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }
.window:focus { outline: none; }

.header {
  padding: 10px 8px 8px 14px; flex: none;
  background: linear-gradient(135deg, var(--tdm-brand), var(--tdm-brand-dark)); color: #fff;
}
.top { display: flex; align-items: center; gap: 10px; }
.tools { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-top: 8px; }
.avatar {
  width: 40px; height: 40px; border-radius: 50%; flex: none;
  background: rgba(255, 255, 255, 0.18); display: flex; align-items: center; justify-content: center;
}
.avatar svg { width: 24px; height: 24px; }
.titles { flex: 1; min-width: 0; }
.title { margin: 0; font-size: var(--t); font-weight: 700; line-height: 1.3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.status { margin: 2px 0 0; font-size: var(--s); line-height: 1.35; display: flex; align-items: flex-start; gap: 6px; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #4ade80; flex: none; margin-top: calc(0.675em - 4px); }
.status[data-tone="wait"] .dot { background: #fbbf24; }
.status[data-tone="person"] .dot { background: #60a5fa; }
.status[data-tone="done"] .dot { background: #cbd5e1; }
.status[data-tone="off"] .dot { background: #f87171; }
.langs, .size { border: 1px solid rgba(255, 255, 255, 0.55); border-radius: 99px; }
.langs { display: flex; flex: none; overflow: hidden; }
.langs button, .size {
  min-width: var(--h); min-height: var(--h); padding: 0 8px; background: transparent; color: #fff;
  font-size: var(--m); font-weight: 600;
}
.langs button { border: 0; }
.size { display: flex; align-items: center; gap: 6px; padding-right: 14px; }
.size svg { width: 1.4em; height: 1.4em; }
.size:hover, .icon-btn:hover { background: rgba(255, 255, 255, 0.16); }
.langs button[aria-pressed="true"], .size[aria-pressed="true"] { background: #fff; color: var(--tdm-brand-dark); }
.icon-btn {
  width: var(--h); height: var(--h); flex: none; border: 0; border-radius: 50%; background: transparent; color: #fff;
  display: flex; align-items: center; justify-content: center;
}
.icon-btn svg { width: 24px; height: 24px; }

.banner {
  flex: none; display: flex; align-items: center; gap: 8px; padding: 8px 14px;
  background: var(--tdm-warn-bg); color: #78350f; font-size: var(--m);
}
.banner span { flex: 1; }
.banner button {
  min-height: var(--h); padding: 0 14px; border-radius: 99px; border: 1px solid #b45309;
  background: #fff; color: #78350f; font-weight: 600;
}

.qbar { flex: none; display: flex; align-items: center; gap: 8px; padding-right: 8px; background: var(--tdm-brand-soft); }
.queue {
  flex: 1; margin: 0; padding: 6px 14px; color: var(--tdm-brand-dark);
  font-size: var(--s); font-weight: 600;
}
/* "leave a message" (on the queue line and a notice), and cancel in its form: styled as .handoff */
.notice .leave { display: block; margin: 6px auto 4px; }

/* ---- messages ---- */
.log {
  flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 14px 12px 6px;
  background: #fff; -webkit-overflow-scrolling: touch;
}
.log:focus-visible { outline-offset: -3px; }
.list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 10px; }
.msg { display: flex; flex-direction: column; max-width: 100%; }
.msg-in { align-items: flex-start; }
.msg-out { align-items: flex-end; }
.who { display: flex; align-items: center; gap: 4px; font-size: var(--s); color: var(--tdm-muted); margin: 0 0 3px 4px; }
.who svg { width: 1.15em; height: 1.15em; }
.bubble {
  max-width: 85%; padding: 9px 13px; border-radius: 16px;
  white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word;
}
.msg-bot .bubble { background: var(--tdm-bot); border-top-left-radius: 4px; }
.msg-agent .bubble { background: var(--tdm-agent); border-top-left-radius: 4px; }
.msg-out .bubble { background: var(--tdm-brand); color: #fff; border-top-right-radius: 4px; }
.msg-sending .bubble { opacity: 0.65; }
.msg-failed .bubble { background: #fff; color: var(--tdm-text); border: 2px solid var(--tdm-danger); }
.meta { margin: 4px 4px 0; font-size: var(--s); color: var(--tdm-muted); display: flex; align-items: center; gap: 8px; flex-wrap: wrap; justify-content: flex-end; }
.msg-failed .meta { color: var(--tdm-danger); }
/* attachments: images inline (a click opens them full size), PDFs as a card with name and size */
.src { display: block; font-size: 12px; opacity: .7; margin-top: 2px; }
.atts { display: flex; flex-direction: column; align-items: inherit; gap: 6px; margin-top: 4px; max-width: 85%; }
.att-img img { display: block; max-width: 240px; max-height: 240px; border-radius: 12px; }
.att-file {
  display: flex; align-items: center; gap: 8px; padding: 8px 12px; border: 1px solid var(--tdm-line);
  border-radius: 12px; color: inherit; text-decoration: none; overflow-wrap: anywhere;
}
.att-file small { color: var(--tdm-muted); }
.retry {
  min-height: var(--h); padding: 0 16px; border-radius: 99px; border: 1px solid var(--tdm-danger);
  background: #fff; color: var(--tdm-danger); font-weight: 600; font-size: var(--m);
}
.notice {
  align-self: center; max-width: 92%; text-align: center; font-size: calc(var(--m) - 1px); color: var(--tdm-muted);
  background: #f8fafc; border: 1px solid var(--tdm-line); border-radius: 14px; padding: 4px 12px;
}
.welcome { margin-bottom: 10px; }
.quick { display: flex; flex-wrap: wrap; gap: 8px; margin: 10px 0 4px; }
.quick button {
  min-height: var(--h); padding: 8px 16px; border-radius: 22px; text-align: left;
  border: 1.5px solid var(--tdm-brand); background: #fff; color: var(--tdm-brand-dark); font-size: var(--m); font-weight: 600;
}
.quick button:hover { background: var(--tdm-brand-soft); }
.typing { margin-top: 10px; }
.typing .bubble { display: inline-flex; gap: 5px; align-items: center; padding: 13px 15px; }
.typing i { width: 8px; height: 8px; border-radius: 50%; background: #94a3b8; animation: tdm-blink 1.2s infinite ease-in-out; }
.typing i:nth-child(2) { animation-delay: 0.2s; }
.typing i:nth-child(3) { animation-delay: 0.4s; }
@keyframes tdm-blink { 0%, 80%, 100% { opacity: 0.3; transform: translateY(0); } 40% { opacity: 1; transform: translateY(-3px); } }

/* the rating prompt after a conversation ended */
.csat, .ticket {
  margin: 12px 0 4px; padding: 12px; text-align: center;
  background: #f8fafc; border: 1px solid var(--tdm-line); border-radius: 14px;
}
.ticket { text-align: start; }
.csat p { margin: 0; font-weight: 600; }
.stars button {
  width: var(--h); height: var(--h); padding: 0; border: 0; background: none;
  font-size: calc(var(--h)*0.62); line-height: 1; color: var(--tdm-edge);
}
.stars button[data-on="true"], .stars:hover button { color: #f59e0b; }
.stars button:hover ~ button { color: var(--tdm-edge); }
.csat .input, .ticket .input { width: 100%; margin-top: 6px; border-radius: 12px; }
.send-rating {
  margin-top: 8px; min-height: var(--h); padding: 0 20px; border: 0; border-radius: 99px;
  background: var(--tdm-brand); color: #fff; font-size: var(--m); font-weight: 600;
}
.send-rating:disabled { background: var(--tdm-edge); }
.csat [data-error="true"] { margin-top: 6px; color: var(--tdm-danger); }

/* the form to leave a message */
.ticket label { display: block; margin: 10px 0 2px; font-size: var(--s); font-weight: 600; }
.ticket p { margin: 0; font-size: var(--s); }
.ticket .tk-h { font-size: inherit; font-weight: 700; }
.tk-err { color: var(--tdm-danger); }
.tk-err:empty { display: none; }
.ticket .input { display: block; margin: 0; }
.tk-actions { display: flex; justify-content: flex-end; align-items: flex-end; gap: 8px; margin-top: 4px; }

/* ---- handoff + composer ---- */
.handoff-bar { flex: none; padding: 8px 12px 0; border-top: 1px solid var(--tdm-line); display: flex; }
.handoff, .leave {
  display: inline-flex; align-items: center; gap: 6px; min-height: var(--h); padding: 0 16px;
  border-radius: 99px; border: 1.5px solid var(--tdm-brand); background: #fff; color: var(--tdm-brand-dark);
  font-size: var(--m); font-weight: 700;
}
.handoff svg { width: 1.35em; height: 1.35em; }
.handoff:hover:not(:disabled), .leave:hover { background: var(--tdm-brand-soft); }
.handoff:disabled, .leave:disabled { border-color: var(--tdm-line); color: var(--tdm-muted); background: #f8fafc; }
.composer { flex: none; display: flex; align-items: flex-end; gap: 8px; padding: 8px 12px 4px; }
.input {
  flex: 1; min-height: var(--h); max-height: 140px; resize: none; padding: 10px 14px;
  border: 1.5px solid var(--tdm-edge); border-radius: calc(var(--h) / 2); background: #fff;
  line-height: 1.4; outline: none;
}
.input:focus { border-color: var(--tdm-brand); box-shadow: 0 0 0 3px var(--tdm-ring, rgba(15, 118, 110, 0.18)); }
.input[aria-invalid="true"] { border-color: var(--tdm-danger); }
.send {
  width: var(--h); height: var(--h); flex: none; border: 0; border-radius: 50%;
  background: var(--tdm-brand); color: #fff; display: flex; align-items: center; justify-content: center;
}
.send:disabled { background: #cbd5e1; }
.send svg { width: 22px; height: 22px; }
.attach { width: 32px; height: var(--h); flex: none; padding: 0; border: 0; background: none; color: var(--tdm-muted); }
.attach:hover { color: var(--tdm-brand); }
.attach svg { width: 22px; height: 22px; }
.foot { flex: none; display: flex; gap: 8px; padding: 0 18px 8px; min-height: 22px; font-size: var(--s); color: var(--tdm-muted); }
.error { flex: 1; color: var(--tdm-danger); }
.count { margin-left: auto; white-space: nowrap; }
.count[data-over="true"] { color: var(--tdm-danger); font-weight: 700; }

/* ---- elder-friendly mode: larger text, higher contrast, the person button first, fewer choices ---- */
.tdm[data-elder="true"] {
  --h: 56px; --s: 18px; --m: 20px; --t: 22px; font-size: 20px;
  --tdm-brand: var(--tdm-bd); --tdm-brand-dark: var(--tdm-bdd); --tdm-text: #000; --tdm-muted: #1e293b;
  --tdm-line: #94a3b8; --tdm-edge: #64748b; --tdm-bot: #e9eef4;
}
.tdm[data-elder="true"] .msg-in .bubble { border: 1px solid var(--tdm-line); }
.tdm[data-elder="true"] .handoff-bar { padding: 10px 12px 0; }
.tdm[data-elder="true"] .handoff { flex: 1; justify-content: center; }
.tdm[data-elder="true"] .handoff:not(:disabled) { background: var(--tdm-brand); color: #fff; }
.tdm[data-elder="true"] .quick { flex-direction: column; margin: 0; padding: 8px 12px 0; }
.tdm[data-elder="true"] .count[data-over="false"] { display: none; }
@media (min-width: 480px) {
  .tdm[data-elder="true"] .window { width: 440px; height: min(760px, calc(100vh - 112px)); }
}

/* ---- phones: the chat takes the whole screen ---- */
@media (max-width: 479px) {
  .window {
    inset: 0; width: 100%; height: 100%; max-height: none; border-radius: 0;
    bottom: 0; right: 0; left: 0; top: 0;
  }
  .tdm[data-pos="left"] .window { left: 0; }
  .tdm[data-open="true"] .launcher { display: none; }
  .launcher { bottom: 16px; right: 16px; }
  .tdm[data-pos="left"] .launcher { left: 16px; }
  .header { padding-top: max(12px, env(safe-area-inset-top)); }
  .foot { padding-bottom: max(8px, env(safe-area-inset-bottom)); }
  .bubble { max-width: 88%; }
}
@media (prefers-reduced-motion: reduce) {
  .window, .typing i, .launcher { animation: none; transition: none; }
}
`;
