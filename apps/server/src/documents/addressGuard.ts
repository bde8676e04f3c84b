import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * The SSRF guard shared by every outgoing request a workspace's admin or staff can aim (a document fetched by
 * URL, the language-model provider's base URL): addresses inside the host's network are refused unless the
 * deployment allows them.
 */

/** Addresses a request must not reach unless allowed: loopback, private, link-local, carrier NAT, multicast… */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, prefix, 'ipv6');

/** Is this address one a request must not reach (an IPv4-mapped IPv6 address counts as its IPv4 one)? */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return blocked.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The error code of a connection the guard refused (in its DNS lookup). */
export const PRIVATE_ADDRESS_CODE = 'EPRIVATE';

/**
 * Is the URL's host an IP address inside the network? (A connection to an IP address makes no DNS lookup, so
 * the guarded lookup below never sees it: check these before connecting.)
 */
export function isPrivateLiteralHost(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return isIP(host) !== 0 && isPrivateAddress(host);
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A DNS lookup for `http.request`'s `lookup` option that refuses (error code EPRIVATE) when any address the
 * name resolves to is inside the network: checked in the connection's own lookup, so a name cannot resolve to
 * a public address when checked and to a private one when connected. `allowPrivate` lets everything through.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: object, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      if (!allowPrivate && list.some((a) => isPrivateAddress(a.address))) {
        const error: NodeJS.ErrnoException = new Error('private address');
        error.code = PRIVATE_ADDRESS_CODE;
        return callback(error, '');
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * Where the URL's host name resolves now, when that is inside the network (for a clear refusal when a setting
 * is saved; the connection's own lookup stays the guard). Null when it is public or does not resolve.
 */
export async function resolvesPrivate(url: URL): Promise<string | null> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isPrivateAddress(host) ? host : null;
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (err, list) => resolve(err ? [] : list)),
  );
  return addresses.find((a) => isPrivateAddress(a.address))?.address ?? null;
}
