import { statfs } from 'node:fs/promises';
import { AppError } from '../http/errors.js';

/** How many bytes may still be written under a directory. */
export interface FreeSpaceProbe {
  freeBytes(dir: string): Promise<number>;
}

/** The real probe: blocks available to an unprivileged user on the directory's filesystem. */
export const statfsProbe: FreeSpaceProbe = {
  async freeBytes(dir) {
    const s = await statfs(dir);
    return Number(s.bavail) * Number(s.bsize);
  },
};

/** Refuses up front rather than fill the disk halfway through a download. */
export async function assertDiskSpace(
  probe: FreeSpaceProbe,
  dir: string,
  neededBytes: number,
): Promise<void> {
  if (neededBytes <= 0) return;
  const free = await probe.freeBytes(dir);
  if (neededBytes > free)
    throw new AppError(
      507,
      'insufficient_disk_space',
      `Not enough disk space: this needs ${neededBytes} bytes (${human(neededBytes)}) but only ${free} bytes (${human(free)}) are free in ${dir}`,
      { neededBytes, freeBytes: free, dir },
    );
}

export function human(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
