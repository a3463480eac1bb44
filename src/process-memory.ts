import { readFileSync, readdirSync } from 'node:fs';

/** Resident memory in bytes: this Node process, and every process it started (Chromium's tree). */
export interface ProcessMemory {
  node: number;
  /** 0 where there is no /proc to read. */
  children: number;
}

export function processMemory(): ProcessMemory {
  return { node: process.memoryUsage.rss(), children: descendants(process.pid).reduce((sum, pid) => sum + residentBytes(pid), 0) };
}

/** The processes below `root` in the process tree, from /proc/<pid>/stat (Linux). */
export function descendants(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    const ppid = parentOf(name);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(name));
    children.set(ppid, list);
  }
  const found: number[] = [];
  for (let queue = [root]; queue.length > 0;) {
    const kids = children.get(queue.pop()!) ?? [];
    found.push(...kids);
    queue.push(...kids);
  }
  return found;
}

function parentOf(pid: string): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may itself hold spaces and parentheses: fields start after the last ')'.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // the process exited meanwhile
  }
}

function residentBytes(pid: number): number {
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? 0 : Number(kb) * 1024;
  } catch {
    return 0;
  }
}
