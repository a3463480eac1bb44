import { rename, rm, writeFile } from 'node:fs/promises';

/** Temporary files carry this marker, so a resume can sweep the ones an interrupted run left. */
export const TEMP_MARKER = '.tmp-';

/**
 * Writes a file so that readers see either the old content or the whole new content, never a part:
 * the bytes go to a temporary sibling that is then renamed over the target. The folder must exist.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const temp = `${file}${TEMP_MARKER}${process.pid}`;
  try {
    await writeFile(temp, data);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
