/**
 * Reads what the networks check from an encoded image's headers, synchronously and without
 * decoding: format, dimensions, colour space, embedded profile, multi-picture (MPO) marker.
 * Rules are then checked on the bytes actually produced, not on what the renderer meant to make.
 */
export type ProbedFormat = 'jpeg' | 'png' | 'unknown';
export type ProbedColourSpace = 'srgb' | 'grey' | 'cmyk' | 'other';

export interface ImageProbe {
  format: ProbedFormat;
  width: number;
  height: number;
  colourSpace: ProbedColourSpace;
  /** `none`: untagged, which browsers and the networks read as sRGB. */
  iccProfile: 'none' | 'srgb' | 'other';
  /** A JPEG carrying an MPF segment (multi-picture), which Instagram refuses. */
  multiPicture: boolean;
}

const UNKNOWN: ImageProbe = {
  format: 'unknown',
  width: 0,
  height: 0,
  colourSpace: 'other',
  iccProfile: 'none',
  multiPicture: false,
};

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);
const SOS = 0xda;
const APP2 = 0xe2;
const APP14 = 0xee;

export function probeImage(bytes: Buffer): ImageProbe {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return probeJpeg(bytes);
  if (bytes.length > 33 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return probePng(bytes);
  return UNKNOWN;
}

/** Profiles name themselves "sRGB IEC61966-2.1", "sRGB built-in"…, in ASCII or UTF-16. */
function profileKind(profile: Buffer): 'srgb' | 'other' {
  if (profile.length < 20 || profile.toString('latin1', 16, 20) !== 'RGB ') return 'other';
  // Dropping NUL bytes turns UTF-16 ASCII ("\0s\0R\0G\0B") into plain text.
  return profile.toString('latin1').replace(/\0/g, '').includes('sRGB') ? 'srgb' : 'other';
}

function probeJpeg(bytes: Buffer): ImageProbe {
  const result: ImageProbe = { ...UNKNOWN, format: 'jpeg' };
  let components = 0;
  let adobeTransform: number | undefined;
  const iccChunks: Buffer[] = [];
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) break;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === SOS) break;
    const length = bytes.readUInt16BE(at + 2);
    const body = bytes.subarray(at + 4, at + 2 + length);
    if (SOF_MARKERS.has(marker) && body.length >= 6) {
      result.height = body.readUInt16BE(1);
      result.width = body.readUInt16BE(3);
      components = body[5];
    } else if (marker === APP2 && body.toString('latin1', 0, 12) === 'ICC_PROFILE\0') {
      iccChunks[body[12]] = body.subarray(14);
    } else if (marker === APP2 && body.toString('latin1', 0, 4) === 'MPF\0') {
      result.multiPicture = true;
    } else if (marker === APP14 && body.toString('latin1', 0, 5) === 'Adobe' && body.length >= 12) {
      adobeTransform = body[11];
    }
    at += 2 + length;
  }
  if (iccChunks.length > 0)
    result.iccProfile = profileKind(Buffer.concat(iccChunks.filter(Boolean)));
  if (components === 1) result.colourSpace = 'grey';
  else if (components === 4) result.colourSpace = adobeTransform === 2 ? 'other' : 'cmyk';
  else if (components === 3) result.colourSpace = result.iccProfile === 'other' ? 'other' : 'srgb';
  return result;
}

function probePng(bytes: Buffer): ImageProbe {
  const colourType = bytes[25];
  const result: ImageProbe = {
    ...UNKNOWN,
    format: 'png',
    width: bytes.readUInt32BE(16),
    height: bytes.readUInt32BE(20),
    colourSpace: colourType === 0 || colourType === 4 ? 'grey' : 'srgb',
  };
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'sRGB') result.iccProfile = 'srgb';
    if (type === 'iCCP') {
      const name = bytes.toString('latin1', at + 8, at + 8 + Math.min(length, 79)).split('\0')[0];
      result.iccProfile = /srgb/i.test(name) ? 'srgb' : 'other';
      if (result.iccProfile === 'other' && result.colourSpace === 'srgb')
        result.colourSpace = 'other';
    }
    at += 12 + length;
  }
  return result;
}
