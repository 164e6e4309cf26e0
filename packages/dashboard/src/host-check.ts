import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::']);

/** How a host appears in a URL or a Host header: IPv6 literals in brackets, lower case. */
export function hostForUrl(host: string): string {
  return isIP(host) === 6 ? `[${host.toLowerCase()}]` : host.toLowerCase();
}

/**
 * The Host header values this server answers to. A page on another origin that rebinds its
 * DNS name to 127.0.0.1 still sends its own name as Host, so accepting only the addresses we
 * serve defeats DNS rebinding. Loopback binds also answer to `localhost`; wildcard binds answer
 * to this machine's own addresses, which a rebinding page cannot put in its Host header either.
 */
export function allowedHosts(boundHost: string, port: number): ReadonlySet<string> {
  const names = new Set<string>([boundHost.toLowerCase()]);
  if (LOOPBACK_HOSTS.has(boundHost.toLowerCase())) {
    names.add('127.0.0.1');
    names.add('localhost');
    if (boundHost === '::1') names.add('::1');
  }
  if (WILDCARD_HOSTS.has(boundHost)) {
    names.add('localhost');
    for (const addresses of Object.values(networkInterfaces())) {
      for (const address of addresses ?? []) names.add(address.address.toLowerCase());
    }
    names.delete(boundHost);
  }
  const allowed = new Set<string>();
  for (const name of names) {
    allowed.add(`${hostForUrl(name)}:${port}`);
    if (port === 80) allowed.add(hostForUrl(name));
  }
  return allowed;
}

export function isAllowedHost(allowed: ReadonlySet<string>, header: string | undefined): boolean {
  return header !== undefined && allowed.has(header.trim().toLowerCase());
}

/** The address to print for people: a wildcard bind is reached through loopback. */
export function displayHost(boundHost: string): string {
  if (boundHost === '0.0.0.0') return '127.0.0.1';
  if (boundHost === '::') return '[::1]';
  return hostForUrl(boundHost);
}
