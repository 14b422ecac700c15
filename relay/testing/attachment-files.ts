/**
 * Attachments for tests and benchmarks: sample files made with sharp (a photo carrying
 * EXIF GPS and an orientation), hostile ones (HTML named .jpg, SVG), and `uploadFile`,
 * which speaks `POST /api/v1/attachments` as the widget or the console would.
 */
import { readdirSync } from 'node:fs';
import sharp from 'sharp';
import { ATTACHMENT_UPLOAD_PATH, FILE_NAME_HEADER, IDEMPOTENCY_KEY_HEADER } from '../../protocol/attachment-limits.ts';
import { newClientMessageId } from '../../protocol/ids.ts';

/** Where a photo with GPS in it was "taken": the test looks for these bytes afterwards. */
export const GPS_EXIF = { GPSLatitudeRef: 'N', GPSLatitude: '55/1 45/1 2100/100', GPSLongitudeRef: 'E', GPSLongitude: '37/1 37/1 1800/100' };
export const CAMERA_MAKE = 'ClinicChatTestCamera';

/** A JPEG of `width`×`height` stored sideways (EXIF orientation 6) with GPS and camera EXIF. */
export async function photoWithGps(width = 400, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 80, b: 60 } } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD0: { Make: CAMERA_MAKE }, IFD3: GPS_EXIF })
    .toBuffer();
}

/** A noisy photo-like JPEG (noise resists compression like a real photo): for the benchmark's 12 MP. */
export async function noisyPhoto(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .withExif({ IFD3: GPS_EXIF })
    .toBuffer();
}

export const pngImage = () =>
  sharp({ create: { width: 64, height: 48, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } })
    .png()
    .toBuffer();

export const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
export const HTML_AS_JPEG = Buffer.from('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
);

export interface UploadOptions {
  /** The thread the file is for, or `answers` for the clinic's ready answers. */
  threadId: string | 'answers';
  body: Buffer;
  /** The patient's visitor token (the widget) … */
  token?: string;
  /** … or a staff session cookie (the console). */
  cookie?: string;
  key?: string;
  name?: string;
  contentType?: string;
  origin?: string;
}

export async function uploadFile(url: string, options: UploadOptions): Promise<{ status: number; body: Record<string, any> }> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/octet-stream',
    [IDEMPOTENCY_KEY_HEADER]: options.key ?? newClientMessageId(),
  };
  if (options.name) headers[FILE_NAME_HEADER] = encodeURIComponent(options.name);
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin) headers.origin = options.origin;
  const query = options.threadId === 'answers' ? 'scope=answers' : `threadId=${encodeURIComponent(options.threadId)}`;
  const response = await fetch(`${url}${ATTACHMENT_UPLOAD_PATH}?${query}`, {
    method: 'POST',
    headers,
    body: new Uint8Array(options.body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Every file under a directory, recursively (relative paths): what a storage directory holds. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `${entry.parentPath}/${entry.name}`.slice(dir.length + 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
