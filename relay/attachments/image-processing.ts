/**
 * Every image is re-encoded before it is stored: orientation applied (`rotate()` reads
 * EXIF once and bakes it in), all metadata dropped (sharp writes none unless asked, so no
 * EXIF, GPS, XMP or camera serial survives), the longest side capped, and a thumbnail
 * made from the result. HEIC/HEIF (iPhone photos) is converted to JPEG first, since
 * browsers other than Safari cannot show it.
 */
import sharp, { type Sharp } from 'sharp';
import heicConvert from 'heic-convert';
import { ATTACHMENT_LIMITS, type AcceptedMime } from '../../protocol/attachment-limits.ts';
import { ClientError } from '../errors.ts';
import { createSlots } from './processing-slots.ts';

/** Pixels sharp will decode at most: a 100-megapixel panorama passes, a decompression bomb does not. */
const MAX_INPUT_PIXELS = 100_000_000;
/**
 * libjpeg-turbo at 85, not mozjpeg: on a 12 MP photo mozjpeg saved ~20 % of the bytes and
 * cost ten times the time (2.9 s against 0.27 s, bench/attachment-bench.ts).
 */
const JPEG_QUALITY = 85;
const HEIC_TO_JPEG_QUALITY = 0.92;
/** Images processed at once per relay (the machine's cores are shared with everything else). */
const PROCESSING_SLOTS = 2;
const inSlot = createSlots(PROCESSING_SLOTS);

export interface ProcessedImage {
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  body: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

const OUTPUT = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
} as const;

function encode(image: Sharp, mime: ProcessedImage['mime']): Sharp {
  const format = OUTPUT[mime];
  return format === 'jpeg' ? image.jpeg({ quality: JPEG_QUALITY }) : format === 'png' ? image.png() : image.webp();
}

const fitInside = (side: number) => ({ width: side, height: side, fit: 'inside' as const, withoutEnlargement: true });

export function processImage(body: Buffer, detected: AcceptedMime): Promise<ProcessedImage> {
  return inSlot(() => reencode(body, detected));
}

const isHeic = (detected: AcceptedMime) => detected === 'image/heic' || detected === 'image/heif';

/** The image as sharp reads it: HEIC converted to JPEG first, the pixel limit set, orientation applied. */
async function decoded(body: Buffer, detected: AcceptedMime): Promise<Sharp> {
  const input = isHeic(detected) ? Buffer.from(await heicConvert({ buffer: body, format: 'JPEG', quality: HEIC_TO_JPEG_QUALITY })) : body;
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).rotate();
}

/**
 * A staff member's photo (issue 13 §3): the same decoding, limits and slots as an
 * attachment, cut to a centred square of `side` pixels, WebP, no metadata.
 */
export function squarePhoto(body: Buffer, detected: AcceptedMime, side: number): Promise<Buffer> {
  return inSlot(async () => {
    try {
      return await (await decoded(body, detected)).resize({ width: side, height: side, fit: 'cover' }).webp().toBuffer();
    } catch {
      throw new ClientError('ATTACHMENT_TYPE', { reason: 'unreadable image' });
    }
  });
}

async function reencode(body: Buffer, detected: AcceptedMime): Promise<ProcessedImage> {
  const mime: ProcessedImage['mime'] = isHeic(detected) ? 'image/jpeg' : (detected as ProcessedImage['mime']);
  try {
    const { data, info } = await encode((await decoded(body, detected)).resize(fitInside(ATTACHMENT_LIMITS.imageSideMax)), mime).toBuffer({
      resolveWithObject: true,
    });
    const thumb = await encode(sharp(data).resize(fitInside(ATTACHMENT_LIMITS.thumbSideMax)), mime).toBuffer();
    return { mime, body: data, thumb, width: info.width, height: info.height };
  } catch {
    // Magic bytes of an image with a body no decoder reads (truncated, crafted, too many pixels).
    throw new ClientError('ATTACHMENT_TYPE', { reason: 'unreadable image' });
  }
}
