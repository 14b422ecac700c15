/** Attachment files on the local disk, under a directory of their own (never the web root). */
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import type { AttachmentStorage } from './storage.ts';

export function createFsStorage(dir: string): AttachmentStorage {
  const root = resolve(dir);
  const pathOf = (key: string) => join(root, key);

  return {
    async put(key, body) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      // Written aside and renamed: a reader never sees half a file.
      const partial = `${path}.${randomBytes(6).toString('hex')}.part`;
      await writeFile(partial, body, { mode: 0o600 });
      await rename(partial, path);
    },

    async get(key) {
      try {
        // Opened first, so a missing file is null here rather than an error mid-response.
        const handle = await open(pathOf(key), 'r');
        return handle.createReadStream() as Readable;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },

    close() {},
  };
}
