/**
 * One endpoint per directory: a LOCK file created exclusively, holding the owner's process id.
 * Two processes appending to one journal would interleave their entries and each replay the
 * other's. A lock whose process is gone (killed, crashed) is stale and taken over, with a note.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'LOCK';

export class LockedError extends Error {}

/** Directories this process holds: a second endpoint in the same process must be refused too. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A process killed but not yet reaped (a zombie) still answers signal 0: Linux shows it as Z.
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

export interface Lock {
  /** Set when a stale lock was taken over: what to tell the user. */
  readonly note?: string;
  release(): void;
}

/** Takes the directory's lock or throws LockedError naming the process that has it. */
export function acquireLock(dir: string): Lock {
  const key = fs.realpathSync(dir);
  const file = path.join(dir, LOCK_FILE);
  let note: string | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx');
      fs.writeSync(fd, `${process.pid}\n`);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw error;
    }
    const text = fs.readFileSync(file, 'utf8').slice(0, 32).trim();
    const pid = /^\d{1,10}$/.test(text) ? Number(text) : undefined;
    const mine = pid === process.pid && held.has(key);
    if (pid !== undefined && (mine || (pid !== process.pid && alive(pid))))
      throw new LockedError(
        `${dir} is in use by another Shardscope endpoint (process ${pid}, lock file ${file}). ` +
          'Stop that endpoint, or choose another --path.',
      );
    note = `took over the lock left by process ${pid ?? `'${text}'`}, which is no longer running`;
    fs.rmSync(file, { force: true });
  }
  held.add(key);
  let released = false;
  return {
    ...(note !== undefined ? { note } : {}),
    release: () => {
      if (released) return;
      released = true;
      held.delete(key);
      fs.rmSync(file, { force: true });
    },
  };
}
