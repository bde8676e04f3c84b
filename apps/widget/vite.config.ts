import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Squeezes the whitespace and comments out of the stylesheet string in styles.css.ts. */
function minifyStyles(): Plugin {
  return {
    name: 'tandem-minify-styles',
    transform(code, id) {
      if (!id.endsWith('/styles.css.ts')) return null;
      return code.replace(/`([^`]*)`/, (_match, css: string) => {
        const small = css
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>~])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .replace(/\s+!important/g, '!important')
          .replace(/="([a-z]+)"\]/g, '=$1]') // [data-open="true"] → [data-open=true]
          .replace(/([^\w.])0\.(\d)/g, '$1.$2') // 0.5 → .5
          .trim();
        return `\`${small}\``;
      });
    },
  };
}

/**
 * The widget connects over long-polling and WebSocket only (see socket.ts `transports`), so engine.io's
 * WebTransport transport is never used: replace it with an empty class to keep ~2.5 kB (0.8 kB gzipped) out of the bundle.
 */
function withoutWebTransport(): Plugin {
  const stub = '\0tandem-no-webtransport';
  return {
    name: 'tandem-without-webtransport',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './webtransport.js' && importer?.includes('engine.io-client')) return stub;
      return null;
    },
    load(id) {
      return id === stub ? 'export class WT {}' : null;
    },
  };
}

/**
 * The widget and the server exchange JSON only (messages, statuses, typing: see @tandem/protocol); nothing
 * binary ever travels over the socket. Replace socket.io's binary-attachment support (buffer detection,
 * packet splitting and reassembly, base64 decoding of binary packets) with stand-ins that say "no
 * binary here", which keeps about 0.6 kB gzipped out of the bundle. Should binary payloads ever be added
 * to the widget protocol, drop this plugin.
 */
/**
 * For the same reason, engine.io's packet encoder and decoder are replaced with text-only ones (no Blob or
 * ArrayBuffer branches, no base64 binary packets: a binary packet decodes as an error packet, which the
 * connection treats as a parser error): about 0.3 kB gzipped less.
 */
function textOnlyPackets(): Plugin {
  const texts: Record<string, string> = {
    '/engine.io-parser/build/esm/encodePacket.browser.js': `import { PACKET_TYPES } from './commons.js';
export const encodePacket = ({ type, data }, _supportsBinary, callback) => callback(PACKET_TYPES[type] + (data || ''));
export const encodePacketToBinary = () => { throw new Error('binary packets are not supported'); };`,
    '/engine.io-parser/build/esm/decodePacket.browser.js': `import { ERROR_PACKET, PACKET_TYPES_REVERSE } from './commons.js';
export const decodePacket = (packet) => {
  const type = typeof packet === 'string' ? PACKET_TYPES_REVERSE[packet[0]] : undefined;
  return !type ? ERROR_PACKET : packet.length > 1 ? { type, data: packet.slice(1) } : { type };
};`,
  };
  return {
    name: 'tandem-text-only-packets',
    enforce: 'pre',
    transform(_code, id) {
      const key = Object.keys(texts).find((end) => id.endsWith(end));
      return key ? { code: texts[key] as string, map: null } : null;
    },
  };
}

function withoutBinary(): Plugin {
  const stubs: Record<string, [string, string]> = {
    './is-binary.js': ['socket.io-parser', 'export const isBinary = () => false, hasBinary = () => false;'],
    './binary.js': [
      'socket.io-parser',
      'export const deconstructPacket = (packet) => ({ packet, buffers: [] }), reconstructPacket = (packet) => packet;',
    ],
    './contrib/base64-arraybuffer.js': [
      'engine.io-parser',
      'export const decode = () => { throw new Error("binary packets are not supported"); };',
    ],
  };
  const prefix = '\0tandem-no-binary:';
  return {
    name: 'tandem-without-binary',
    enforce: 'pre',
    resolveId(source, importer) {
      const stub = stubs[source];
      return stub && importer?.includes(`/${stub[0]}/`) ? prefix + source : null;
    },
    load(id) {
      return id.startsWith(prefix) ? (stubs[id.slice(prefix.length)]?.[1] ?? null) : null;
    },
  };
}

/**
 * engine.io-client parses the server's address with a long regular expression (and query and path helpers),
 * written for browsers without `URL`; every browser the widget supports has it. Replace the parser with one on
 * `URL` returning the fields socket.io reads (protocol without ":", host without IPv6 brackets, port, path,
 * query): about 0.4 kB gzipped less.
 */
function urlParser(): Plugin {
  const stub = '\0tandem-parseuri';
  return {
    name: 'tandem-parseuri',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === './contrib/parseuri.js' && importer?.includes('engine.io-client')) return stub;
      return null;
    },
    load(id) {
      if (id !== stub) return null;
      return `export function parse(source) {
        const url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(source) ? source : 'http://' + source);
        const host = url.hostname;
        return {
          source, protocol: url.protocol.slice(0, -1), host: host.replace(/^\\[|\\]$/g, ''), port: url.port,
          path: url.pathname, query: url.search.slice(1), queryKey: Object.fromEntries(url.searchParams),
          ipv6uri: host[0] === '[',
        };
      }`;
    },
  };
}

/**
 * Escapes every non-ASCII character (they occur only inside string literals: the Chinese dictionary),
 * so the script reads the same even where a page or CDN serves it as GBK or Latin-1 instead of UTF-8.
 */
function asciiOnly(): Plugin {
  return {
    name: 'tandem-ascii-only',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        chunk.code = chunk.code.replace(
          /[\u0080-\uffff]/g,
          (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [
    minifyStyles(),
    withoutWebTransport(),
    withoutBinary(),
    textOnlyPackets(),
    urlParser(),
    asciiOnly(),
  ],
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    reportCompressedSize: false,
    lib: {
      entry: 'src/main.ts',
      name: 'TandemWidget',
      formats: ['iife'],
      fileName: () => 'widget.js',
    },
    rolldownOptions: {
      treeshake: {
        // The widget imports only types and two constants from @tandem/protocol: let the zod schemas
        // around them (z.object(...) and storableString() calls at module level) be dropped, or zod
        // lands in the bundle (43 kB gzipped instead of 25).
        manualPureFunctions: ['z', 'storableString'],
        moduleSideEffects: (id: string) =>
          !id.includes('/packages/protocol/') && !id.includes('/node_modules/zod/'),
      },
    },
  },
});
