/**
 * The X fake's v2 media upload: initialize (media_type mandatory, images ≤ 5 MB) → append
 * (multipart, by segment index) → finalize (bytes add up and match the type), and alt text.
 */
import { isJpeg, isPng, RecordedRequest, Reply } from './fake-http';
import { invalid } from './x-rules';

export interface FakeUpload {
  id: string;
  owner: string;
  mediaType: string;
  totalBytes: number;
  chunks: Buffer[];
  finalized: boolean;
  altText?: string;
}

const IMAGE_MAX_BYTES = 5 * 1024 * 1024;

export class XMediaFake {
  readonly uploads = new Map<string, FakeUpload>();

  constructor(
    private readonly nextId: () => string,
    private readonly now: () => Date,
  ) {}

  initialize(req: RecordedRequest, owner: string): Reply {
    const mediaType = req.body.media_type;
    const totalBytes = Number(req.body.total_bytes);
    if (typeof mediaType !== 'string') return invalid('media_type is required');
    if (!['image/jpeg', 'image/png'].includes(mediaType)) {
      return invalid(`Unsupported media_type ${mediaType}`);
    }
    if (!(totalBytes > 0) || totalBytes > IMAGE_MAX_BYTES) {
      return invalid('total_bytes must be 1 byte to 5 MB for images');
    }
    const id = this.nextId();
    this.uploads.set(id, { id, owner, mediaType, totalBytes, chunks: [], finalized: false });
    return {
      status: 200,
      body: { data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } },
    };
  }

  append(req: RecordedRequest, id: string, owner: string): Reply {
    const upload = this.uploads.get(id);
    if (!upload || upload.owner !== owner || upload.finalized)
      return invalid(`Unknown upload ${id}`);
    const media = req.files.media;
    const index = Number(req.body.segment_index);
    if (!media || !Number.isInteger(index)) return invalid('append needs segment_index and media');
    upload.chunks[index] = media;
    const expiresAt = Math.floor(this.now().getTime() / 1000) + 86_400;
    return { status: 200, body: { data: { expires_at: expiresAt } } };
  }

  finalize(id: string, owner: string): Reply {
    const upload = this.uploads.get(id);
    if (!upload || upload.owner !== owner) return invalid(`Unknown upload ${id}`);
    const bytes = Buffer.concat(upload.chunks);
    if (bytes.length !== upload.totalBytes) return invalid('Segments do not add up to total_bytes');
    const kindOk = upload.mediaType === 'image/jpeg' ? isJpeg(bytes) : isPng(bytes);
    if (!kindOk) return invalid('The media does not match its media_type');
    upload.finalized = true;
    return {
      status: 200,
      body: { data: { id, media_key: `3_${id}`, size: bytes.length, expires_after_secs: 86_400 } },
    };
  }

  status(id: string): Reply {
    if (!this.uploads.get(id)?.finalized) return invalid(`Unknown upload ${id}`);
    return { status: 200, body: { data: { id, processing_info: { state: 'succeeded' } } } };
  }

  metadata(req: RecordedRequest, owner: string): Reply {
    const id = String(req.body.id ?? '');
    const upload = this.uploads.get(id);
    if (!upload || upload.owner !== owner) return invalid(`Unknown media ${id}`);
    const metadata = req.body.metadata as { alt_text?: { text?: string } } | undefined;
    const text = metadata?.alt_text?.text;
    if (typeof text !== 'string' || [...text].length > 1000) {
      return invalid('alt_text.text must be 1 to 1000 characters');
    }
    upload.altText = text;
    return { status: 200, body: { data: { id, associated_metadata: { alt_text: { text } } } } };
  }

  /** Finalized media of this user, ready to attach to a post. */
  ready(id: string, owner: string): boolean {
    const upload = this.uploads.get(id);
    return Boolean(upload?.finalized && upload.owner === owner);
  }
}
