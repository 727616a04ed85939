// Who may use the proxy, and where it may forward. On loopback only this machine can reach it. A listener
// on a network address would be an open proxy into everything this machine reaches, its own
// loopback-only services included, so it needs an allow-list of client addresses, and requests to the
// machine's own addresses are refused unless the tester says otherwise.

import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { InputError } from '../core/errors.ts';

/** A listen address or client allow-list that would expose the proxy: the options are wrong. */
export class ListenerPolicyError extends InputError {}

export interface ListenerPolicy {
  /** Whether a connecting client may use the proxy. */
  allowsClient(address: string | undefined): boolean;
  /** Whether a request to this host may be forwarded (false: it would reach this machine itself). */
  allowsUpstream(hostname: string): Promise<boolean>;
  /** The allow-list as given, for the child engine (mitmproxy); empty when any client may connect. */
  clientCidrs: string[];
  guardsUpstream: boolean;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * A loopback listener with no allow-list: anything goes (only local processes reach it). A non-loopback
 * listener needs allowClients (CIDRs or single addresses). Whenever an allow-list is given the proxy
 * serves other devices, so requests to this machine's own addresses are refused unless allowed.
 */
export function listenerPolicy(listenHost: string, allowClients: readonly string[] = [], allowLoopbackUpstream = false): ListenerPolicy {
  if (!allowClients.length) {
    if (isLoopbackHost(listenHost)) return { allowsClient: () => true, allowsUpstream: async () => true, clientCidrs: [], guardsUpstream: false };
    throw new ListenerPolicyError(
      `the proxy would listen on ${listenHost}, reachable from the network, with no allow-list: anyone there could use it to reach any host, ` +
        "this machine's own services included. Name the devices' network with --allow <cidr,...> (e.g. --allow 192.168.1.0/24), or listen on 127.0.0.1",
    );
  }
  const list = new BlockList();
  for (const cidr of allowClients) addCidr(list, cidr);
  return {
    allowsClient: (address) => {
      if (!address) return false;
      const a = unmapIpv4(address);
      return list.check(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');
    },
    allowsUpstream: allowLoopbackUpstream ? async () => true : async (hostname) => !(await reachesThisMachine(hostname)),
    clientCidrs: [...allowClients],
    guardsUpstream: !allowLoopbackUpstream,
  };
}

function addCidr(list: BlockList, cidr: string): void {
  const [net, bits, extra] = cidr.trim().split('/');
  const family = isIP(net ?? '');
  const prefix = bits === undefined ? (family === 6 ? 128 : 32) : Number(bits);
  if (!family || extra !== undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
    throw new ListenerPolicyError(`--allow: "${cidr}" is not an address or CIDR network (e.g. 192.168.1.0/24, 10.0.0.7, fd00::/8)`);
  }
  list.addSubnet(net!, prefix, family === 6 ? 'ipv6' : 'ipv4');
}

/** "::ffff:192.168.1.5" (a v4 client on a dual-stack socket) is 192.168.1.5. */
function unmapIpv4(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m ? m[1]! : address;
}

/** Loopback, unspecified, or one of this machine's interface addresses; a name counts by what it resolves to. */
async function reachesThisMachine(hostname: string): Promise<boolean> {
  const host = hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch {
    return false; // unresolvable: the passthrough fails on its own
  }
  const own = new Set(Object.values(networkInterfaces()).flat().map((i) => i?.address));
  return addresses.map(unmapIpv4).some((a) => /^127\./.test(a) || a === '::1' || a === '0.0.0.0' || a === '::' || own.has(a));
}
