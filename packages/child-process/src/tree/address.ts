// A process's address in the weft process tree is the pid path from the root, joined by '.':
// "4100" is a root, "4100.4123" its child, "4100.4123.4177" a grandchild. A message for an
// address goes down to a child when the address lies under ours, up to the parent otherwise.

export type Address = string;

export function rootAddress(pid: number): Address {
  return String(pid);
}

export function childAddress(parent: Address, pid: number): Address {
  return `${parent}.${pid}`;
}

/** true when `address` is `prefix` itself or a process below it */
export function isWithin(address: Address, prefix: Address): boolean {
  return address === prefix || (address.startsWith(prefix) && address.charCodeAt(prefix.length) === 46 /* '.' */);
}

/** the pid of our child on the way to `to`, or null when `to` is not below us */
export function nextHopDown(self: Address, to: Address): number | null {
  if (!(to.length > self.length && isWithin(to, self))) return null;
  const rest = to.slice(self.length + 1);
  const dot = rest.indexOf('.');
  return Number(dot === -1 ? rest : rest.slice(0, dot));
}

export function pidOf(address: Address): number {
  return Number(address.slice(address.lastIndexOf('.') + 1));
}
