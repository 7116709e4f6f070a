/** This machine's own addresses: `localhost`, 127.0.0.0/8 and `::1` (bare or in URL brackets). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return /^(localhost|127(?:\.\d{1,3}){3}|::1)$/i.test(bare);
}
