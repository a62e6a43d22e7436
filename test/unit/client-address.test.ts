// What one client may hold (connections, live streams) is counted per client: an IPv4
// address, or an IPv6 address's /64, which one subscriber has whole and picks addresses from.
import { describe, expect, it } from 'vitest';
import { clientOf, HeldPerClient } from '../../src/http/connections.js';

describe('the client an address stands for', () => {
  it('is an IPv4 address itself, written as IPv4 or mapped into IPv6', () => {
    expect(clientOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('::FFFF:203.0.113.7')).toBe('203.0.113.7');
    expect(clientOf('203.0.113.8')).not.toBe(clientOf('203.0.113.7'));
  });

  it("is an IPv6 address's /64, however the address is written", () => {
    const one = '2001:db8:1:2::/64';
    for (const address of [
      '2001:db8:1:2:3:4:5:6',
      '2001:db8:1:2::9',
      '2001:0db8:0001:0002:ffff::1',
      '2001:DB8:1:2:0:0:0:1',
      '2001:db8:1:2::',
    ])
      expect(clientOf(address)).toBe(one);
    expect(clientOf('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(clientOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientOf('::1')).toBe('0:0:0:0::/64');
    expect(clientOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('is empty for a socket that has no address any more', () => {
    expect(clientOf(undefined)).toBe('');
  });
});

describe('what each client holds', () => {
  it('is counted per client, and each one taken is given back once', () => {
    const held = new HeldPerClient();
    const first = held.take('203.0.113.7');
    const second = held.take('203.0.113.7');
    held.take('2001:db8:1:2::/64');
    expect([held.of('203.0.113.7'), held.of('2001:db8:1:2::/64'), held.of('198.51.100.1')]).toEqual(
      [2, 1, 0],
    );
    first();
    first();
    expect(held.of('203.0.113.7')).toBe(1);
    second();
    expect(held.of('203.0.113.7')).toBe(0);
  });
});
