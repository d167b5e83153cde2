/**
 * The client's IP address behind reverse proxies (pure). TRUST_PROXY says whom to believe:
 * - unset / "false": nobody; the socket's peer is the client (X-Forwarded-For is ignored: anyone can send it);
 * - a number n: the last n hops are our proxies; the client is the address n places from the
 *   right of [...X-Forwarded-For, peer] (1 = one proxy in front: the last X-Forwarded-For entry);
 * - a comma-separated list of proxy IPs: walk from the peer leftwards through X-Forwarded-For while
 *   the address is one of them; the first other address is the client.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'list'; ips: string[] };

export function parseTrustProxy(raw: string | undefined): TrustProxy {
  const v = (raw ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return { kind: 'none' };
  if (/^\d+$/.test(v)) return { kind: 'hops', hops: Number(v) };
  const ips = v.split(',').map((s) => normaliseIp(s.trim())).filter(Boolean);
  if (ips.some((ip) => !/^[0-9a-f.:]+$/i.test(ip))) throw new Error(`TRUST_PROXY must be a hop count or a comma-separated list of proxy IP addresses, not "${v}".`);
  return { kind: 'list', ips };
}

/** "::ffff:127.0.0.1" → "127.0.0.1", so that IPv4 clients on a dual-stack socket compare equal. */
export function normaliseIp(ip: string): string {
  const s = ip.trim().toLowerCase();
  return s.startsWith('::ffff:') && s.includes('.') ? s.slice(7) : s;
}

export function resolveClientIp(trust: TrustProxy, peer: string | undefined, forwardedFor: string | undefined): string {
  const socket = peer ? normaliseIp(peer) : 'local';
  if (trust.kind === 'none' || !forwardedFor) return socket;
  const chain = [...forwardedFor.split(',').map((s) => normaliseIp(s)).filter(Boolean), socket]; // left: client … right: peer
  if (trust.kind === 'hops') return chain[Math.max(0, chain.length - 1 - trust.hops)];
  let i = chain.length - 1;
  while (i > 0 && trust.ips.includes(chain[i])) i -= 1;
  return chain[i];
}
