import { describe, expect, it } from 'vitest';
import { parseTrustProxy, resolveClientIp } from '../../../server/auth/client-ip.ts';
import { loadConfig } from '../../../server/config.ts';

describe('client IP behind proxies (TRUST_PROXY)', () => {
  it('ignores X-Forwarded-For unless told to trust a proxy', () => {
    expect(resolveClientIp(parseTrustProxy(undefined), '127.0.0.1', '10.0.0.9')).toBe('127.0.0.1');
    expect(resolveClientIp(parseTrustProxy('false'), '::ffff:127.0.0.1', '10.0.0.9')).toBe('127.0.0.1');
  });

  it('with a hop count, takes the address that many places from the right of the chain', () => {
    const one = parseTrustProxy('1');
    expect(resolveClientIp(one, '127.0.0.1', '10.0.0.9')).toBe('10.0.0.9');
    // A client that sends its own X-Forwarded-For cannot choose its address: nginx appends the real one.
    expect(resolveClientIp(one, '127.0.0.1', '6.6.6.6, 10.0.0.9')).toBe('10.0.0.9');
    expect(resolveClientIp(parseTrustProxy('2'), '127.0.0.1', '6.6.6.6, 10.0.0.9, 192.168.1.2')).toBe('10.0.0.9');
    // More hops than addresses: the leftmost.
    expect(resolveClientIp(parseTrustProxy('5'), '127.0.0.1', '10.0.0.9')).toBe('10.0.0.9');
    expect(resolveClientIp(one, '127.0.0.1', undefined)).toBe('127.0.0.1');
  });

  it('with a list, walks left past the listed proxies only', () => {
    const list = parseTrustProxy('127.0.0.1, 192.168.1.2');
    expect(resolveClientIp(list, '127.0.0.1', '6.6.6.6, 10.0.0.9, 192.168.1.2')).toBe('10.0.0.9');
    // A peer that is not a listed proxy is the client, whatever it claims.
    expect(resolveClientIp(list, '10.1.1.1', '6.6.6.6')).toBe('10.1.1.1');
  });

  it('refuses a TRUST_PROXY that is neither a count nor a list of addresses', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toEqual({ kind: 'hops', hops: 1 });
  });
});
